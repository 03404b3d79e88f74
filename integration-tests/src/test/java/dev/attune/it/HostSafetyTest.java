package dev.attune.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.it.fixture.HazardApp;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real agent jar on forked JVMs that do what can hurt an agent: overflow their stacks inside timed methods,
 * time the JDK classes the agent runs on, throw from timed methods nonstop while exiting or being stopped.
 */
class HostSafetyTest {

    private static final String WORK = HazardApp.Work.class.getName();

    @Test
    void stackOverflowsInsideTimedMethodsNeverStopTheCountingOfLaterCalls() throws Exception {
        ForkedJvm.Result result = ForkedJvm.java().agent(null)
                // Whether an overflow strikes between a claim and its commit depends on what the JIT has compiled:
                // with the ring buffer's commit left to the interpreter (a bigger frame than the compiled claim's),
                // nearly every overflow does. A small stack makes the overflows few events and quick.
                .jvmArg("-Xss256k", "-XX:CompileCommand=quiet",
                        "-XX:CompileCommand=exclude,org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer::commit",
                        "-XX:CompileCommand=dontinline,org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer::commit")
                .property("attune.methods", WORK + "#*")
                .property("attune.interval", "200ms")
                // Every call through the ring buffers, none counted in place; room for all of them while a stripe
                // waits for its abandoned claims to be released.
                .property("attune.hot-methods.rate", "0")
                .property("attune.buffer.bytes", "64MB")
                .fixture(HazardApp.class).args("overflow", "100", "200000").run(90);
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("overflowed=100 calls=200000 "), result.toString());
        assertTrue(result.stdout.contains("figure method=" + WORK + "#call totalCount=200000 totalErrors=0 "),
                "every call after the overflows counted: " + result);
        assertTrue(result.agentEvents("agent_stopped").get(0).contains(" methods_timed=3"), result.toString());
    }

    @Test
    void patternsOnJdkClassesTheAgentRunsOnAreRefusedOnceEachAndTheApplicationKeepsItsSpeed() throws Exception {
        ForkedJvm.Result bare = ForkedJvm.java().fixture(HazardApp.class).args("jdk").run(120);
        assertEquals(0, bare.exitCode, bare.toString());
        List<String> patterns = List.of("java.util.concurrent.atomic.*#*", "java.util.*#*", "java.lang.*#*");
        ForkedJvm.Result timed = ForkedJvm.java().agent(null)
                .property("attune.methods", String.join(",", patterns) + "," + WORK + "#call")
                .property("attune.interval", "200ms")
                .fixture(HazardApp.class).args("jdk").run(120);
        assertEquals(0, timed.exitCode, timed.toString());
        assertEquals(result(bare), result(timed), timed.toString());
        List<String> refused = timed.agentEvents("config_invalid");
        assertEquals(patterns.size(), refused.size(), timed.toString());
        for (String pattern : patterns) {
            assertEquals(1, refused.stream().filter(l -> l.contains("value=" + pattern + " ")).count(),
                    timed.toString());
        }
        assertTrue(refused.get(0).contains("java.lang, java.util, "), refused.get(0));
        assertEquals(List.of(), timed.agentEvents("no_methods"), "the other pattern still counts: " + timed);
        // Generous: the point is that it finishes at all (the agent's own code once recursed through these classes
        // without end), and not much slower.
        assertTrue(elapsedMs(timed) < 3 * elapsedMs(bare) + 3000, "bare " + bare + "\ntimed " + timed);
    }

    @Test
    void patternsThatReachJdkClassesTheAgentRunsOnOnlyByWildcardLeaveThemUntimed() throws Exception {
        ForkedJvm.Result bare = ForkedJvm.java().fixture(HazardApp.class).args("jdk").run(120);
        ForkedJvm.Result timed = ForkedJvm.java().agent(null)
                .property("attune.methods", "*.util.concurrent.atomic.*#*,*..*#*")
                .property("attune.interval", "200ms")
                .fixture(HazardApp.class).args("jdk").run(120);
        assertEquals(0, timed.exitCode, timed.toString());
        assertEquals(result(bare), result(timed), timed.toString());
        assertEquals(List.of(), timed.agentEvents("config_invalid"), timed.toString());
        assertTrue(elapsedMs(timed) < 3 * elapsedMs(bare) + 3000, "bare " + bare + "\ntimed " + timed);
    }

    @Test
    void sigtermEndsAJvmWhoseThreadsCallTimedMethodsNonstopWithinSeconds() throws Exception {
        ForkedJvm.Running app = ForkedJvm.java().agent(null)
                .property("attune.methods", WORK + "#*,java.util.concurrent.atomic.*#*")
                .property("attune.interval", "200ms")
                .property("attune.log.summary", "true")
                .fixture(HazardApp.class).args("busy", "4").start();
        try {
            Waits.until(() -> app.stdoutSoFar().contains("busy"), 60, "the agent busy");
            long stop = System.nanoTime();
            app.process.destroy(); // SIGTERM on Linux
            boolean ended = app.process.waitFor(30, TimeUnit.SECONDS);
            long tookMs = (System.nanoTime() - stop) / 1_000_000;
            assertTrue(ended, "still running 30 s after SIGTERM\n" + app.stderrSoFar());
            assertTrue(tookMs < 5000, "SIGTERM took " + tookMs + " ms\n" + app.stderrSoFar());
            assertEquals(143, app.process.exitValue());
            ForkedJvm.Result result = app.await(1);
            assertOnlyAgentLines(result);
            assertEquals(1, result.agentEvents("agent_stopped").size(), result.toString());
        } finally {
            app.process.destroyForcibly();
        }
    }

    @Test
    void exitWhileEightThreadsThrowFromATimedMethodIsQuickAndPrintsNothingButTheAgentsLines() throws Exception {
        ForkedJvm.Result result = ForkedJvm.java().agent(null)
                .property("attune.methods", WORK + "#fail")
                .property("attune.interval", "200ms")
                .fixture(HazardApp.class).args("exit", "8").run(90);
        long endedMs = System.currentTimeMillis();
        assertEquals(0, result.exitCode, result.toString());
        long exitAtMs = Long.parseLong(result.stdout.replaceAll("(?s).*exit_at_ms=(\\d+).*", "$1"));
        assertTrue(endedMs - exitAtMs < 5000, "exit took " + (endedMs - exitAtMs) + " ms\n" + result);
        assertOnlyAgentLines(result);
        String stopped = result.agentEvents("agent_stopped").get(0);
        assertTrue(stopped.matches(".* events_recorded=[1-9]\\d* events_dropped=\\d+ .*"), stopped);
    }

    private static void assertOnlyAgentLines(ForkedJvm.Result result) {
        List<String> others = result.stderr.lines().filter(l -> !l.isEmpty() && !l.startsWith("ts=")).toList();
        assertEquals(List.of(), others, "stderr carries the agent's lines only\n" + result);
    }

    private static String result(ForkedJvm.Result run) {
        return run.stdout.lines().filter(l -> l.startsWith("jdk total=")).findFirst().orElse("no result");
    }

    private static long elapsedMs(ForkedJvm.Result run) {
        return Long.parseLong(run.stdout.replaceAll("(?s).*elapsed_ms=(\\d+).*", "$1"));
    }
}
