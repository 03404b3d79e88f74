package dev.attune.tuner.loop;

import dev.attune.instrumentation.encode.Signal;
import dev.attune.tuner.aggregate.SignalSnapshot;
import dev.attune.tuner.decide.ProcessSample;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The process-wide figures a pool decision needs, once a control period on the agent thread.
 *
 * <p>The figures that move fast come from the JVM itself, measured over the control period (the signals'
 * snapshot is an interval old, up to several control periods): process CPU from {@code getProcessCpuTime}
 * deltas, the machine's load from {@code getCpuLoad}, GC from the collectors' accumulated collection time
 * (pause collectors only: beans named "... Cycles" or "... Concurrent ..." count concurrent work, which does not
 * stop the application). The signals fill in what the JVM does not know or cannot say cheaply: the cores
 * available (cgroup limits), and lock contention, which has no JVM fallback (that would need thread contention
 * monitoring switched on, which costs the application): unknown without the JFR signal.
 */
final class ProcessSampler {

    private final Supplier<SignalSnapshot> signals;
    // Looked up on the first sample, on the agent thread: never in premain.
    private OperatingSystemMXBean os;
    private List<GarbageCollectorMXBean> collectors;
    private long lastCpuNanos = -1;
    private long lastGcMillis = -1;
    private long lastWallNanos;

    ProcessSampler(Supplier<SignalSnapshot> signals) {
        this.signals = signals;
    }

    /** The figures for the period since the last call (the first call knows no CPU or GC deltas yet). */
    ProcessSample sample() {
        if (os == null) {
            os = ManagementFactory.getOperatingSystemMXBean();
            collectors = ManagementFactory.getGarbageCollectorMXBeans();
        }
        SignalSnapshot s = signals == null ? null : signals.get();
        long wall = System.nanoTime();
        double seconds = lastWallNanos == 0 ? 0 : (wall - lastWallNanos) / 1e9;
        lastWallNanos = wall;
        int processors = Runtime.getRuntime().availableProcessors();
        double cores = seen(s, Signal.CORES_AVAILABLE) ? s.gauge(Signal.CORES_AVAILABLE) : processors;

        long cpuNow = processCpuNanos();
        double used = cpuNow < 0 || lastCpuNanos < 0 || seconds <= 0 ? Double.NaN
                : (cpuNow - lastCpuNanos) / 1e9 / seconds;
        lastCpuNanos = cpuNow;
        if (Double.isNaN(used) && seen(s, Signal.PROCESS_CPU_CORES)) {
            used = s.gauge(Signal.PROCESS_CPU_CORES);
        } else if (Double.isNaN(used) && seen(s, Signal.JVM_CPU_LOAD)) {
            used = s.gauge(Signal.JVM_CPU_LOAD) * processors;
        }

        double machine = machineCpuLoad();
        if (Double.isNaN(machine)) {
            machine = seen(s, Signal.SYSTEM_CPU_LOAD) ? s.gauge(Signal.SYSTEM_CPU_LOAD)
                    : seen(s, Signal.MACHINE_CPU_LOAD) ? s.gauge(Signal.MACHINE_CPU_LOAD) : Double.NaN;
        }

        long gcNow = pauseMillis();
        double gc = lastGcMillis < 0 || seconds <= 0 ? Double.NaN : (gcNow - lastGcMillis) / 1e3 / seconds;
        lastGcMillis = gcNow;
        if (Double.isNaN(gc) && s != null && s.seconds() > 0 && s.count(Signal.GC_PAUSE) > 0) {
            gc = s.sum(Signal.GC_PAUSE) / 1e9 / s.seconds();
        }

        double locked = s != null && s.seconds() > 0 && s.seen(Signal.MONITOR_BLOCKED)
                ? s.sum(Signal.MONITOR_BLOCKED) / 1e9 / s.seconds() : Double.NaN;
        return new ProcessSample(used, cores, machine, Double.isNaN(gc) ? Double.NaN : Math.min(1, gc), locked);
    }

    private static boolean seen(SignalSnapshot s, Signal signal) {
        return s != null && s.seen(signal);
    }

    private long processCpuNanos() {
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    private double machineCpuLoad() {
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            double load = sun.getCpuLoad();
            return load >= 0 ? load : Double.NaN;
        }
        return Double.NaN;
    }

    private long pauseMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : collectors) {
            String name = gc.getName().toLowerCase(Locale.ROOT);
            long t = gc.getCollectionTime();
            if (t > 0 && !name.contains("cycles") && !name.contains("concurrent")) {
                sum += t;
            }
        }
        return sum;
    }
}
