package dev.attune.instrumentation.signals;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * OS figures from the JDK alone, for when OSHI's native part cannot load: the
 * {@code com.sun.management} operating system bean, and on Linux {@code /proc} for what the bean lacks
 * (resident memory, available memory, context switches).
 *
 * <p>Differences from OSHI worth knowing: inside a container the bean's CPU load is the container's,
 * and without {@code /proc/meminfo} available memory falls back to the bean's free memory (page cache
 * not counted).
 */
final class JdkCounters implements OsCounters {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path MEMINFO = Path.of("/proc/meminfo");

    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ContextSwitches switches = ProcTaskContextSwitches.ofThisProcess();
    private long resident = -1;
    private long available = -1;

    @Override
    public String source() {
        return "jdk";
    }

    @Override
    public void refresh() {
        resident = ProcFields.read(STATUS, "VmRSS")[0];
        available = ProcFields.read(MEMINFO, "MemAvailable")[0];
    }

    @Override
    public long processCpuNanos() {
        return os.getProcessCpuTime();
    }

    @Override
    public double systemCpuLoad() {
        return os.getCpuLoad();
    }

    @Override
    public double loadAverage() {
        return os.getSystemLoadAverage();
    }

    @Override
    public long residentBytes() {
        return resident;
    }

    @Override
    public long availableBytes() {
        return available >= 0 ? available : os.getFreeMemorySize();
    }

    @Override
    public long openFileDescriptors() {
        return os instanceof UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : -1;
    }

    @Override
    public ContextSwitches contextSwitches() {
        return switches;
    }
}
