package dev.attune.tuner.report.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.tuner.report.log.AgentLog;
import dev.attune.tuner.report.log.LogFormat;
import dev.attune.tuner.report.log.LogLevel;
import dev.attune.tuner.report.log.LogOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer thread: real threads, a dumper the test holds back, every request in the same second. */
class BackgroundJfrSnapshotsTest {

    private final LogOutput.Memory out = LogOutput.memory();
    private final AgentLog log = new AgentLog(LogFormat.LOGFMT, LogLevel.INFO, out);
    private final Clock oneSecond = Clock.fixed(Instant.parse("2026-11-23T14:15:02Z"), ZoneOffset.UTC);
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Thread> writers = new ArrayList<>();

    /** Writes 64 bytes once the test releases it, noting the thread it ran on. */
    private boolean heldBackDump(Path path) throws IOException {
        synchronized (writers) {
            writers.add(Thread.currentThread());
        }
        try {
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IOException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        Files.write(path, new byte[64]);
        return true;
    }

    private int writersStarted() {
        synchronized (writers) {
            return writers.size();
        }
    }

    private static void awaitFile(Path file) throws InterruptedException {
        for (int i = 0; i < 3_000 && !Files.exists(file); i++) {
            Thread.sleep(10);
        }
    }

    @Test
    void theFileIsNamedAtOnceAndWrittenOnTheSnapshotThread(@TempDir Path dir) throws Exception {
        BackgroundJfrSnapshots snapshots = new BackgroundJfrSnapshots(
                new JfrSnapshotFiles(dir, 5, 1 << 20, this::heldBackDump, log, oneSecond, 42), log);
        Path file = snapshots.request("slow-orders");
        assertNotNull(file);
        assertEquals(dir.resolve("attune-slow-orders-20261123T141502Z-pid42.jfr"), file);
        assertFalse(Files.exists(file), "not written while the dump is held back: the caller did not wait for it");
        release.countDown();
        awaitFile(file);
        assertEquals(64, Files.size(file));
        synchronized (writers) {
            assertEquals(1, writers.size());
            assertEquals("attune-jfr-snapshot", writers.get(0).getName());
            assertTrue(writers.get(0).isDaemon());
        }
        assertEquals(List.of(), out.lines());
    }

    @Test
    void snapshotsBeyondTheWaitingBoundAreSkippedWithOneLineAndTheRestGetNamesOfTheirOwn(@TempDir Path dir)
            throws Exception {
        BackgroundJfrSnapshots snapshots = new BackgroundJfrSnapshots(
                new JfrSnapshotFiles(dir, 10, 1 << 20, this::heldBackDump, log, oneSecond, 42), log);
        List<Path> named = new ArrayList<>();
        // One being written (once the thread has taken it) and WAITING queued behind it.
        named.add(snapshots.request("a"));
        for (int i = 0; i < 3_000 && writersStarted() == 0; i++) {
            Thread.sleep(10);
        }
        for (int i = 0; i < BackgroundJfrSnapshots.WAITING; i++) {
            named.add(snapshots.request("a"));
        }
        assertNull(snapshots.request("a"), "the writer is too far behind");
        assertEquals(1, out.lines().size(), out.lines().toString());
        assertTrue(out.lines().get(0).contains("level=warn") && out.lines().get(0).contains("event=jfr_snapshot_skipped"
                + " alert=a reason=\"4 snapshots are already waiting to be written\""), out.lines().get(0));

        assertEquals(named.size(), new HashSet<>(named).size(), "five names in one second, none written yet: " + named);
        release.countDown();
        for (Path file : named) {
            awaitFile(file);
            assertTrue(Files.exists(file), file.toString());
        }
    }

    @Test
    void aFailedWriteIsOneLineNamingTheFileTheAlertNamed(@TempDir Path dir) throws Exception {
        BackgroundJfrSnapshots snapshots = new BackgroundJfrSnapshots(new JfrSnapshotFiles(dir, 5, 1 << 20, path -> {
            throw new IOException("disk full");
        }, log, oneSecond, 42), log, Runnable::run);
        Path file = snapshots.request("b");
        assertEquals(1, out.lines().size());
        assertTrue(out.lines().get(0).contains("event=jfr_snapshot_failed alert=b file=" + file + " error=\""),
                out.lines().get(0));
        assertFalse(Files.exists(file));
    }
}
