package dev.attune.tuner.decide;

import dev.attune.tuner.aggregate.ResourceSample;
import java.util.Locale;

/**
 * The circuit breaker that pauses sampling and tuning while the JVM is under stress.
 *
 * <p>Algorithm: two monitors, each a ratio of use to limit, read once an interval:
 * <ul>
 *   <li>{@code heap_after_gc}: heap used after GC over the max heap (the live set is near the limit: more
 *   work from the agent only adds GC pressure);</li>
 *   <li>{@code cpu}: process CPU in cores over the cores available (the agent's thread would compete with the
 *   application's).</li>
 * </ul>
 * Each interval a monitor is <em>stressed</em> at or above its threshold, <em>relieved</em> below its threshold
 * minus the margin, and neither in the band between. The breaker opens when one monitor has been stressed for
 * {@code openIntervals} intervals in a row; it closes only when every monitor has been relieved for
 * {@code reliefIntervals} intervals in a row. The band is the hysteresis: a figure hovering around the threshold
 * neither opens it (its stressed streak keeps breaking) nor, once open, closes it (it is never relieved). The
 * streaks are also the minimum sample count: no decision before {@code openIntervals} samples.
 *
 * <p>A missing figure (NaN: no signal, no GC yet) is neither stressed nor evidence of stress: it never trips the
 * breaker, breaks a stressed streak, and counts as relieved, so a source that stops reporting cannot hold the
 * breaker open for ever.
 *
 * <p>{@link #evaluate} runs on the agent thread only; {@link #isOpen()}, {@link #reason()} and
 * {@link #openings()} are volatile reads for any thread (samplers, the tuner, JMX).
 */
public final class StressBreakerRule {

    /** Default heap-after-GC threshold: 90% of the max heap. */
    public static final double DEFAULT_HEAP_AFTER_GC = 0.90;
    /** Default CPU threshold: 95% of the cores available. */
    public static final double DEFAULT_CPU = 0.95;
    /** Default consecutive stressed intervals before the breaker opens. */
    public static final int DEFAULT_OPEN_INTERVALS = 3;
    /** Default consecutive relieved intervals before it closes. */
    public static final int DEFAULT_RELIEF_INTERVALS = 3;
    /** Default hysteresis: relieved means below the threshold minus 0.10. */
    public static final double DEFAULT_MARGIN = 0.10;

    private static final String HEAP = "heap_after_gc";
    private static final String CPU = "cpu";

    private final double heapThreshold;
    private final double cpuThreshold;
    private final int openIntervals;
    private final int reliefIntervals;
    private final double margin;

    private int heapStressed;
    private int cpuStressed;
    private int relieved;
    private String trippedBy = "";
    private volatile boolean open;
    private volatile String reason = "closed";
    private volatile long openings;

    /**
     * Creates the rule.
     *
     * @param heapThreshold   heap after GC over max heap at which the heap is stressed, e.g. 0.90
     * @param cpuThreshold    process CPU over cores available at which CPU is stressed, e.g. 0.95
     * @param openIntervals   stressed intervals in a row that open the breaker (at least 1)
     * @param reliefIntervals relieved intervals in a row that close it (at least 1)
     * @param margin          how far below a threshold a monitor must fall to count as relieved, e.g. 0.10
     */
    public StressBreakerRule(double heapThreshold, double cpuThreshold, int openIntervals, int reliefIntervals,
                             double margin) {
        this.heapThreshold = heapThreshold;
        this.cpuThreshold = cpuThreshold;
        this.openIntervals = Math.max(1, openIntervals);
        this.reliefIntervals = Math.max(1, reliefIntervals);
        this.margin = Math.max(0, margin);
    }

    /** The rule with the default thresholds, intervals and margin. */
    public static StressBreakerRule defaults() {
        return new StressBreakerRule(DEFAULT_HEAP_AFTER_GC, DEFAULT_CPU, DEFAULT_OPEN_INTERVALS,
                DEFAULT_RELIEF_INTERVALS, DEFAULT_MARGIN);
    }

    /** Decides for the interval just ended. Agent thread only. */
    public BreakerDecision evaluate(ResourceSample s) {
        double heap = s.heapAfterGcRatio();
        double cpu = s.cpuRatio();
        String evidence = evidence(s);
        heapStressed = heap >= heapThreshold ? heapStressed + 1 : 0; // NaN compares false: never stressed
        cpuStressed = cpu >= cpuThreshold ? cpuStressed + 1 : 0;
        boolean allRelieved = relieved(heap, heapThreshold) && relieved(cpu, cpuThreshold);
        relieved = allRelieved ? relieved + 1 : 0;
        if (!open) {
            boolean heapTrips = heapStressed >= openIntervals;
            boolean cpuTrips = cpuStressed >= openIntervals;
            if (!heapTrips && !cpuTrips) {
                return BreakerDecision.none(evidence);
            }
            trippedBy = heapTrips && cpuTrips ? HEAP + "," + CPU : heapTrips ? HEAP : CPU;
            String why = (heapTrips ? String.format(Locale.ROOT, "heap after GC at or above %.0f%% of the max heap",
                    heapThreshold * 100) : "")
                    + (heapTrips && cpuTrips ? " and " : "")
                    + (cpuTrips ? String.format(Locale.ROOT, "process CPU at or above %.0f%% of the cores available",
                    cpuThreshold * 100) : "")
                    + " for " + openIntervals + " intervals";
            relieved = 0;
            openings++;
            reason = why;
            open = true;
            return new BreakerDecision(BreakerDecision.Transition.OPENED, trippedBy, why, evidence);
        }
        if (relieved < reliefIntervals) {
            return BreakerDecision.none(evidence);
        }
        String why = String.format(Locale.ROOT, "every monitor below its threshold minus %.2f for %d intervals"
                + " (heap after GC under %.0f%%, CPU under %.0f%%)", margin, reliefIntervals,
                (heapThreshold - margin) * 100, (cpuThreshold - margin) * 100);
        String was = trippedBy;
        trippedBy = "";
        reason = "closed";
        open = false;
        return new BreakerDecision(BreakerDecision.Transition.CLOSED, was, why, evidence);
    }

    private boolean relieved(double ratio, double threshold) {
        return Double.isNaN(ratio) || ratio < threshold - margin;
    }

    /** True while the breaker is open: sampling and tuning pause. Any thread. */
    public boolean isOpen() {
        return open;
    }

    /** Why the breaker is open, or {@code closed}. Any thread. */
    public String reason() {
        return reason;
    }

    /** How many times the breaker has opened since start. Any thread. */
    public long openings() {
        return openings;
    }

    private static String evidence(ResourceSample s) {
        return "heap_after_gc_ratio=" + number(s.heapAfterGcRatio(), "%.3f")
                + " heap_after_gc_mb=" + number(s.heapAfterGcBytes() / (1 << 20), "%.1f")
                + " heap_max_mb=" + number(s.heapMaxBytes() / (1 << 20), "%.1f")
                + " cpu_ratio=" + number(s.cpuRatio(), "%.3f")
                + " cpu_cores=" + number(s.cpuCores(), "%.2f")
                + " cores_available=" + number(s.coresAvailable(), "%.2f");
    }

    private static String number(double v, String format) {
        return Double.isNaN(v) ? "unknown" : String.format(Locale.ROOT, format, v);
    }
}
