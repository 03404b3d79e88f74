package dev.attune.instrumentation.encode;

/**
 * The log-linear buckets in which hot methods' durations are counted before the agent thread records them.
 *
 * <p>Layout note: these are exactly the buckets of an HdrHistogram with 2 significant digits and a lowest
 * discernible value of 1 ns (256 sub-buckets a power of two, the upper half of each used above the first):
 * <pre>
 *   b     = 63 - numberOfLeadingZeros(v | 255) - 7      (0 below 256)
 *   index = b * 128 + (v &gt;&gt;&gt; b)
 *   lowest value of index = (index - b * 128) &lt;&lt; b
 * </pre>
 * So recording {@link #lowestValueAt(int) lowestValueAt(indexOf(v))} into such a histogram increments the
 * same count as recording {@code v}: counting first and recording later changes no figure. Durations up to
 * {@link #MAX_VALUE} (about 4.3 s) fit; longer ones take the ring buffer, as errors do.
 */
final class DurationBuckets {

    /** Largest duration in nanoseconds that has a bucket. */
    static final long MAX_VALUE = (1L << 32) - 1;

    /** Number of buckets. */
    static final int COUNT = indexOf(MAX_VALUE) + 1;

    private static final int HALF_SUB_BUCKETS_SHIFT = 7;
    private static final long SUB_BUCKET_MASK = 255;

    private DurationBuckets() {
    }

    /** The bucket of {@code nanos}, which must be between 0 and {@link #MAX_VALUE}. */
    static int indexOf(long nanos) {
        int b = 63 - Long.numberOfLeadingZeros(nanos | SUB_BUCKET_MASK) - HALF_SUB_BUCKETS_SHIFT;
        return (b << HALF_SUB_BUCKETS_SHIFT) + (int) (nanos >>> b);
    }

    /** The smallest duration that falls in bucket {@code index}. */
    static long lowestValueAt(int index) {
        int b = Math.max(0, (index >>> HALF_SUB_BUCKETS_SHIFT) - 1);
        return (long) (index - (b << HALF_SUB_BUCKETS_SHIFT)) << b;
    }
}
