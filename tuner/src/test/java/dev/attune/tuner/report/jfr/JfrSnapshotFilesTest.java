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
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshot files in temporary directories, written by a fake dumper, on a clock that moves a minute a call. */
class JfrSnapshotFilesTest {

    private final LogOutput.Memory out = LogOutput.memory();
    private final AgentLog log = new AgentLog(LogFormat.LOGFMT, LogLevel.INFO, out);
    private Instant now = Instant.parse("2026-11-22T14:15:02Z");

    /** A clock that reads the test's {@code now}, moved by the test between snapshots. */
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    };

    private static JfrSnapshotFiles.Dumper writing(int bytes) {
        return path -> {
            Files.write(path, new byte[bytes]);
            return true;
        };
    }

    private JfrSnapshotFiles files(Path dir, int maxFiles, long maxBytes, JfrSnapshotFiles.Dumper dumper) {
        return new JfrSnapshotFiles(dir, maxFiles, maxBytes, dumper, log, clock);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void writesANamedFileInADirectoryItCreates(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("attune/jfr");
        Path file = files(dir, 5, 1 << 20, writing(100)).snapshot("slow-orders");
        assertEquals(dir.resolve("attune-slow-orders-20261122T141502Z.jfr"), file);
        assertEquals(100, Files.size(file));
        assertTrue(out.lines().isEmpty(), "success is said by the alert line, not here");
    }

    @Test
    void twoSnapshotsInOneSecondGetTwoFiles(@TempDir Path dir) throws Exception {
        JfrSnapshotFiles jfr = files(dir, 5, 1 << 20, writing(10));
        Path first = jfr.snapshot("a");
        Path second = jfr.snapshot("a");
        assertEquals("attune-a-20261122T141502Z-1.jfr", second.getFileName().toString());
        assertTrue(Files.exists(first) && Files.exists(second));
    }

    @Test
    void keepsTheNewestFilesWithinTheCountOldestDeletedFirst(@TempDir Path dir) throws Exception {
        JfrSnapshotFiles jfr = files(dir, 3, 1 << 20, writing(10));
        for (int i = 0; i < 5; i++) {
            jfr.snapshot(i % 2 == 0 ? "slow-orders" : "breaker-cpu");
            now = now.plusSeconds(60);
        }
        assertEquals(List.of("attune-breaker-cpu-20261122T141802Z.jfr", "attune-slow-orders-20261122T141702Z.jfr",
                "attune-slow-orders-20261122T141902Z.jfr"), names(dir));
    }

    @Test
    void keepsTheNewestFilesWithinTheBytes(@TempDir Path dir) throws Exception {
        JfrSnapshotFiles jfr = files(dir, 100, 250, writing(100));
        for (int i = 0; i < 4; i++) {
            jfr.snapshot("a");
            now = now.plusSeconds(60);
        }
        assertEquals(List.of("attune-a-20261122T141702Z.jfr", "attune-a-20261122T141802Z.jfr"), names(dir));
    }

    @Test
    void neverTouchesOtherFiles(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("app-recording.jfr"), new byte[1000]);
        Files.write(dir.resolve("attune-notes.txt"), new byte[1000]);
        JfrSnapshotFiles jfr = files(dir, 1, 150, writing(100));
        jfr.snapshot("a");
        now = now.plusSeconds(60);
        jfr.snapshot("a");
        assertEquals(List.of("app-recording.jfr", "attune-a-20261122T141602Z.jfr", "attune-notes.txt"), names(dir));
    }

    @Test
    void aSnapshotLargerThanTheBoundIsNotKept(@TempDir Path dir) throws Exception {
        assertNull(files(dir, 5, 50, writing(100)).snapshot("a"));
        assertEquals(List.of(), names(dir));
        assertEquals(1, out.lines().size());
        assertTrue(out.lines().get(0).contains("event=jfr_snapshot_failed alert=a"), out.lines().get(0));
    }

    @Test
    void aFailedDumpReturnsNullLeavesNothingAndWarnsOnce(@TempDir Path dir) throws Exception {
        JfrSnapshotFiles.Dumper partialThenThrow = path -> {
            Files.write(path, new byte[10]);
            throw new IOException("disk full");
        };
        assertNull(files(dir, 5, 1 << 20, partialThenThrow).snapshot("a"));
        assertNull(files(dir, 5, 1 << 20, path -> false).snapshot("b"));
        assertNull(files(dir, 5, 1 << 20, path -> {
            throw new IllegalStateException("no recording");
        }).snapshot("c"));
        assertEquals(List.of(), names(dir), "a partial file is removed");
        assertEquals(3, out.lines().size(), "one warning a failure");
        assertTrue(out.lines().get(0).contains("level=warn") && out.lines().get(0).contains("disk full"),
                out.lines().get(0));
    }

    @Test
    void anUnusableDirectoryReturnsNullWithoutThrowing(@TempDir Path tmp) throws Exception {
        Path notADirectory = tmp.resolve("file");
        Files.write(notADirectory, new byte[1]);
        assertNull(files(notADirectory.resolve("jfr"), 5, 1 << 20, writing(10)).snapshot("a"));
        assertEquals(1, out.lines().size());
        assertTrue(out.lines().get(0).contains("event=jfr_snapshot_failed"), out.lines().get(0));
    }

    @Test
    void alertNamesAreMadeSafeForAFileName(@TempDir Path dir) throws Exception {
        Path file = files(dir, 5, 1 << 20, writing(1)).snapshot("../etc/passwd x");
        assertNotNull(file);
        assertEquals(dir, file.getParent());
        assertEquals("attune-___etc_passwd_x-20261122T141502Z.jfr", file.getFileName().toString());
        assertFalse(Files.exists(dir.resolve("../etc")));
    }
}
