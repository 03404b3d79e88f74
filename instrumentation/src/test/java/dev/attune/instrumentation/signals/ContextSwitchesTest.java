package dev.attune.instrumentation.signals;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both context-switch sources: getrusage through JNA, and the per-thread /proc sums. */
class ContextSwitchesTest {

    @Test
    void procTaskSourceSumsEveryThread(@TempDir Path tasks) throws IOException {
        status(tasks, "100", "Name:\tjava\nVmRSS:\t  2048 kB\nvoluntary_ctxt_switches:\t10\nnonvoluntary_ctxt_switches:\t3\n");
        status(tasks, "101", "voluntary_ctxt_switches:\t5\nnonvoluntary_ctxt_switches:\t1\n");
        Files.createDirectories(tasks.resolve("102")); // a thread that ended while we listed: no status file
        long[] counts = new long[2];
        assertTrue(new ProcTaskContextSwitches(tasks).read(counts));
        assertArrayEquals(new long[] {15, 4}, counts);
        assertArrayEquals(new long[] {2048 * 1024, 10}, ProcFields.read(tasks.resolve("100/status"),
                "VmRSS", "voluntary_ctxt_switches"), "kB lines in bytes");
    }

    @Test
    void procTaskSourceWithoutCountsSaysSo(@TempDir Path tasks) throws IOException {
        status(tasks, "100", "Name:\tjava\n");
        assertFalse(new ProcTaskContextSwitches(tasks).read(new long[2]));
        assertFalse(new ProcTaskContextSwitches(tasks.resolve("gone")).read(new long[2]));
    }

    @Test
    void getrusageCountsThisProcessOnLinux() throws InterruptedException {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"));
        ContextSwitches source = RusageContextSwitches.best();
        long[] before = new long[2];
        assertTrue(source.read(before));
        Thread.sleep(5); // sleeping gives up the CPU: a voluntary switch
        long[] after = new long[2];
        assertTrue(source.read(after));
        assertTrue(after[0] > before[0], "voluntary " + before[0] + " -> " + after[0]);
        assertTrue(after[1] >= before[1]);
    }

    private static void status(Path tasks, String tid, String content) throws IOException {
        Files.createDirectories(tasks.resolve(tid));
        Files.writeString(tasks.resolve(tid).resolve("status"), content);
    }
}
