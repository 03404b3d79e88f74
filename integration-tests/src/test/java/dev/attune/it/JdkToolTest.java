package dev.attune.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.it.fixture.ProbeApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** With the agent in JAVA_TOOL_OPTIONS, JDK tools run as if it were absent; applications still get it. */
class JdkToolTest {

    private static final String OPTIONS = "-javaagent:" + ForkedJvm.AGENT_JAR.getAbsolutePath()
            + " -Dattune.methods=" + ProbeApp.Work.class.getName() + "#call";

    private static String[] run(String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(command));
        cmd.set(0, Path.of(System.getProperty("java.home"), "bin", command[0]).toString());
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
        builder.environment().put("JAVA_TOOL_OPTIONS", OPTIONS);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", cmd));
        return new String[] {Integer.toString(p.exitValue()), out};
    }

    @Test
    void jdkToolsNeverStartTheAgent() throws Exception {
        String[][] tools = {{"jps", "-l"}, {"jcmd", "-l"}, {"javac", "-version"}, {"jar", "--version"},
                {"jfr", "version"}};
        for (String[] tool : tools) {
            String[] result = run(tool);
            // The JVM itself echoes the variable ("Picked up JAVA_TOOL_OPTIONS: ..."): that line is not the agent.
            // jps and jcmd list every JVM of the machine, "<pid> <main class>": other builds' fixture apps too.
            List<String> agentLines = result[1].lines()
                    .filter(l -> !l.startsWith("Picked up JAVA_TOOL_OPTIONS"))
                    .filter(l -> !l.matches("\\d+ .*"))
                    .filter(l -> l.contains("attune")).collect(Collectors.toList());
            assertEquals(List.of(), agentLines, tool[0] + " printed agent lines:\n" + result[1]);
            assertEquals("0", result[0], tool[0] + " exit code\n" + result[1]);
        }
    }

    @Test
    void anApplicationStartedTheSameWayGetsTheAgent() throws Exception {
        String[] result = run("java", "-cp", System.getProperty("attune.fixture.classes"),
                ProbeApp.class.getName(), "--calls", "10");
        assertEquals("0", result[0], result[1]);
        assertTrue(result[1].contains(" event=agent_started "), result[1]);
    }
}
