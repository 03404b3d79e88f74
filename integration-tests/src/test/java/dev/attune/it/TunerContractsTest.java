package dev.attune.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.it.fixture.TunerContractsApp;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Contracts the tuner never breaks, in forked JVMs with the real agent in auto mode: a single-thread executor stays
 * single-threaded (its tasks never overlap, never reorder), a size the application sets itself becomes the new
 * baseline (never fought, its maximum never lowered), and an application that churns through 10,000 pools still
 * has its next pool found.
 */
class TunerContractsTest {

    private static ForkedJvm auto() {
        return ForkedJvm.java().agent(null).property("attune.tuner.mode", "auto")
                .property("attune.tuner.period", "200ms").property("attune.interval", "1s");
    }

    @Test
    void singleThreadExecutorsAreNeverResized() throws Exception {
        ForkedJvm.Result result = auto().fixture(TunerContractsApp.class).args("serial").run(90);
        assertEquals(0, result.exitCode, result.toString());
        String summary = result.stdout.lines().filter(l -> l.startsWith("serial ")).findFirst().orElseThrow();
        assertTrue(summary.startsWith("serial overlaps=0 out-of-order=0 "), summary + "\n" + result);
        for (String pool : List.of("serial-single", "serial-sched")) {
            String found = result.agentEvents("pool_found").stream().filter(l -> l.contains(" pool=" + pool + " "))
                    .findFirst().orElseThrow(() -> new AssertionError(pool + " found\n" + result));
            assertEquals("false", PoolTuningTest.field(found, "tuned"), found);
            assertTrue(found.contains("reason=\"single thread"), found);
            assertEquals("unbounded", PoolTuningTest.field(found, "queue"),
                    "read from the queue's capacity, though it held tasks when found: " + found);
        }
        assertEquals(List.of(), result.agentEvents("pool_resize"), result.toString());
        assertEquals(List.of(), result.agentEvents("pool_advice"), result.toString());
    }

    @Test
    void aSizeTheApplicationSetsItselfBecomesTheBaseline() throws Exception {
        ForkedJvm.Result result = auto().fixture(TunerContractsApp.class).args("app-resize").run(120);
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("app-resized"), "the tuner grew the pool first\n" + result);
        List<String> adopted = result.agentEvents("pool_app_resized").stream()
                .filter(l -> l.contains(" pool=app-sized ")).toList();
        assertEquals(1, adopted.size(), "said once\n" + result);
        String line = adopted.get(0);
        assertEquals("2/2", PoolTuningTest.field(line, "old"), line);
        assertEquals("3", PoolTuningTest.field(line, "core"), line);
        assertEquals("40", PoolTuningTest.field(line, "max"), line);
        assertEquals("3", PoolTuningTest.field(line, "tuning_min"), line);
        String after = result.stdout.lines().filter(l -> l.startsWith("after ")).findFirst().orElseThrow();
        assertEquals("after min-core=3 min-max=40", after, "never below the application's new sizes\n" + result);
        for (String resize : result.agentEvents("pool_resize")) {
            if (resize.contains(" pool=app-sized ") && result.stderr.indexOf(resize) > result.stderr.indexOf(line)) {
                assertTrue(Integer.parseInt(PoolTuningTest.field(resize, "new_max")) >= 40, resize);
                assertTrue(Integer.parseInt(PoolTuningTest.field(resize, "new_core")) >= 3, resize);
            }
        }
    }

    @Test
    void aPoolCreatedAfterTenThousandShortLivedOnesIsStillFound() throws Exception {
        ForkedJvm.Running app = auto().jvmArg("-Xmx64m").fixture(TunerContractsApp.class).args("churn").start();
        try {
            Waits.until(() -> app.stdoutSoFar().contains("churned"), 120, "the churn to end");
            Waits.until(() -> app.stderrSoFar().contains("event=pool_found pool=survivor "), 30,
                    "the long-lived pool found after the churn");
        } finally {
            app.closeInput();
        }
        ForkedJvm.Result result = app.await(30);
        assertEquals(0, result.exitCode, result.toString());
        assertFalse(result.stderr.contains("OutOfMemoryError") || result.stderr.contains("event=pool_tuning_failed"),
                result.toString());
    }
}
