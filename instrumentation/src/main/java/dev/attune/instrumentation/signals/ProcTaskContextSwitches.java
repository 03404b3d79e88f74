package dev.attune.instrumentation.signals;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Context switches of the whole process as the sum over its live threads of
 * {@code /proc/self/task/<tid>/status}: the JDK-only fallback on Linux.
 *
 * <p>Why every task: {@code /proc/self/status} counts the main thread only. The cost is one small file
 * a thread, once an interval; threads that have ended drop out of the sum, so the sampler treats a
 * falling total as zero switches rather than a negative count.
 */
final class ProcTaskContextSwitches implements ContextSwitches {

    private final Path tasks;

    ProcTaskContextSwitches(Path tasks) {
        this.tasks = tasks;
    }

    /** This process's task directory on Linux, else none. */
    static ContextSwitches ofThisProcess() {
        Path tasks = Path.of("/proc/self/task");
        return Files.isDirectory(tasks) ? new ProcTaskContextSwitches(tasks) : NONE;
    }

    @Override
    public boolean read(long[] into) {
        long voluntary = 0;
        long involuntary = 0;
        boolean any = false;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                long[] counts = ProcFields.read(thread.resolve("status"),
                        "voluntary_ctxt_switches", "nonvoluntary_ctxt_switches");
                if (counts[0] >= 0 && counts[1] >= 0) {
                    voluntary += counts[0];
                    involuntary += counts[1];
                    any = true;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        into[0] = voluntary;
        into[1] = involuntary;
        return any;
    }
}
