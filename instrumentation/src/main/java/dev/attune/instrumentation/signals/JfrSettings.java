package dev.attune.instrumentation.signals;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How lean the JFR stream is: which thresholds and periods its cut-down event set uses, and how much
 * recorded data it keeps for a dump.
 *
 * @param executionSamplePeriod      how often running Java threads are sampled (JFR's default is 20 ms;
 *                                   slower is cheaper; {@link #samplePeriodFor} an interval by default)
 * @param contentionThreshold        shortest monitor enter that is reported ({@code jdk.JavaMonitorEnter})
 * @param parkThreshold              shortest thread park that is reported ({@code jdk.ThreadPark})
 * @param periodicPeriod             period of CPU load and thread counts
 * @param allocationSamplesPerSecond at most this many allocation samples a second; each is weighted, so the
 *                                   estimate of bytes allocated stays unbiased
 * @param maxAge                     recorded data older than this is discarded: what a dump can hold
 * @param maxSizeBytes               and at most this many bytes of it on disk
 * @param excluded                   events of {@link #EVENTS} not recorded at all
 * @param contentionStackTraces      whether contended monitor enters carry a stack trace; off by default, since
 *                                   HotSpot then walks the entering thread's stack on every contended enter, however
 *                                   short, before the threshold can tell whether the event is written
 */
public record JfrSettings(Duration executionSamplePeriod, Duration contentionThreshold, Duration parkThreshold,
                          Duration periodicPeriod, int allocationSamplesPerSecond, Duration maxAge,
                          long maxSizeBytes, Set<String> excluded, boolean contentionStackTraces) {

    /** The event set, by JFR name (names only here: this class loads where JFR may be missing). */
    public static final List<String> EVENTS = List.of("jdk.CPULoad", "jdk.JavaThreadStatistics",
            "jdk.GarbageCollection", "jdk.GCHeapSummary", "jdk.GCHeapConfiguration", "jdk.ObjectAllocationSample",
            "jdk.ExecutionSample", "jdk.JavaMonitorEnter", "jdk.ThreadPark", "jdk.SafepointBegin",
            "jdk.SafepointEnd");

    /** Sampling rounds an interval when the period follows the interval. */
    public static final int SAMPLE_ROUNDS_PER_INTERVAL = 50;
    /** The densest period that follows the interval: JFR's own default. */
    public static final Duration MIN_AUTO_SAMPLE_PERIOD = Duration.ofMillis(20);
    /** The sparsest period that follows the interval. */
    public static final Duration MAX_AUTO_SAMPLE_PERIOD = Duration.ofSeconds(1);

    /** Validates: every duration positive (thresholds may be zero), the rest at least one, exclusions known. */
    public JfrSettings {
        excluded = Set.copyOf(excluded);
        if (!EVENTS.containsAll(excluded)) {
            throw new IllegalArgumentException("excluded events must be of the set " + EVENTS + ": " + excluded);
        }
        positive(executionSamplePeriod, "executionSamplePeriod");
        notNegative(contentionThreshold, "contentionThreshold");
        notNegative(parkThreshold, "parkThreshold");
        positive(periodicPeriod, "periodicPeriod");
        positive(maxAge, "maxAge");
        if (allocationSamplesPerSecond < 1 || maxSizeBytes < 1) {
            throw new IllegalArgumentException("allocationSamplesPerSecond and maxSizeBytes must be at least 1");
        }
    }

    /**
     * Lean defaults for the 1% CPU budget: samples as {@link #samplePeriodFor} a 10 s interval asks (every 200 ms),
     * contention from 10 ms without stack traces, parks from 20 ms, CPU and threads every second, 100 allocation
     * samples a second, the last 2 minutes (at most 32 MiB) kept; every event of the set (the agent's configuration,
     * {@code attune.jfr.exclude}, leaves thread parks out unless told).
     */
    public static JfrSettings defaults() {
        return new JfrSettings(samplePeriodFor(Duration.ofSeconds(10)), Duration.ofMillis(10), Duration.ofMillis(20),
                Duration.ofSeconds(1), 100, Duration.ofMinutes(2), 32L << 20, Set.of(), false);
    }

    /**
     * The execution sample period for an aggregation interval: {@value #SAMPLE_ROUNDS_PER_INTERVAL} sampling rounds
     * an interval, within {@link #MIN_AUTO_SAMPLE_PERIOD} and {@link #MAX_AUTO_SAMPLE_PERIOD}.
     *
     * <p>Why tied to the interval: the hot-methods table is per interval, so what it needs is a number of rounds an
     * interval, not a rate; and the sampler's cost is nearly all its wake-ups (each costs tens of microseconds of
     * CPU on a virtual machine whatever it then samples), so every round beyond what the table needs is cost alone.
     * Fifty rounds give a thread busy for the whole interval 50 samples (a 2% resolution), and JFR samples up to
     * five running threads a round. 20 ms is JFR's own default rate, the densest kept; 1 s the sparsest.
     */
    public static Duration samplePeriodFor(Duration interval) {
        Duration period = interval.dividedBy(SAMPLE_ROUNDS_PER_INTERVAL);
        return period.compareTo(MIN_AUTO_SAMPLE_PERIOD) < 0 ? MIN_AUTO_SAMPLE_PERIOD
                : period.compareTo(MAX_AUTO_SAMPLE_PERIOD) > 0 ? MAX_AUTO_SAMPLE_PERIOD : period;
    }

    /** True when {@code event} is recorded (not excluded). */
    public boolean records(String event) {
        return !excluded.contains(event);
    }

    private static void positive(Duration d, String name) {
        if (Objects.requireNonNull(d, name).isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    private static void notNegative(Duration d, String name) {
        if (Objects.requireNonNull(d, name).isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
    }
}
