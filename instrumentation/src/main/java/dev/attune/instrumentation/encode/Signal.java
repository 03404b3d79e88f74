package dev.attune.instrumentation.encode;

/**
 * Every process-wide figure that travels the ring buffers besides method exits: what JFR and the OS
 * report, each with its unit and how an interval's samples combine.
 *
 * <p>The ordinal is part of the wire format ({@link SignalCodec}); add new constants at the end only.
 */
public enum Signal {
    // From JFR (jdk.jfr.consumer.RecordingStream).
    /** JVM user + system CPU as a share of the whole machine (jdk.CPULoad). */
    JVM_CPU_LOAD(Unit.RATIO, Combine.GAUGE),
    /** Whole-machine CPU as a share of the machine (jdk.CPULoad). */
    MACHINE_CPU_LOAD(Unit.RATIO, Combine.GAUGE),
    /** One GC pause (jdk.GarbageCollection sum of pauses). */
    GC_PAUSE(Unit.NANOS, Combine.DURATION),
    /** Heap used after a GC (jdk.GCHeapSummary, when = After GC). */
    HEAP_AFTER_GC(Unit.BYTES, Combine.GAUGE),
    /** Bytes allocated, estimated from jdk.ObjectAllocationSample weights. */
    ALLOCATED(Unit.BYTES, Combine.COUNTER),
    /** One contended monitor enter above the threshold (jdk.JavaMonitorEnter). */
    MONITOR_BLOCKED(Unit.NANOS, Combine.DURATION),
    /** One thread park above the threshold (jdk.ThreadPark). */
    THREAD_PARKED(Unit.NANOS, Combine.DURATION),
    /** One safepoint (jdk.SafepointBegin to end). */
    SAFEPOINT(Unit.NANOS, Combine.DURATION),
    /** Live threads (jdk.JavaThreadStatistics). */
    THREADS_LIVE(Unit.COUNT, Combine.GAUGE),
    /** Heap committed maximum (jdk.GCHeapSummary / Runtime.maxMemory). */
    HEAP_MAX(Unit.BYTES, Combine.GAUGE),

    // From the OS (OSHI), sampled once an interval.
    /** This process's CPU as cores used (1.0 = one core busy). */
    PROCESS_CPU_CORES(Unit.CORES, Combine.GAUGE),
    /** Whole-machine CPU as a share of the machine. */
    SYSTEM_CPU_LOAD(Unit.RATIO, Combine.GAUGE),
    /** One-minute load average. */
    LOAD_AVERAGE(Unit.COUNT, Combine.GAUGE),
    /** Voluntary context switches of this process. */
    CONTEXT_SWITCHES_VOLUNTARY(Unit.COUNT, Combine.COUNTER),
    /** Involuntary context switches of this process. */
    CONTEXT_SWITCHES_INVOLUNTARY(Unit.COUNT, Combine.COUNTER),
    /** Resident set size of this process. */
    RESIDENT_MEMORY(Unit.BYTES, Combine.GAUGE),
    /** Memory available to new work on the machine. */
    AVAILABLE_MEMORY(Unit.BYTES, Combine.GAUGE),
    /** Open file descriptors of this process. */
    OPEN_FILE_DESCRIPTORS(Unit.COUNT, Combine.GAUGE),
    /** Cores this process may use: the cgroup CPU quota, or the machine's logical processors. */
    CORES_AVAILABLE(Unit.CORES, Combine.GAUGE),
    /** The cgroup memory limit, when there is one. */
    MEMORY_LIMIT(Unit.BYTES, Combine.GAUGE);

    /** What a value measures. */
    public enum Unit { RATIO, NANOS, BYTES, COUNT, CORES }

    /**
     * How the samples of one interval combine: a gauge keeps last, mean and max; a counter sums (and
     * gives a rate); a duration keeps count, sum and max of single occurrences.
     */
    public enum Combine { GAUGE, COUNTER, DURATION }

    private static final Signal[] VALUES = values();

    private final Unit unit;
    private final Combine combine;

    Signal(Unit unit, Combine combine) {
        this.unit = unit;
        this.combine = combine;
    }

    /** The unit of the values. */
    public Unit unit() {
        return unit;
    }

    /** How an interval's samples combine. */
    public Combine combine() {
        return combine;
    }

    /** The signal with this ordinal, or null. Allocation-free. */
    public static Signal ofOrdinal(int ordinal) {
        return ordinal >= 0 && ordinal < VALUES.length ? VALUES[ordinal] : null;
    }

    /** Number of signals. */
    public static int count() {
        return VALUES.length;
    }
}
