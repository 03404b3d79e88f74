package dev.attune.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.it.fixture.ManyMethodsApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A broad pattern never costs the host its memory: 10,000 methods instrumented, 100 of them called, in a forked
 * JVM with the real agent; the heap after GC is compared with the same program without the agent, and with the
 * agent timing nothing or nothing called. JFR and OS signals and pool discovery are off: they are not per method,
 * and their own heap would only blur the figures.
 */
class ManyMethodsMemoryTest {

    private static final int CLASSES = 100;
    private static final int METHODS_PER_CLASS = 100;
    private static final int METHODS = CLASSES * METHODS_PER_CLASS;
    private static final int CALLED = CLASSES; // one method of each class
    private static final int ROUNDS = 1_000;
    private static final int MBEANS = 20;
    private static Path classes;

    /** Writes and compiles {@code gen.many.C0..C99} (100 static methods each) and {@code gen.caller.Caller}. */
    @BeforeAll
    static void generateClasses() throws Exception {
        Path dir = Scratch.dir("many-methods");
        Path src = Files.createDirectories(dir.resolve("src"));
        classes = Files.createDirectories(dir.resolve("classes"));
        List<String> files = new ArrayList<>();
        StringBuilder caller = new StringBuilder("package gen.caller;\npublic final class Caller {\n"
                + "    public static long callSome(int x) {\n        long sum = 0;\n");
        for (int c = 0; c < CLASSES; c++) {
            StringBuilder java = new StringBuilder("package gen.many;\npublic final class C" + c + " {\n");
            for (int m = 0; m < METHODS_PER_CLASS; m++) {
                java.append("    public static int m").append(m).append("(int x) { return x * 31 + ").append(m)
                        .append("; }\n");
            }
            Path file = src.resolve("C" + c + ".java");
            Files.writeString(file, java.append("}\n"));
            files.add(file.toString());
            caller.append("        sum += gen.many.C").append(c).append(".m0(x);\n");
        }
        Path callerFile = src.resolve("Caller.java");
        Files.writeString(callerFile, caller.append("        return sum;\n    }\n}\n"));
        files.add(callerFile.toString());
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-nowarn"));
        args.addAll(files);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, args.toArray(new String[0])), "generated classes compile");
    }

    private static ForkedJvm.Result run(ForkedJvm jvm, int rounds, String... agentArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of(String.valueOf(CLASSES), String.valueOf(rounds)));
        args.addAll(List.of(agentArgs));
        ForkedJvm.Result result = jvm.jvmArg("-XX:+UseSerialGC", "-Xms256m", "-Xmx256m")
                .fixture(ManyMethodsApp.class, classes.toString()).args(args.toArray(new String[0])).run(120);
        assertEquals(0, result.exitCode, result.toString());
        return result;
    }

    private static long heapUsed(ForkedJvm.Result result) {
        return Long.parseLong(result.stdout.replaceAll("(?s).*heap_used=(\\d+).*", "$1"));
    }

    private static ForkedJvm withAgent(String methods) {
        return ForkedJvm.java().agent(null)
                .property("attune.methods", methods)
                .property("attune.interval", "200ms")
                .property("attune.signals.jfr", "false")
                .property("attune.signals.os", "false")
                .property("attune.tuner.pools", "false")
                .property("attune.jmx.methods", String.valueOf(MBEANS));
    }

    @Test
    void tenThousandMethodsCostAFewHundredBytesEachIdleAndAFewKilobytesCalled() throws Exception {
        String all = "gen.many.*#*";
        long without = heapUsed(run(ForkedJvm.java(), ROUNDS));
        long timingNothing = heapUsed(run(withAgent("gen.nothing.*#*"), 0, "--agent", "0"));
        long noneCalled = heapUsed(run(withAgent(all), 0, "--agent", "0"));
        ForkedJvm.Result called = run(withAgent(all), ROUNDS, "--agent", String.valueOf(CALLED));
        long someCalled = heapUsed(called);
        assertTrue(called.stdout.contains("method_mbeans=" + MBEANS + "\n"), "MBeans for the busiest only: " + called);
        assertTrue(called.stdout.contains("table_lines=" + CALLED + "\n"), "the table lists every called method: "
                + called);

        long added = someCalled - without;
        long perIdle = (noneCalled - timingNothing) / METHODS;
        long perCalled = (someCalled - noneCalled) / CALLED;
        System.out.printf("heap after GC: without agent %,d B; agent timing nothing %,d B; %,d methods none called"
                        + " %,d B; %d called %,d B; added %,d B; per idle method %,d B; per called method %,d B%n",
                without, timingNothing, METHODS, noneCalled, CALLED, someCalled, added, perIdle, perCalled);
        assertTrue(added < 20L << 20, "the agent added " + added + " bytes for " + METHODS + " methods");
        assertTrue(perIdle < 400, perIdle + " bytes a method instrumented but never called");
        assertTrue(perCalled < 16 * 1024, perCalled + " bytes a method called");
    }
}
