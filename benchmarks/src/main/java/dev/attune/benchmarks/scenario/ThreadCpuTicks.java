package dev.attune.benchmarks.scenario;

import java.io.File;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/** Per-thread CPU of another process from {@code /proc/<pid>/task/*}/stat (Linux), grouped by role. */
final class ThreadCpuTicks {

    /** Clock ticks a second of {@code /proc}'s CPU times (USER_HZ, 100 on Linux). */
    static final double TICKS_PER_SECOND = 100.0;
    /** The application's threads' total; each role is a group {@code application: <name without its number>}. */
    static final String APPLICATION = "application";

    private ThreadCpuTicks() {
    }

    /** CPU ticks (user + system) of each live thread of the process, by "tid name". */
    static Map<String, Long> read(long pid) {
        Map<String, Long> ticks = new HashMap<>();
        File[] tasks = new File("/proc/" + pid + "/task").listFiles();
        for (File task : tasks == null ? new File[0] : tasks) {
            try {
                String stat = Files.readString(task.toPath().resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks.put(task.getName() + " " + name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
            } catch (Exception e) {
                // the thread ended meanwhile
            }
        }
        return ticks;
    }

    /** The group of a "tid name" key: JFR's threads, the agent's, the JIT, GC, or the application's. */
    static String group(String key) {
        String name = key.substring(key.indexOf(' ') + 1);
        if (name.startsWith("JFR") || name.equals("attune-jfr")) {
            return "signals: " + name;
        }
        if (name.startsWith("attune")) {
            return "agent: " + name;
        }
        if (name.startsWith("C1 ") || name.startsWith("C2 ")) {
            return "jvm: JIT compilers";
        }
        if (name.startsWith("GC ") || name.startsWith("G1 ")) {
            return "jvm: GC";
        }
        if (name.startsWith("VM ") || name.equals("Service Thread") || name.startsWith("Signal ")) {
            return "jvm: other";
        }
        // The application's threads by role: the name without its number (a pool's workers are one group).
        return APPLICATION + ": " + name.replaceAll("[0-9]+$", "");
    }

    /** Adds each thread's ticks between {@code before} and {@code after} to its group's total (and application's). */
    static void addByGroup(Map<String, Long> before, Map<String, Long> after, Map<String, long[]> byGroup, int side) {
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long was = before.getOrDefault(e.getKey(), 0L);
            String group = group(e.getKey());
            long ticks = Math.max(0, e.getValue() - was);
            byGroup.computeIfAbsent(group, g -> new long[2])[side] += ticks;
            if (group.startsWith(APPLICATION + ": ")) {
                byGroup.computeIfAbsent(APPLICATION, g -> new long[2])[side] += ticks; // and their total
            }
        }
    }
}
