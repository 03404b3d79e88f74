package dev.attune.instrumentation.signals;

import dev.attune.instrumentation.encode.ManyToOneRingBufferStripes;
import dev.attune.instrumentation.encode.Signal;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Samples the OS counters once an interval and writes them to the ring buffers as {@link Signal}s, the
 * same pipeline as method events. Agent thread only: {@link #sample()} is not thread-safe.
 *
 * <p>How it degrades:
 * <ul>
 *   <li>The first {@link #sample()} opens OSHI. If its native part (JNA) cannot load, or may not load without
 *       the JDK printing a warning ({@link NativeAccessGate}), that is one problem, and the JDK's own
 *       counters ({@link JdkCounters}) serve from then on.</li>
 *   <li>A counter this platform or container does not have (a negative or NaN value) is one problem, once,
 *       and that signal is never written (nor read) again.</li>
 *   <li>A counter that throws is one problem (repeats are not reported) and is skipped for that sample
 *       only: a passing failure, such as a {@code /proc} file read during a thread's exit, heals itself.</li>
 *   <li>{@code refresh} failing skips the sample's OS counters; deltas then span two intervals, which is
 *       still right because they are divided by the wall time between the readings.</li>
 * </ul>
 * Deltas: process CPU becomes cores used between samples; context switches are written as the count
 * since the previous sample (a counter signal). Nothing delta-based is written on the first sample, nor
 * the machine's CPU load, which OSHI and the JDK both measure since the previous reading.
 */
public final class OsSignalSampler {

    private static final int VOLUNTARY = 0;
    private static final int INVOLUNTARY = 1;

    private final ManyToOneRingBufferStripes stripes;
    private final SignalProblems problems;
    private final Supplier<OsCounters> nativeCounters;
    private final Supplier<OsCounters> jdkCounters;
    private final Supplier<CgroupLimits> cgroups;
    private final boolean[] retired = new boolean[Signal.count()];
    private final long[] switches = new long[2];
    private final long[] previousSwitches = {-1, -1};

    private OsCounters counters;
    private boolean opened;
    private long samples;
    private double previousCpuNanos = -1;
    private long previousCpuAtNanos;

    /** Creates a sampler of OSHI's counters (the JDK's when OSHI cannot load) and this process's cgroup. */
    public OsSignalSampler(ManyToOneRingBufferStripes stripes, SignalProblems problems) {
        this(stripes, problems, OshiCounters::new, JdkCounters::new, CgroupLimits::ofThisProcess);
    }

    OsSignalSampler(ManyToOneRingBufferStripes stripes, SignalProblems problems, Supplier<OsCounters> nativeCounters,
                    Supplier<OsCounters> jdkCounters, Supplier<CgroupLimits> cgroups) {
        this.stripes = stripes;
        this.problems = new ProblemsOnce(problems);
        this.nativeCounters = nativeCounters;
        this.jdkCounters = jdkCounters;
        this.cgroups = cgroups;
    }

    /**
     * Reads every counter once and writes what it can. Agent thread, once an interval; never throws.
     * The first call initialises OSHI (a few hundred milliseconds).
     */
    public void sample() {
        if (!opened) {
            counters = open();
            opened = true;
        }
        if (counters != null) {
            sampleCounters(counters);
        }
        sampleLimits();
        samples++;
    }

    /** Where the OS counters come from: "oshi", "jdk", or "none" (before the first sample too). */
    public String source() {
        return counters == null ? "none" : counters.source();
    }

    private OsCounters open() {
        try {
            return nativeCounters.get();
        } catch (NativeAccessGate.Refused e) {
            problems.skipped("oshi", "native OS counters", e.getMessage() + "; the JDK's counters are used instead");
        } catch (RuntimeException | LinkageError e) {
            problems.skipped("oshi", "native OS counters",
                    ProblemsOnce.describe(e) + "; the JDK's counters are used instead");
        }
        try {
            return jdkCounters.get();
        } catch (RuntimeException | LinkageError e) {
            problems.skipped("jdk", "OS counters", ProblemsOnce.describe(e) + "; only the cgroup limits are sampled");
            return null;
        }
    }

    private void sampleCounters(OsCounters os) {
        long now = System.nanoTime();
        try {
            os.refresh();
        } catch (RuntimeException | LinkageError e) {
            problems.skipped(os.source(), "OS counters", ProblemsOnce.describe(e) + "; skipped while it fails");
            return;
        }
        double cpuNanos = readLong(os, Signal.PROCESS_CPU_CORES, os::processCpuNanos);
        if (cpuNanos >= 0) {
            if (previousCpuNanos >= 0 && now > previousCpuAtNanos) {
                write(Signal.PROCESS_CPU_CORES,
                        Math.max(0, cpuNanos - previousCpuNanos) / (double) (now - previousCpuAtNanos));
            }
            previousCpuNanos = cpuNanos;
            previousCpuAtNanos = now;
        }
        if (samples == 0) {
            prime(os::systemCpuLoad); // its first value covers no time: neither written nor judged
        } else {
            write(Signal.SYSTEM_CPU_LOAD, readDouble(os, Signal.SYSTEM_CPU_LOAD, os::systemCpuLoad));
        }
        write(Signal.LOAD_AVERAGE, readDouble(os, Signal.LOAD_AVERAGE, os::loadAverage));
        write(Signal.RESIDENT_MEMORY, readLong(os, Signal.RESIDENT_MEMORY, os::residentBytes));
        write(Signal.AVAILABLE_MEMORY, readLong(os, Signal.AVAILABLE_MEMORY, os::availableBytes));
        write(Signal.OPEN_FILE_DESCRIPTORS,
                readLong(os, Signal.OPEN_FILE_DESCRIPTORS, os::openFileDescriptors));
        sampleContextSwitches(os);
    }

    private void sampleContextSwitches(OsCounters os) {
        if (retired[Signal.CONTEXT_SWITCHES_VOLUNTARY.ordinal()]) {
            return;
        }
        boolean read;
        try {
            read = os.contextSwitches().read(switches);
        } catch (RuntimeException | LinkageError e) {
            problems.skipped(os.source(), "CONTEXT_SWITCHES", ProblemsOnce.describe(e) + "; skipped while it fails");
            return;
        }
        if (!read || switches[VOLUNTARY] < 0 || switches[INVOLUNTARY] < 0) {
            retire(os, Signal.CONTEXT_SWITCHES_VOLUNTARY);
            retire(os, Signal.CONTEXT_SWITCHES_INVOLUNTARY);
            return;
        }
        if (previousSwitches[VOLUNTARY] >= 0) {
            // A sum over live threads falls when threads end: count nothing rather than a negative.
            write(Signal.CONTEXT_SWITCHES_VOLUNTARY, Math.max(0, switches[VOLUNTARY] - previousSwitches[VOLUNTARY]));
            write(Signal.CONTEXT_SWITCHES_INVOLUNTARY,
                    Math.max(0, switches[INVOLUNTARY] - previousSwitches[INVOLUNTARY]));
        }
        previousSwitches[VOLUNTARY] = switches[VOLUNTARY];
        previousSwitches[INVOLUNTARY] = switches[INVOLUNTARY];
    }

    private void sampleLimits() {
        CgroupLimits limits;
        try {
            limits = cgroups.get();
        } catch (RuntimeException | LinkageError e) {
            problems.skipped("cgroup", "cgroup limits", ProblemsOnce.describe(e));
            limits = CgroupLimits.NONE;
        }
        // Runtime's count already honours CPU affinity and -XX:ActiveProcessorCount; a quota is finer.
        write(Signal.CORES_AVAILABLE, limits.cpuQuotaCores().orElse(Runtime.getRuntime().availableProcessors()));
        if (limits.memoryLimitBytes().isPresent()) {
            write(Signal.MEMORY_LIMIT, limits.memoryLimitBytes().getAsLong());
        }
    }

    // The counter's value, or NaN when it is retired, missing here (then retired), or failing this time.
    private double readDouble(OsCounters os, Signal signal, DoubleSupplier counter) {
        if (retired[signal.ordinal()]) {
            return Double.NaN;
        }
        double value;
        try {
            value = counter.getAsDouble();
        } catch (RuntimeException | LinkageError e) {
            problems.skipped(os.source(), signal.name(), ProblemsOnce.describe(e) + "; skipped while it fails");
            return Double.NaN;
        }
        if (!(value >= 0)) {
            retire(os, signal);
            return Double.NaN;
        }
        return value;
    }

    private double readLong(OsCounters os, Signal signal, LongSupplier counter) {
        return readDouble(os, signal, counter::getAsLong);
    }

    private static void prime(DoubleSupplier counter) {
        try {
            counter.getAsDouble();
        } catch (RuntimeException | LinkageError e) {
            // the next sample reads it again and reports what fails then
        }
    }

    private void retire(OsCounters os, Signal signal) {
        retired[signal.ordinal()] = true;
        problems.skipped(os.source(), signal.name(), "not available on this platform or in this container");
    }

    private void write(Signal signal, double value) {
        if (!Double.isNaN(value)) {
            stripes.writeSignal(signal, value);
        }
    }
}
