package dev.attune.instrumentation.encode;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * One hot method's call durations, counted by application threads in {@link DurationBuckets} and swept by
 * the agent thread.
 *
 * <p>Why: a method called millions of times a second costs the agent thread a ring-buffer read and a
 * histogram record per call, and moves every ring-buffer line between the writer's core and the reader's.
 * Counting in place costs the writer one atomic increment on a line that stays in its own core's cache and
 * the reader nothing per call: it adds the non-zero counts into the histogram when it sweeps.
 *
 * <p>Topology: many writers, one reader. Each ring-buffer stripe has its own row of counts (up to
 * {@value #MAX_ROWS} rows; stripes beyond share them), picked by the same thread-id rule, so two busy threads
 * rarely increment the same line. Int counts are enough: the
 * reader sweeps at least once a second, and no bucket of one row takes 2<sup>31</sup> calls in a second.
 */
public final class ManyToOneDurationCounts {

    /** Receives the swept counts; called on the reader thread only. */
    public interface BucketConsumer {

        /** {@code count} calls lasted {@code lowestNanos} up to the bucket's upper bound. */
        void onBucket(long lowestNanos, long count);
    }

    /** Most rows: 16 rows of 13 KB each keep one method's counts near 200 KB on machines with many cores. */
    static final int MAX_ROWS = 16;

    private final AtomicIntegerArray counts;
    private final int rows;
    private final int rowMask;

    /** Creates counts with one row a stripe, for {@code stripeCount} stripes (a power of two). */
    public ManyToOneDurationCounts(int stripeCount) {
        this.rows = rowsFor(stripeCount);
        this.rowMask = rows - 1;
        this.counts = new AtomicIntegerArray(rows * DurationBuckets.COUNT);
    }

    private static int rowsFor(int stripeCount) {
        return Integer.highestOneBit(Math.max(1, Math.min(stripeCount, MAX_ROWS)));
    }

    /** Bytes the counts hold, for a stripe count. */
    static long bytesFor(int stripeCount) {
        return (long) rowsFor(stripeCount) * DurationBuckets.COUNT * Integer.BYTES;
    }

    /**
     * Counts one call of {@code durationNanos} in row {@code stripe}; false, counting nothing, when the
     * duration is beyond {@link DurationBuckets#MAX_VALUE}. Allocation-free, lock-free, never throws.
     */
    public boolean record(int stripe, long durationNanos) {
        if (durationNanos > DurationBuckets.MAX_VALUE) {
            return false;
        }
        // A clock that stepped back gives a negative duration; the histograms clamp it to 0, so do the counts.
        long nanos = Math.max(0, durationNanos);
        counts.getAndIncrement((stripe & rowMask) * DurationBuckets.COUNT + DurationBuckets.indexOf(nanos));
        return true;
    }

    /** Hands every non-zero count to {@code consumer} and zeroes it; returns the calls swept. Reader only. */
    public long sweep(BucketConsumer consumer) {
        long swept = 0;
        for (int row = 0; row < rows; row++) {
            int base = row * DurationBuckets.COUNT;
            for (int i = 0; i < DurationBuckets.COUNT; i++) {
                // Read first, and write only buckets that were hit: an empty bucket's line stays shared.
                if (counts.get(base + i) != 0) {
                    // Unsigned: a bucket that passed 2^31 between sweeps (an agent thread held up for minutes
                    // under billions of calls) still reads right up to 2^32.
                    long n = counts.getAndSet(base + i, 0) & 0xFFFF_FFFFL;
                    consumer.onBucket(DurationBuckets.lowestValueAt(i), n);
                    swept += n;
                }
            }
        }
        return swept;
    }
}
