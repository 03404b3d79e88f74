package dev.attune.tuner.aggregate;

import dev.attune.instrumentation.encode.ManyToOneDurationCounts;
import org.HdrHistogram.Histogram;

/**
 * The histograms of one timed method, owned by the agent thread.
 *
 * <p>Interval swapping without allocation: calls are recorded into {@code interval}; at each roll the
 * interval is added into {@code total}, its figures are published, and it is reset for reuse. Both
 * histograms are sized once (1 ns to 1 hour, 2 significant digits: values within 1%), so recording and
 * rolling never allocate. Durations beyond an hour are clamped to it, negative ones to zero.
 *
 * <p>A hot method's calls also arrive as swept bucket counts ({@link #onBucket}): the buckets are this
 * histogram's own, so they change no figure.
 */
final class MethodStats implements ManyToOneDurationCounts.BucketConsumer {

    static final long HIGHEST_NANOS = 3_600_000_000_000L;
    static final int SIGNIFICANT_DIGITS = 2;

    final int id;
    final MethodFigures figures;
    private final Histogram interval = new Histogram(HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    private final Histogram total = new Histogram(HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    private long intervalErrors;
    private long totalErrors;
    /** Calls that returned normally read from the ring buffers since the last hot-method check. */
    long ringCallsSinceCheck;

    MethodStats(int id, String name) {
        this.id = id;
        this.figures = new MethodFigures(name);
    }

    void record(long durationNanos, boolean threw) {
        interval.recordValue(Math.max(0, Math.min(durationNanos, HIGHEST_NANOS)));
        if (threw) {
            intervalErrors++;
        } else {
            ringCallsSinceCheck++; // throws keep taking the ring buffers, so they never make a method hot
        }
    }

    @Override
    public void onBucket(long lowestNanos, long count) {
        interval.recordValueWithCount(Math.min(lowestNanos, HIGHEST_NANOS), count);
    }

    void roll(double intervalSeconds, double secondsSinceStart) {
        total.add(interval);
        totalErrors += intervalErrors;
        figures.publish(interval, intervalErrors, intervalSeconds, total, totalErrors, secondsSinceStart);
        interval.reset();
        intervalErrors = 0;
    }
}
