package dev.attune.tuner.report.jfr;

import dev.attune.tuner.report.log.AgentLog;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flight-recorder snapshots on alert: the recorder's retained data (the last minute or so) written to
 * {@code <dir>/attune-<alert>-<UTC yyyyMMdd'T'HHmmss'Z'>-pid<pid>.jfr}, so the alert's log line can name exactly the
 * file to open in JDK Mission Control.
 *
 * <p>A shared machine: the directory is checked once, when the first snapshot is named ({@link SnapshotDirectory}:
 * owner-only, this user's, no link); a refused one is one error line and no snapshots, the rest of the agent goes
 * on. The flight recorder follows links and truncates whatever its path names, so it never writes to the name the
 * alert gives: it writes to a new owner-only file this writer has just created (never an existing one, never a
 * link), which is then renamed atomically; a name already taken, by a link or anything else, is never written
 * through. Names carry the process id, so JVMs sharing the directory never take each other's names.
 *
 * <p>Retention: after each snapshot, this process's files of that naming pattern (and only those: nothing else in
 * the directory, not another JVM's snapshots, is touched) are deleted oldest first, by the time in their name,
 * until at most {@code maxFiles} remain and their bytes are within {@code maxBytes}. A snapshot that alone exceeds
 * {@code maxBytes} is deleted too: the bound holds.
 *
 * <p>Never throws: an unwritable directory, a failed dump or a full disk costs that snapshot only, returns null
 * and logs one warning naming the file; an older file that cannot be deleted is one warning too, and the new
 * snapshot is kept. Naming ({@link #reserve}) and writing ({@link #write}) are separate so that the agent thread
 * can name the file in its log line at once and leave the writing, megabytes that take a while, to
 * {@link BackgroundJfrSnapshots}' thread; never on the application's threads.
 */
public final class JfrSnapshotFiles {

    /** Writes the flight recorder's retained data to a file. */
    @FunctionalInterface
    public interface Dumper {

        /** Writes the retained recording to {@code path}; false or an exception when it could not. */
        boolean dumpTo(Path path) throws IOException;
    }

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** Snapshot files: alert name, time stamp, process id, an optional sequence for two in one second. */
    private static final Pattern OURS =
            Pattern.compile("attune-[A-Za-z0-9_-]+-(\\d{8}T\\d{6}Z)-pid(\\d+)(?:-(\\d+))?\\.jfr");

    private final Path dir;
    private final int maxFiles;
    private final long maxBytes;
    private final Dumper dumper;
    private final AgentLog log;
    private final Clock clock;
    private final long pid;
    // Null until the first snapshot is named, then whether the directory may be written to (agent thread only).
    private Boolean dirSafe;
    // Names reserved in the current second, by base name: the last sequence number given (agent thread only).
    private final Map<String, Integer> reservedThisSecond = new HashMap<>();
    private String reservedStamp = "";

    /**
     * Creates the snapshot writer.
     *
     * @param dir      the directory, created owner-only when missing ({@code attune.jfr.dir})
     * @param maxFiles most snapshot files kept (at least 1)
     * @param maxBytes most bytes of snapshot files kept
     * @param dumper   writes the recorder's retained data to a path
     */
    public JfrSnapshotFiles(Path dir, int maxFiles, long maxBytes, Dumper dumper, AgentLog log) {
        this(dir, maxFiles, maxBytes, dumper, log, Clock.systemUTC(), ProcessHandle.current().pid());
    }

    JfrSnapshotFiles(Path dir, int maxFiles, long maxBytes, Dumper dumper, AgentLog log, Clock clock, long pid) {
        this.dir = dir;
        this.maxFiles = Math.max(1, maxFiles);
        this.maxBytes = maxBytes;
        this.dumper = dumper;
        this.log = log;
        this.clock = clock;
        this.pid = pid;
    }

    /** Writes a snapshot for {@code alertName} and applies retention; the file, or null when it failed. */
    public Path snapshot(String alertName) {
        Path file = reserve(alertName);
        return file == null ? null : write(alertName, file);
    }

    /**
     * Names the file of the next snapshot for {@code alertName}: one no earlier snapshot has and no snapshot named
     * but not yet written will have; null when the directory was refused. Cheap (the directory is checked once);
     * one thread only, the one that names every snapshot.
     */
    Path reserve(String alertName) {
        if (dirSafe == null) {
            String refusal = SnapshotDirectory.prepare(dir);
            dirSafe = refusal == null;
            if (refusal != null) {
                log.error("jfr_dir_refused").kv("dir", dir.toString()).kv("reason", refusal)
                        .kv("effect", "no flight-recorder snapshots; the rest of the agent goes on").emit();
            }
        }
        if (!dirSafe) {
            return null;
        }
        String alert = alertName == null || alertName.isEmpty() ? "alert" : alertName.replaceAll("[^A-Za-z0-9_-]", "_");
        String stamp = STAMP.format(clock.instant());
        if (!stamp.equals(reservedStamp)) {
            reservedStamp = stamp;
            reservedThisSecond.clear();
        }
        // Files named this second may not be written yet, so the disk alone cannot say a name is taken.
        String base = "attune-" + alert + "-" + stamp + "-pid" + pid;
        int n = reservedThisSecond.getOrDefault(base, -1) + 1;
        Path file = n == 0 ? dir.resolve(base + ".jfr") : dir.resolve(base + "-" + n + ".jfr");
        while (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            file = dir.resolve(base + "-" + ++n + ".jfr");
        }
        reservedThisSecond.put(base, n);
        return file;
    }

    /**
     * Writes the snapshot named by {@link #reserve} and applies retention; the file, or null when it failed (one
     * warning line). Only one thread at a time.
     */
    Path write(String alertName, Path file) {
        Path part = null;
        try {
            part = newOwnerOnlyFile();
            if (!dumper.dumpTo(part) || !Files.isRegularFile(part, LinkOption.NOFOLLOW_LINKS)) {
                return failed(alertName, file, part, "the flight recorder wrote nothing (no recording running?)");
            }
            if (Files.size(part) > maxBytes) {
                return failed(alertName, file, part, "the snapshot is larger than the bound of " + maxBytes + " bytes");
            }
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return failed(alertName, file, part, "something else took the name meanwhile; it is left as it is");
            }
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            return failed(alertName, file, part, e.toString());
        }
        try {
            retain(file);
        } catch (IOException | RuntimeException e) {
            // The new snapshot is good; only an older one could not be deleted, so keep the one the alert names.
            log.warn("jfr_retention_failed").kv("dir", dir.toString()).kv("error", e.toString()).emit();
        }
        return file;
    }

    /**
     * A new empty file in the directory that no one else's link or file can be: created with CREATE_NEW, and
     * owner-only (rw-------, what a temporary file gets on POSIX file systems).
     */
    private Path newOwnerOnlyFile() throws IOException {
        return Files.createTempFile(dir, ".attune-pid" + pid + "-", ".jfr.part");
    }

    private Path failed(String alertName, Path file, Path part, String why) {
        if (part != null) {
            try {
                Files.deleteIfExists(part); // a partial dump is no snapshot
            } catch (IOException | RuntimeException e) {
                // the warning below says the snapshot failed; the file is hidden and this process's own
            }
        }
        log.warn("jfr_snapshot_failed").kv("alert", alertName).kv("file", file == null ? "" : file.toString())
                .kv("error", why).emit();
        return null;
    }

    /**
     * Deletes this process's oldest files until within count and bytes; {@code newest} is always among the kept.
     * Another JVM's files are its own to bound.
     */
    private void retain(Path newest) throws IOException {
        List<Snapshot> ours = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "attune-*.jfr")) {
            for (Path p : files) {
                Matcher m = OURS.matcher(p.getFileName().toString());
                if (m.matches() && m.group(2).equals(Long.toString(pid))
                        && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    ours.add(new Snapshot(p, m.group(1), m.group(3) == null ? 0 : Integer.parseInt(m.group(3)),
                            Files.size(p)));
                }
            }
        }
        ours.sort(Comparator.comparing(Snapshot::stamp).thenComparingInt(Snapshot::sequence)
                .thenComparing(s -> s.path().getFileName().toString()));
        long bytes = ours.stream().mapToLong(Snapshot::bytes).sum();
        int count = ours.size();
        for (Snapshot s : ours) {
            if (count <= maxFiles && bytes <= maxBytes) {
                break;
            }
            if (s.path().equals(newest)) {
                continue;
            }
            Files.deleteIfExists(s.path());
            count--;
            bytes -= s.bytes();
        }
    }

    /** The directory snapshots are written to. */
    public Path dir() {
        return dir;
    }

    private record Snapshot(Path path, String stamp, int sequence, long bytes) {
    }
}
