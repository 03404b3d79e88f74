package dev.attune.tuner.aggregate;

import dev.attune.instrumentation.encode.Signal;

/**
 * How much CPU and heap the process used in one interval, against what it may use: the input of the stress
 * breaker and of the right-sizing window. NaN means not measured.
 *
 * <p>CPU is taken only from the interval itself (a stale CPU figure would say nothing about now), while heap
 * after GC is a gauge held between collections: no GC means the live set has not been measured lower since.
 *
 * @param cpuCores         this process's CPU in cores (1.0 = one core busy), NaN when not measured this interval
 * @param coresAvailable   cores the process may use (cgroup quota or machine)
 * @param heapAfterGcBytes heap used after the last GC, NaN before the first GC is seen
 * @param heapMaxBytes     the heap's maximum size, NaN when unknown
 */
public record ResourceSample(double cpuCores, double coresAvailable, double heapAfterGcBytes, double heapMaxBytes) {

    /** CPU used over cores available, NaN when either is unknown. */
    public double cpuRatio() {
        return ratio(cpuCores, coresAvailable);
    }

    /** Heap after GC over max heap, NaN when either is unknown. */
    public double heapAfterGcRatio() {
        return ratio(heapAfterGcBytes, heapMaxBytes);
    }

    private static double ratio(double used, double limit) {
        return Double.isNaN(used) || !(limit > 0) ? Double.NaN : used / limit;
    }

    /**
     * Reads the figures of one snapshot. Where the OS or JFR figure is missing, cores available and max heap
     * fall back to what this JVM says itself ({@code availableProcessors}, {@code maxMemory}), and CPU to the
     * JVM's share of the machine from JFR; anything still missing is NaN.
     */
    public static ResourceSample of(SignalSnapshot s) {
        int processors = Runtime.getRuntime().availableProcessors();
        double cores = positiveGauge(s, Signal.CORES_AVAILABLE);
        if (Double.isNaN(cores)) {
            cores = processors;
        }
        double cpu = Double.NaN;
        if (s.count(Signal.PROCESS_CPU_CORES) > 0) {
            cpu = s.mean(Signal.PROCESS_CPU_CORES);
        } else if (s.count(Signal.JVM_CPU_LOAD) > 0) {
            cpu = s.mean(Signal.JVM_CPU_LOAD) * processors;
        }
        double heapMax = positiveGauge(s, Signal.HEAP_MAX);
        if (Double.isNaN(heapMax)) {
            long max = Runtime.getRuntime().maxMemory();
            heapMax = max == Long.MAX_VALUE ? Double.NaN : max;
        }
        return new ResourceSample(cpu, cores, s.gauge(Signal.HEAP_AFTER_GC), heapMax);
    }

    private static double positiveGauge(SignalSnapshot s, Signal signal) {
        double v = s.gauge(signal);
        return v > 0 ? v : Double.NaN;
    }
}
