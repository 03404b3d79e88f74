package dev.attune.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.it.fixture.StartApp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A command-line tool with the agent exits as soon as without it: no agent thread, no JFR start under way, no
 * shutdown hook holds the JVM once {@code main} has returned. Measured from {@code main}'s return (the fixture
 * prints the wall-clock time) to the process's end, median of alternating runs with and without the agent,
 * with a generous margin: premain's own cost is {@link PremainTest}'s.
 */
class ShortLivedJvmTest {

    private static final int RUNS = 3;
    private static final long MARGIN_MILLIS = 1_000;

    /** Milliseconds from main's return to the process's end; asserts a clean exit and the same stdout. */
    private static long exitMillis(ForkedJvm jvm, String expectedStdout, String... args) throws Exception {
        ForkedJvm.Running running = jvm.fixture(StartApp.class).args(args).start();
        assertTrue(running.process.waitFor(60, TimeUnit.SECONDS), "exited");
        long ended = System.currentTimeMillis();
        ForkedJvm.Result result = running.await(10);
        assertEquals(0, result.exitCode, result.toString());
        assertEquals(expectedStdout, result.stdout, "nothing on stdout but the application's: " + result);
        String returned = result.stderr.lines().filter(l -> l.startsWith("main-returns-at=")).findFirst()
                .orElseThrow(() -> new AssertionError("main did not return: " + result));
        return ended - Long.parseLong(returned.substring("main-returns-at=".length()));
    }

    private static void exitsAsFastWithTheAgent(String... args) throws Exception {
        List<Long> plain = new ArrayList<>();
        List<Long> agent = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            plain.add(exitMillis(ForkedJvm.java(), "main-started\n", args));
            agent.add(exitMillis(ForkedJvm.java().agent(null), "main-started\n", args));
        }
        Collections.sort(plain);
        Collections.sort(agent);
        assertTrue(agent.get(RUNS / 2) <= plain.get(RUNS / 2) + MARGIN_MILLIS,
                "ms from main's return to exit, with the agent " + agent + ", without " + plain);
    }

    @Test
    void mainThatReturnsAtOnce() throws Exception {
        exitsAsFastWithTheAgent();
    }

    @Test
    void mainThatReturnsWhileTheSignalsStart() throws Exception {
        // The JFR recording starts a second after premain: this exit falls while it is starting.
        exitsAsFastWithTheAgent("--sleep-ms", "1100");
    }
}
