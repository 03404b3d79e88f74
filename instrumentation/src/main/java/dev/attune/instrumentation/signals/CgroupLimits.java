package dev.attune.instrumentation.signals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The CPU quota and memory limit of this process's cgroup: what a container lets it use.
 *
 * <p>How it is read:
 * <ul>
 *   <li>cgroup v2 (the root holds {@code cgroup.controllers}): the process's group is the {@code 0::/path}
 *       line of {@code /proc/self/cgroup}; {@code cpu.max} is {@code "quota period"} or {@code "max period"},
 *       {@code memory.max} is bytes or {@code "max"}.</li>
 *   <li>cgroup v1: the {@code cpu} (or {@code cpu,cpuacct}) and {@code memory} hierarchies, each with its own
 *       line in {@code /proc/self/cgroup}; {@code cpu.cfs_quota_us} is -1 for no quota, over
 *       {@code cpu.cfs_period_us}; {@code memory.limit_in_bytes} reports "no limit" as about 2^63.</li>
 *   <li>A limit set on any ancestor binds too, so the group and every parent up to the mount are read and the
 *       smallest limit wins. Inside a container the listed path often does not exist in its own view of
 *       the hierarchy (the mount is already the container's group): then the mount itself is read.</li>
 *   <li>Anything missing or unreadable means "no limit": that is what a machine without cgroups has.</li>
 * </ul>
 * Plain file reads, a few a call: meant for the agent thread once an interval, never for premain.
 */
public final class CgroupLimits {

    /** No limits known: no cgroup file system, or nothing set. */
    public static final CgroupLimits NONE = new CgroupLimits("none", Double.NaN, -1);

    // The kernel reports an unlimited v1 memory limit as LONG_MAX rounded down to a page; no machine has 4 EiB.
    static final long UNLIMITED_BYTES = 1L << 62;

    private final String version;
    private final double cpuCores;
    private final long memoryBytes;

    private CgroupLimits(String version, double cpuCores, long memoryBytes) {
        this.version = version;
        this.cpuCores = cpuCores;
        this.memoryBytes = memoryBytes;
    }

    /** The limits of this process, from {@code /sys/fs/cgroup} and {@code /proc/self/cgroup}. */
    public static CgroupLimits ofThisProcess() {
        return read(Path.of("/sys/fs/cgroup"), Path.of("/proc/self/cgroup"));
    }

    /** The limits found under the cgroup mount {@code root} for the groups listed in {@code selfCgroup}. */
    public static CgroupLimits read(Path root, Path selfCgroup) {
        List<String> membership = lines(selfCgroup);
        if (Files.isRegularFile(root.resolve("cgroup.controllers"))) {
            Path group = groupDir(root, groupPath(membership, ""));
            double cpu = Double.NaN;
            long memory = -1;
            for (Path dir : ancestry(root, group)) {
                cpu = smaller(cpu, cpuMax(dir.resolve("cpu.max")));
                memory = smaller(memory, bytes(dir.resolve("memory.max")));
            }
            return new CgroupLimits("v2", cpu, memory);
        }
        Path cpuMount = firstDir(root, "cpu", "cpu,cpuacct", "cpuacct,cpu");
        Path memoryMount = firstDir(root, "memory");
        if (cpuMount == null && memoryMount == null) {
            return NONE;
        }
        double cpu = Double.NaN;
        if (cpuMount != null) {
            for (Path dir : ancestry(cpuMount, groupDir(cpuMount, groupPath(membership, "cpu")))) {
                long quota = number(dir.resolve("cpu.cfs_quota_us"));
                long period = number(dir.resolve("cpu.cfs_period_us"));
                cpu = smaller(cpu, quota > 0 && period > 0 ? (double) quota / period : Double.NaN);
            }
        }
        long memory = -1;
        if (memoryMount != null) {
            for (Path dir : ancestry(memoryMount, groupDir(memoryMount, groupPath(membership, "memory")))) {
                memory = smaller(memory, bytes(dir.resolve("memory.limit_in_bytes")));
            }
        }
        return new CgroupLimits("v1", cpu, memory);
    }

    /** "v2", "v1", or "none". */
    public String version() {
        return version;
    }

    /** The CPU quota in cores (1.5 = one and a half cores), when one is set. */
    public OptionalDouble cpuQuotaCores() {
        return Double.isNaN(cpuCores) ? OptionalDouble.empty() : OptionalDouble.of(cpuCores);
    }

    /** The memory limit in bytes, when one is set. */
    public OptionalLong memoryLimitBytes() {
        return memoryBytes < 0 ? OptionalLong.empty() : OptionalLong.of(memoryBytes);
    }

    @Override
    public String toString() {
        return "CgroupLimits[" + version + ", cpu=" + cpuQuotaCores() + ", memory=" + memoryLimitBytes() + "]";
    }

    // The path of the group holding `controller` ("" for the v2 line "0::/path"), or "/" when not listed.
    private static String groupPath(List<String> membership, String controller) {
        for (String line : membership) {
            String[] parts = line.split(":", 3);
            if (parts.length == 3 && (controller.isEmpty()
                    ? parts[0].equals("0") && parts[1].isEmpty()
                    : List.of(parts[1].split(",")).contains(controller))) {
                return parts[2];
            }
        }
        return "/";
    }

    private static Path groupDir(Path mount, String groupPath) {
        Path dir = mount.resolve(groupPath.replaceFirst("^/+", "")).normalize();
        return dir.startsWith(mount) && Files.isDirectory(dir) ? dir : mount;
    }

    // The group and its parents up to and including the mount.
    private static List<Path> ancestry(Path mount, Path group) {
        List<Path> dirs = new ArrayList<>();
        for (Path dir = group; dir != null && dir.startsWith(mount); dir = dir.getParent()) {
            dirs.add(dir);
        }
        return dirs;
    }

    private static Path firstDir(Path root, String... names) {
        for (String name : names) {
            Path dir = root.resolve(name);
            if (Files.isDirectory(dir)) {
                return dir;
            }
        }
        return null;
    }

    // cpu.max: "max 100000" (no quota) or "150000 100000" (1.5 cores).
    private static double cpuMax(Path file) {
        String[] fields = text(file).trim().split("\\s+");
        if (fields.length != 2) {
            return Double.NaN;
        }
        long quota = parse(fields[0]);
        long period = parse(fields[1]);
        return quota > 0 && period > 0 ? (double) quota / period : Double.NaN;
    }

    private static long bytes(Path file) {
        long value = number(file);
        return value >= UNLIMITED_BYTES ? -1 : value;
    }

    // -1 when missing, unreadable, "max" or not a number.
    private static long number(Path file) {
        return parse(text(file).trim());
    }

    private static long parse(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static double smaller(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
    }

    private static long smaller(long a, long b) {
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
