package dev.attune.tuner.aggregate;

import dev.attune.instrumentation.encode.ManyToOneDurationCounts;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;

/**
 * The state of one timed method that has been called, owned by the agent thread; a method never called has none.
 *
 * <p>Memory: calls are recorded into {@code interval}, an auto-resizing histogram lent by the aggregator on the
 * interval's first call (its array spans only up to the longest duration seen) and handed back at the roll, after
 * it was added into {@code total}; a method idle in an interval holds none. The total is an auto-resizing
 * histogram of int counts: half the bytes of long counts, widened to long counts once its calls near
 * 2<sup>31</sup>, so that no bucket can overflow. (A packed histogram would be smaller still, but each figure
 * read from it and each interval added into it is a slow pass, on the agent thread at every roll.) All use 2
 * significant digits (values within 1%) up to 1 hour; longer durations are clamped to it, negative ones to zero.
 * Once the agent's memory budget is spent, the least-called methods drop their histograms
 * ({@link #dropHistograms()}) and keep counts, mean and max only.
 *
 * <p>A hot method's calls also arrive as swept bucket counts ({@link #onBucket}): the buckets are the
 * histograms' own, so they change no figure.
 */
final class MethodStats implements ManyToOneDurationCounts.BucketConsumer {

    static final long HIGHEST_NANOS = 3_600_000_000_000L;
    static final int SIGNIFICANT_DIGITS = 2;
    /** Heap held besides the histograms: this object, its counts, its figures and its slot in the lists. */
    static final long FIXED_BYTES = 400;

    final int id;
    final MethodFigures figures;
    private final CallCounts intervalCounts = new CallCounts();
    private final CallCounts totalCounts = new CallCounts();
    private Histogram interval;
    private AbstractHistogram total;
    /** True when the method found no interval histogram to borrow in this interval (memory budget spent). */
    boolean starved;
    /** Calls that returned normally read from the ring buffers since the last hot-method check. */
    long ringCallsSinceCheck;

    MethodStats(int id, String name, boolean histograms) {
        this.id = id;
        this.figures = new MethodFigures(name);
        this.total = histograms ? new IntCountsHistogram(SIGNIFICANT_DIGITS) : null;
    }

    /** True when the method keeps histograms but has none lent for this interval yet. */
    boolean wantsInterval() {
        return interval == null && total != null;
    }

    void lend(Histogram histogram) {
        interval = histogram;
    }

    boolean countsOnly() {
        return total == null;
    }

    void record(long durationNanos, boolean threw) {
        long nanos = Math.max(0, Math.min(durationNanos, HIGHEST_NANOS));
        if (interval != null) {
            interval.recordValue(nanos);
        }
        intervalCounts.record(nanos, threw);
        if (!threw) {
            ringCallsSinceCheck++; // throws keep taking the ring buffers, so they never make a method hot
        }
    }

    @Override
    public void onBucket(long lowestNanos, long count) {
        long nanos = Math.min(lowestNanos, HIGHEST_NANOS);
        if (interval != null) {
            interval.recordValueWithCount(nanos, count);
        }
        intervalCounts.record(nanos, count);
    }

    /**
     * Publishes the interval just ended and the total, then starts the next interval; returns the lent interval
     * histogram, reset, for the aggregator to lend again (null when none was lent).
     */
    Histogram roll(double intervalSeconds, double secondsSinceStart) {
        boolean called = intervalCounts.calls > 0;
        if (interval != null) {
            total = countable(total, interval.getTotalCount());
            total.add(interval);
        }
        intervalCounts.addTo(totalCounts);
        figures.publish(interval, intervalCounts, intervalSeconds, called ? total : null, totalCounts,
                secondsSinceStart);
        intervalCounts.reset();
        Histogram lent = interval;
        interval = null;
        if (lent != null) {
            lent.reset();
        }
        return lent;
    }

    /**
     * {@code total}, or a copy with long counts once {@code more} calls could overflow an int count (no bucket
     * holds more than the total).
     */
    private static AbstractHistogram countable(AbstractHistogram total, long more) {
        if (total instanceof Histogram || total.getTotalCount() + more < Integer.MAX_VALUE) {
            return total;
        }
        Histogram wide = new Histogram(SIGNIFICANT_DIGITS);
        wide.add(total);
        return wide;
    }

    /** Calls since start, this interval's included: the measure of which methods keep their histograms. */
    long calls() {
        return totalCounts.calls + intervalCounts.calls;
    }

    /** Heap this method holds, histograms included. */
    long footprintBytes() {
        return FIXED_BYTES + (total != null ? total.getEstimatedFootprintInBytes() : 0)
                + (interval != null ? interval.getEstimatedFootprintInBytes() : 0);
    }

    /** Heap held by the total histogram alone. */
    long totalBytes() {
        return total != null ? total.getEstimatedFootprintInBytes() : 0;
    }

    /** Drops both histograms for good (the figures fall back to counts, mean and max). At a roll, none is lent. */
    void dropHistograms() {
        interval = null;
        total = null;
        figures.countsOnly();
    }
}
