package dev.attune.instrumentation.signals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How long a Java thread has waited for a CPU while runnable, from Linux's {@code /proc/self/task/<tid>/schedstat}
 * (its second field). Off-CPU time is blocked time plus this wait; on a machine whose CPUs are saturated the wait
 * can dwarf the blocking, and CPU-bound work would pass for blocked. Agent thread only.
 *
 * <p>The JDK does not say which native thread runs a Java thread, but HotSpot names each native thread after its
 * Java thread (the first 15 bytes, as {@code comm}): a name that matches exactly one task resolves it, once; an
 * ambiguous or non-ASCII name stays unresolved for good ({@code -1}). Cost: one small read per resolved thread a
 * call, and a scan of the process's tasks only while some thread waits to be resolved (once per {@link #rescan}).
 */
public final class RunQueueWaits {

    private static final int COMM_BYTES = 15;
    private static final RunQueueWaits NONE = new RunQueueWaits(null);

    private final Path tasks;
    private final Map<Long, Path> byJavaId = new HashMap<>();
    private final Map<Long, String> unresolved = new HashMap<>();
    /** Threads whose name matched no task or several: never looked up again. */
    private final Set<Long> unresolvable = new HashSet<>();

    RunQueueWaits(Path tasks) {
        this.tasks = tasks;
    }

    /** This process's waits on Linux with scheduler statistics; elsewhere none is ever known. */
    public static RunQueueWaits ofThisProcess() {
        Path tasks = Path.of("/proc/self/task");
        return Files.isReadable(tasks.resolve(Long.toString(ProcessHandle.current().pid())).resolve("schedstat"))
                ? new RunQueueWaits(tasks) : NONE;
    }

    /** True when waits can be known here at all. */
    public boolean available() {
        return tasks != null;
    }

    /**
     * Nanoseconds the Java thread {@code javaId} has waited for a CPU since it started, or -1 when not known (yet).
     * {@code name} is its Java name, asked for only until it is resolved: null when the caller does not have it.
     */
    public long waitedNanos(long javaId, String name) {
        if (tasks == null) {
            return -1;
        }
        Path task = byJavaId.get(javaId);
        if (task == null) {
            if (name != null && ascii(name)) {
                unresolved.put(javaId, name.length() > COMM_BYTES ? name.substring(0, COMM_BYTES) : name);
            } else if (name != null) {
                unresolvable.add(javaId);
            }
            return -1;
        }
        long waited = secondField(task.resolve("schedstat"));
        if (waited < 0) {
            byJavaId.remove(javaId); // the thread has ended
        }
        return waited;
    }

    /** True when {@code javaId} still needs its name to be resolved. */
    public boolean needsName(long javaId) {
        return tasks != null && !byJavaId.containsKey(javaId) && !unresolved.containsKey(javaId)
                && !unresolvable.contains(javaId);
    }

    /** Resolves the threads named since the last call by one scan of the process's tasks; returns how many. */
    public int rescan() {
        if (tasks == null || unresolved.isEmpty()) {
            return 0;
        }
        Map<String, List<Path>> byComm = new HashMap<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(tasks)) {
            for (Path task : all) {
                try {
                    String comm = Files.readString(task.resolve("comm"), StandardCharsets.US_ASCII).strip();
                    byComm.computeIfAbsent(comm, c -> new ArrayList<>(1)).add(task);
                } catch (IOException | RuntimeException e) {
                    // a thread that just ended
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        int resolved = 0;
        for (Map.Entry<Long, String> e : unresolved.entrySet()) {
            List<Path> matches = byComm.get(e.getValue());
            if (matches != null && matches.size() == 1) {
                byJavaId.put(e.getKey(), matches.get(0));
                resolved++;
            } else {
                unresolvable.add(e.getKey());
            }
        }
        unresolved.clear();
        return resolved;
    }

    /** Forgets a thread that has ended. */
    public void forget(long javaId) {
        byJavaId.remove(javaId);
        unresolved.remove(javaId);
        unresolvable.remove(javaId);
    }

    private static boolean ascii(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) > 127 || name.charAt(i) < 32) {
                return false;
            }
        }
        return !name.isEmpty();
    }

    private static long secondField(Path schedstat) {
        try {
            String[] fields = Files.readString(schedstat, StandardCharsets.US_ASCII).strip().split(" ");
            return fields.length >= 2 ? Long.parseLong(fields[1]) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
