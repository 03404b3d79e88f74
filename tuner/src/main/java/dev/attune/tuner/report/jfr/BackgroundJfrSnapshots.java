package dev.attune.tuner.report.jfr;

import dev.attune.tuner.report.log.AgentLog;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Flight-recorder snapshots written on their own thread: the agent thread names the file, logs the line that
 * names it, and goes back to draining at once.
 *
 * <p>Why: a snapshot is the last minute of JFR data, megabytes, and an alert or an opening breaker is exactly
 * when the figures on the ring buffers matter most; a drain that waited for the disk would drop them. The
 * writer is one daemon thread, {@code attune-jfr-snapshot}, that exists only while there is something to write
 * (it ends 30 s after the last snapshot). At most {@value #WAITING} snapshots wait for it; one more is skipped with
 * one warning line rather than queued without bound. A snapshot that then fails is one {@code jfr_snapshot_failed}
 * line naming the file its alert line named.
 */
public final class BackgroundJfrSnapshots {

    static final int WAITING = 4;

    private final JfrSnapshotFiles files;
    private final AgentLog log;
    private final Executor writer;

    /** Writes {@code files}' snapshots on the {@code attune-jfr-snapshot} thread. */
    public BackgroundJfrSnapshots(JfrSnapshotFiles files, AgentLog log) {
        this(files, log, oneThreadWriter());
    }

    BackgroundJfrSnapshots(JfrSnapshotFiles files, AgentLog log, Executor writer) {
        this.files = files;
        this.log = log;
        this.writer = writer;
    }

    private static Executor oneThreadWriter() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(WAITING), task -> {
                    Thread t = new Thread(task, "attune-jfr-snapshot");
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /**
     * Names the file of a snapshot for {@code alertName} and has it written in the background; the file, or null
     * when the writer is too far behind (one warning line) or the directory was refused. Agent thread only.
     */
    public Path request(String alertName) {
        Path file = files.reserve(alertName);
        if (file == null) {
            return null;
        }
        try {
            writer.execute(() -> files.write(alertName, file));
            return file;
        } catch (RejectedExecutionException e) {
            log.warn("jfr_snapshot_skipped").kv("alert", alertName)
                    .kv("reason", WAITING + " snapshots are already waiting to be written").emit();
            return null;
        }
    }
}
