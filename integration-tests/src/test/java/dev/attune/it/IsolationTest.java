package dev.attune.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.it.fixture.IsolationApp;
import dev.attune.it.fixture.ProbeApp;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * An application bundling other versions of every library the agent bundles (Byte Buddy, Agrona,
 * HdrHistogram, OSHI, JNA, SLF4J) runs unchanged with the agent: same output, every class from its own
 * jars, none of the agent's classes visible, and the agent still timing its methods.
 */
class IsolationTest {

    private static String[] appLibs() {
        File dir = new File(System.getProperty("attune.app.libs"));
        File[] jars = dir.listFiles((d, name) -> name.endsWith(".jar"));
        assertTrue(jars != null && jars.length >= 7, "application libraries in " + dir);
        return Arrays.stream(jars).map(File::getAbsolutePath).sorted().toArray(String[]::new);
    }

    @Test
    void applicationKeepsItsOwnLibrariesAndSeesNoneOfTheAgents() throws Exception {
        ForkedJvm.Result without = ForkedJvm.java().fixture(IsolationApp.class, appLibs()).run(120);
        ForkedJvm.Result with = ForkedJvm.java().agent(null)
                .property("attune.methods", ProbeApp.Work.class.getName() + "#call")
                .property("attune.interval", "200ms")
                .fixture(IsolationApp.class, appLibs()).args("--report").run(120);
        assertEquals(0, without.exitCode, without.toString());
        assertEquals(0, with.exitCode, with.toString());

        List<String> plain = without.stdout.lines().collect(Collectors.toList());
        List<String> agented = with.stdout.lines().limit(plain.size()).collect(Collectors.toList());
        assertEquals(plain, agented, "the application's own output is unchanged by the agent");

        Map<String, String> versions = Arrays.stream(System.getProperty("attune.app.versions").split(","))
                .map(kv -> kv.split("=")).collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
        String[][] expected = {
                {"bytebuddy", "byte-buddy-" + versions.get("byte-buddy") + ".jar"},
                {"agrona", "agrona-" + versions.get("agrona") + ".jar"},
                {"hdrhistogram", "HdrHistogram-" + versions.get("HdrHistogram") + ".jar"},
                {"jna", "jna-" + versions.get("jna") + ".jar"},
                {"oshi", "oshi-core-" + versions.get("oshi-core") + ".jar"},
        };
        for (String[] e : expected) {
            assertTrue(agented.stream().anyMatch(l -> l.startsWith(e[0] + " works=") && !l.contains("works=false")
                            && l.endsWith(" from=" + e[1])),
                    e[0] + " from the application's own " + e[1] + "\n" + with);
        }
        assertTrue(agented.stream().filter(l -> l.startsWith("visible ")).allMatch(l -> l.endsWith("=false")),
                with.toString());
        assertTrue(with.stdout.contains("figure method=" + ProbeApp.Work.class.getName() + "#call totalCount=500 "),
                "the agent timed the application's method meanwhile\n" + with);
        // The agent adds no JVM or SLF4J warning of its own; on JDK 24 and later the application's own old Agrona
        // and JNA print warnings (sun.misc.Unsafe, native access) with or without the agent.
        assertEquals(warnings(without.stderr), warnings(with.stderr), with.toString());
    }

    private static List<String> warnings(String stderr) {
        return stderr.lines().filter(l -> !l.contains(" logger=attune "))
                .filter(l -> l.contains("WARNING") || l.contains("SLF4J")).sorted().collect(Collectors.toList());
    }
}
