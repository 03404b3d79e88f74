package dev.attune.tuner.aggregate;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * The heap the method figures may hold, and the interval histograms between their loans. Agent thread only.
 *
 * <p>Accounting: at each roll the aggregator measures what every method holds ({@link #measured}); between rolls,
 * each new method and each new interval histogram adds an estimate, so a burst of first calls cannot run far past
 * the budget before the next measurement. A new interval histogram is estimated at the largest one measured (they
 * grow to the longest duration recorded), at least {@link #MIN_INTERVAL_BYTES}. Interval histograms handed back at
 * a roll are lent again in the next interval; those left unused for a whole interval are let go, so a method
 * called once holds no interval histogram afterwards.
 */
final class MethodMemory {

    /** The least a new interval histogram is estimated at: durations up to about a millisecond. */
    static final long MIN_INTERVAL_BYTES = 16 * 1024;
    /** A new method's estimate until measured: its fixed state and an empty packed total. */
    static final long NEW_METHOD_BYTES = MethodStats.FIXED_BYTES + 1024;
    /** An eviction frees down to this share of the budget, so that the next one is some way off. */
    static final double EVICT_TO = 0.9;

    private final long budgetBytes;
    private long usedBytes;
    private long intervalEstimate = MIN_INTERVAL_BYTES;
    /** The estimates of interval histograms created since the last measurement, part of usedBytes. */
    private long newIntervalBytes;
    private Histogram[] spares = new Histogram[16];
    private int spareCount;

    MethodMemory(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /**
     * True when a new method's state fits, new interval histograms aside: a method refused here keeps counts only
     * for good, whereas one refused a loan only waits for the roll, which evicts the least called.
     */
    boolean affordsMethod() {
        return usedBytes - newIntervalBytes + NEW_METHOD_BYTES <= budgetBytes;
    }

    /** True when an interval histogram can be lent: a spare, or a new one within the budget. */
    boolean canLend() {
        return spareCount > 0 || usedBytes + intervalEstimate <= budgetBytes;
    }

    /** True while the use, plus {@code wanted} more interval histograms, is above the eviction target. */
    boolean aboveEvictionTarget(int wanted) {
        return usedBytes + wanted * intervalEstimate > budgetBytes * EVICT_TO;
    }

    /** True when the use, plus {@code wanted} more interval histograms, is beyond the budget. */
    boolean beyondBudget(int wanted) {
        return usedBytes + wanted * intervalEstimate > budgetBytes;
    }

    void add(long bytes) {
        usedBytes += bytes;
    }

    void release(long bytes) {
        usedBytes -= bytes;
    }

    /** A reset interval histogram: one handed back earlier, or a new one (counted at the estimate). */
    Histogram lend() {
        if (spareCount > 0) {
            Histogram h = spares[--spareCount];
            spares[spareCount] = null;
            return h;
        }
        usedBytes += intervalEstimate;
        newIntervalBytes += intervalEstimate;
        return new Histogram(MethodStats.SIGNIFICANT_DIGITS);
    }

    /**
     * Lets go of the spares no method borrowed during the interval now ending (spares are only lent between
     * rolls, so every one still here went unused). Call before the roll hands the lent ones back.
     */
    void startRoll() {
        Arrays.fill(spares, 0, spareCount, null);
        spareCount = 0;
    }

    /** Lets go of one spare, if any: a method that will not borrow again. */
    void freeSpare() {
        if (spareCount > 0) {
            usedBytes -= spares[--spareCount].getEstimatedFootprintInBytes();
            spares[spareCount] = null;
        }
    }

    void handBack(Histogram h) {
        if (spareCount == spares.length) {
            spares = Arrays.copyOf(spares, spareCount * 2);
        }
        spares[spareCount++] = h;
    }

    /** Sets the use to {@code methodsBytes}, as the aggregator measured it, plus the spares. Call after the roll. */
    void measured(long methodsBytes) {
        long bytes = methodsBytes;
        long largest = MIN_INTERVAL_BYTES;
        for (int i = 0; i < spareCount; i++) {
            long spare = spares[i].getEstimatedFootprintInBytes();
            bytes += spare;
            largest = Math.max(largest, spare);
        }
        usedBytes = bytes;
        newIntervalBytes = 0;
        intervalEstimate = largest;
    }

    long usedBytes() {
        return usedBytes;
    }
}
