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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Snapshot files in directories under {@code target/}, written by a fake dumper, on a clock the test moves. The
 * fake dumper opens its path as the flight recorder does, following links and truncating, so a link it was handed
 * would show in the link's target.
 */
class JfrSnapshotFilesTest {

    private static final long PID = 42;

    private final LogOutput.Memory out = LogOutput.memory();
    private final AgentLog log = new AgentLog(LogFormat.LOGFMT, LogLevel.INFO, out);
    private Instant now = Instant.parse("2026-11-22T14:15:02Z");

    /** A clock that reads the test's {@code now}, moved by the test between snapshots. */
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    };

    private Path dir;

    @BeforeEach
    void newDirectory() throws IOException {
        dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-tmp")), "jfr");
    }

    private static JfrSnapshotFiles.Dumper writing(int bytes) {
        return path -> {
            Files.write(path, new byte[bytes]);
            return true;
        };
    }

    private JfrSnapshotFiles files(Path dir, int maxFiles, long maxBytes, JfrSnapshotFiles.Dumper dumper) {
        return new JfrSnapshotFiles(dir, maxFiles, maxBytes, dumper, log, clock, PID);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void writesANamedFileInADirectoryItCreates() throws Exception {
        Path jfr = dir.resolve("attune/jfr");
        Path file = files(jfr, 5, 1 << 20, writing(100)).snapshot("slow-orders");
        assertEquals(jfr.resolve("attune-slow-orders-20261122T141502Z-pid42.jfr"), file);
        assertEquals(100, Files.size(file));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(jfr)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(List.of(file.getFileName().toString()), names(jfr), "no partial file is left");
        assertTrue(out.lines().isEmpty(), "success is said by the alert line, not here");
    }

    @Test
    void twoSnapshotsInOneSecondGetTwoFiles() throws Exception {
        JfrSnapshotFiles jfr = files(dir, 5, 1 << 20, writing(10));
        Path first = jfr.snapshot("a");
        Path second = jfr.snapshot("a");
        assertEquals("attune-a-20261122T141502Z-pid42-1.jfr", second.getFileName().toString());
        assertTrue(Files.exists(first) && Files.exists(second));
    }

    @Test
    void keepsTheNewestFilesWithinTheCountOldestDeletedFirst() throws Exception {
        JfrSnapshotFiles jfr = files(dir, 3, 1 << 20, writing(10));
        for (int i = 0; i < 5; i++) {
            jfr.snapshot(i % 2 == 0 ? "slow-orders" : "breaker-cpu");
            now = now.plusSeconds(60);
        }
        assertEquals(List.of("attune-breaker-cpu-20261122T141802Z-pid42.jfr",
                "attune-slow-orders-20261122T141702Z-pid42.jfr", "attune-slow-orders-20261122T141902Z-pid42.jfr"),
                names(dir));
    }

    @Test
    void keepsTheNewestFilesWithinTheBytes() throws Exception {
        JfrSnapshotFiles jfr = files(dir, 100, 250, writing(100));
        for (int i = 0; i < 4; i++) {
            jfr.snapshot("a");
            now = now.plusSeconds(60);
        }
        assertEquals(List.of("attune-a-20261122T141702Z-pid42.jfr", "attune-a-20261122T141802Z-pid42.jfr"), names(dir));
    }

    @Test
    void neverTouchesOtherFiles() throws Exception {
        Files.write(dir.resolve("app-recording.jfr"), new byte[1000]);
        Files.write(dir.resolve("attune-notes.txt"), new byte[1000]);
        JfrSnapshotFiles jfr = files(dir, 1, 150, writing(100));
        jfr.snapshot("a");
        now = now.plusSeconds(60);
        jfr.snapshot("a");
        assertEquals(List.of("app-recording.jfr", "attune-a-20261122T141602Z-pid42.jfr", "attune-notes.txt"),
                names(dir));
    }

    @Test
    void aSnapshotLargerThanTheBoundIsNotKept() throws Exception {
        assertNull(files(dir, 5, 50, writing(100)).snapshot("a"));
        assertEquals(List.of(), names(dir));
        assertEquals(1, out.lines().size());
        assertTrue(out.lines().get(0).contains("event=jfr_snapshot_failed alert=a"), out.lines().get(0));
    }

    @Test
    void aFailedDumpReturnsNullLeavesNothingAndWarnsOnce() throws Exception {
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
    void anUnusableDirectoryReturnsNullWithoutThrowing() throws Exception {
        Path notADirectory = dir.resolve("file");
        Files.write(notADirectory, new byte[1]);
        JfrSnapshotFiles jfr = files(notADirectory.resolve("jfr"), 5, 1 << 20, writing(10));
        assertNull(jfr.snapshot("a"));
        assertNull(jfr.snapshot("a"));
        assertEquals(1, out.lines().size(), "one line, then snapshots are off");
        assertTrue(out.lines().get(0).contains("level=error") && out.lines().get(0).contains("event=jfr_dir_refused"),
                out.lines().get(0));
    }

    @Test
    void alertNamesAreMadeSafeForAFileName() throws Exception {
        Path file = files(dir, 5, 1 << 20, writing(1)).snapshot("../etc/passwd x");
        assertNotNull(file);
        assertEquals(dir, file.getParent());
        assertEquals("attune-___etc_passwd_x-20261122T141502Z-pid42.jfr", file.getFileName().toString());
        assertFalse(Files.exists(dir.resolve("../etc")));
    }

    @Test
    void aDirectoryOthersMayWriteToIsRefusedWithOneErrorLine() throws Exception {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        JfrSnapshotFiles jfr = files(shared, 5, 1 << 20, writing(10));
        assertNull(jfr.snapshot("a"));
        assertNull(jfr.snapshot("b"));
        assertEquals(List.of(), names(shared));
        assertEquals(1, out.lines().size(), out.lines().toString());
        assertTrue(out.lines().get(0).contains("level=error") && out.lines().get(0).contains("event=jfr_dir_refused")
                && out.lines().get(0).contains("group or others may write to it (rwxrwxrwx)"), out.lines().get(0));
    }

    @Test
    void aDirectoryThatIsALinkIsRefused() throws Exception {
        Path real = Files.createDirectory(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        assertNull(files(link, 5, 1 << 20, writing(10)).snapshot("a"));
        assertEquals(List.of(), names(real));
        assertTrue(out.lines().get(0).contains("reason=\"it is a symbolic link\""), out.lines().get(0));
    }

    @Test
    void aLinkPlantedAtTheNextNameIsNeitherFollowedNorReplaced() throws Exception {
        Path target = Files.writeString(dir.resolve("precious.txt"), "precious");
        Path jfrDir = Files.createDirectory(dir.resolve("jfr"));
        Path planted = jfrDir.resolve("attune-a-20261122T141502Z-pid42.jfr");
        Files.createSymbolicLink(planted, target);
        Path file = files(jfrDir, 5, 1 << 20, writing(10)).snapshot("a");
        assertEquals("attune-a-20261122T141502Z-pid42-1.jfr", file.getFileName().toString());
        assertEquals("precious", Files.readString(target));
        assertTrue(Files.isSymbolicLink(planted));
    }

    @Test
    void aLinkPlantedAfterTheNameWasGivenIsNeverWrittenThrough() throws Exception {
        Path target = Files.writeString(dir.resolve("precious.txt"), "precious");
        Path jfrDir = Files.createDirectory(dir.resolve("jfr"));
        JfrSnapshotFiles jfr = files(jfrDir, 5, 1 << 20, writing(10));
        Path file = jfr.reserve("a");
        Files.createSymbolicLink(file, target);
        assertNull(jfr.write("a", file));
        assertEquals("precious", Files.readString(target));
        assertTrue(Files.isSymbolicLink(file));
        assertEquals(List.of(file.getFileName().toString()), names(jfrDir), "the partial file is removed");
        assertTrue(out.lines().get(0).contains("event=jfr_snapshot_failed"), out.lines().get(0));
    }

    @Test
    void twoProcessesSharingTheDirectoryKeepEachOthersFiles() throws Exception {
        JfrSnapshotFiles first = new JfrSnapshotFiles(dir, 1, 1 << 20, writing(10), log, clock, 1001);
        JfrSnapshotFiles second = new JfrSnapshotFiles(dir, 1, 1 << 20, writing(10), log, clock, 1002);
        for (int i = 0; i < 3; i++) {
            first.snapshot("a");
            second.snapshot("a");
            now = now.plusSeconds(60);
        }
        // Each bounds its own files to one; neither deletes nor overwrites the other's, though named the same second.
        assertEquals(List.of("attune-a-20261122T141702Z-pid1001.jfr", "attune-a-20261122T141702Z-pid1002.jfr"),
                names(dir));
        assertEquals(List.of(), out.lines());
    }
}
