package dev.attune.tuner.aggregate;

import dev.attune.instrumentation.encode.Signal;
import java.util.List;

/**
 * The process signals of one interval, immutable: per signal how many samples, their sum, max and
 * last value, plus the hottest sampled frames. Published by the agent thread, read by any thread.
 */
public final class SignalSnapshot {

    /** The snapshot before the first interval ends: nothing seen. */
    public static final SignalSnapshot EMPTY = new SignalSnapshot(0, new long[Signal.count()],
            new double[Signal.count()], new double[Signal.count()], new double[Signal.count()],
            new double[Signal.count()], new boolean[Signal.count()], List.of(), 0);

    /**
     * One of the hottest frames of the interval.
     *
     * @param frame   {@code Class#method} of the top frame
     * @param samples execution samples with this top frame
     * @param share   samples over all samples of the interval
     */
    public record HotFrame(String frame, long samples, double share) {
    }

    private final double seconds;
    private final long[] counts;
    private final double[] sums;
    private final double[] maxes;
    private final double[] lasts;
    private final double[] lastEver;
    private final boolean[] everSeen;
    private final List<HotFrame> hotFrames;
    private final long executionSamples;

    SignalSnapshot(double seconds, long[] counts, double[] sums, double[] maxes, double[] lasts,
                   double[] lastEver, boolean[] everSeen, List<HotFrame> hotFrames, long executionSamples) {
        this.seconds = seconds;
        this.counts = counts;
        this.sums = sums;
        this.maxes = maxes;
        this.lasts = lasts;
        this.lastEver = lastEver;
        this.everSeen = everSeen;
        this.hotFrames = hotFrames;
        this.executionSamples = executionSamples;
    }

    /** Length of the interval in seconds. */
    public double seconds() {
        return seconds;
    }

    /** Samples of {@code s} in the interval (for a duration signal: occurrences). */
    public long count(Signal s) {
        return counts[s.ordinal()];
    }

    /** Sum of the interval's values of {@code s} (for a duration: total time; for a counter: the total). */
    public double sum(Signal s) {
        return sums[s.ordinal()];
    }

    /** Largest value of {@code s} in the interval, 0 when none. */
    public double max(Signal s) {
        return maxes[s.ordinal()];
    }

    /** Mean of the interval's values of {@code s}, 0 when none. */
    public double mean(Signal s) {
        long c = counts[s.ordinal()];
        return c == 0 ? 0 : sums[s.ordinal()] / c;
    }

    /** Sum per second over the interval (a counter's rate; a duration's share of wall time). */
    public double ratePerSec(Signal s) {
        return seconds > 0 ? sums[s.ordinal()] / seconds : 0;
    }

    /**
     * The current value of a gauge: the last value of the interval, or the last ever seen when the
     * interval had none (a gauge holds between samples). NaN when never seen.
     */
    public double gauge(Signal s) {
        int i = s.ordinal();
        if (counts[i] > 0) {
            return lasts[i];
        }
        return everSeen[i] ? lastEver[i] : Double.NaN;
    }

    /** True when {@code s} has ever been reported (a missing counter is never reported). */
    public boolean seen(Signal s) {
        return everSeen[s.ordinal()];
    }

    /** The hottest frames of the interval, hottest first. */
    public List<HotFrame> hotFrames() {
        return hotFrames;
    }

    /** Execution samples in the interval. */
    public long executionSamples() {
        return executionSamples;
    }
}
