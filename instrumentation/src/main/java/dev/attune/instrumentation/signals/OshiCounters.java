package dev.attune.instrumentation.signals;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.software.os.OSProcess;
import oshi.util.GlobalConfig;

/**
 * OS figures through OSHI (and JNA for getrusage). Constructing it loads JNA's native library and
 * initialises OSHI: a few hundred milliseconds once, and on Linux OSHI runs {@code uname -o} once.
 * Throws a {@link LinkageError} when the native part cannot load, and
 * {@link NativeAccessGate.Refused} when loading it would make the JDK print a warning.
 */
final class OshiCounters implements OsCounters {

    private final CentralProcessor processor;
    private final GlobalMemory memory;
    private final OSProcess process;
    private final ContextSwitches switches;
    private long[] previousTicks;

    OshiCounters() {
        NativeAccessGate.check(OshiCounters.class.getModule());
        // udev is for disks and USB, which the agent never asks about: skip loading libudev.
        GlobalConfig.set("oshi.os.linux.allowudev", false);
        SystemInfo system = new SystemInfo();
        this.process = system.getOperatingSystem().getCurrentProcess();
        if (process == null) {
            throw new IllegalStateException("OSHI cannot see this process");
        }
        this.processor = system.getHardware().getProcessor();
        this.memory = system.getHardware().getMemory();
        this.switches = RusageContextSwitches.best();
        this.previousTicks = processor.getSystemCpuLoadTicks();
    }

    @Override
    public String source() {
        return "oshi";
    }

    @Override
    public void refresh() {
        if (!process.updateAttributes()) {
            throw new IllegalStateException("OSHI could not read this process's attributes");
        }
    }

    @Override
    public long processCpuNanos() {
        return (process.getKernelTime() + process.getUserTime()) * 1_000_000L;
    }

    @Override
    public double systemCpuLoad() {
        long[] ticks = processor.getSystemCpuLoadTicks();
        double load = processor.getSystemCpuLoadBetweenTicks(previousTicks);
        previousTicks = ticks;
        return load;
    }

    @Override
    public double loadAverage() {
        return processor.getSystemLoadAverage(1)[0];
    }

    @Override
    public long residentBytes() {
        return process.getResidentSetSize();
    }

    @Override
    public long availableBytes() {
        return memory.getAvailable();
    }

    @Override
    public long openFileDescriptors() {
        return process.getOpenFiles();
    }

    @Override
    public ContextSwitches contextSwitches() {
        return switches;
    }
}
