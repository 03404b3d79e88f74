package dev.attune.instrumentation.encode;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Which timed methods are counted in place ({@link ManyToOneDurationCounts}) instead of through the ring
 * buffers: the agent thread promotes a method once it is called {@link #promotionRate()} times a second,
 * application threads look up the counts by method id.
 *
 * <p>A promoted method stays promoted: its counts are never withdrawn, so no writer can hold counts that
 * the reader has stopped sweeping. Memory is bounded by a byte budget, which sets how many methods can be
 * promoted (counts cost 13 KB a stripe, at most 16 stripes: 53 KB a method on 2 cores).
 */
public final class HotMethodCounts {

    /** Bytes of counts all promoted methods may hold together. */
    public static final long DEFAULT_BUDGET_BYTES = 2L << 20;

    /** Most methods promoted, whatever the budget: past a few dozen hot methods, each is a small share of calls. */
    static final int MAX_PROMOTED = 32;

    /** Calls a second from which a method is promoted, by default. */
    public static final long DEFAULT_PROMOTION_RATE = 100_000;

    private final AtomicReferenceArray<ManyToOneDurationCounts> byId;
    private final long promotionRate;
    private final int stripeCount;
    private final int maxPromoted;
    private final int[] promotedIds;
    private int promoted;

    /**
     * Creates the table for method ids below {@code maxMethods}, with counts of {@code stripeCount} rows,
     * promoting methods called {@code promotionRate} times a second (0: none), as many as {@code budgetBytes}
     * holds.
     */
    public HotMethodCounts(int maxMethods, int stripeCount, long budgetBytes, long promotionRate) {
        // No table at all when nothing can be promoted: a rate of 0 costs no memory.
        this.byId = new AtomicReferenceArray<>(promotionRate <= 0 ? 0 : Math.max(0, maxMethods));
        this.stripeCount = stripeCount;
        this.promotionRate = promotionRate;
        this.maxPromoted = promotionRate <= 0 ? 0 : (int) Math.min(Math.min(maxMethods, MAX_PROMOTED),
                budgetBytes / ManyToOneDurationCounts.bytesFor(stripeCount));
        this.promotedIds = new int[Math.max(0, maxPromoted)];
    }

    /** A table that never promotes: every call takes the ring buffers. */
    public static HotMethodCounts none() {
        return new HotMethodCounts(0, 1, 0, 0);
    }

    /** Calls a second through the ring buffers from which a method is promoted; 0 when none ever is. */
    public long promotionRate() {
        return promotionRate;
    }

    /** The counts of {@code methodId}, or null while it is not promoted. Any thread; allocation-free. */
    public ManyToOneDurationCounts forMethod(int methodId) {
        return methodId >= 0 && methodId < byId.length() ? byId.get(methodId) : null;
    }

    /** Promotes {@code methodId}; false when out of range, already promoted or the budget is spent. Reader only. */
    public boolean promote(int methodId) {
        if (methodId < 0 || methodId >= byId.length() || promoted >= maxPromoted || byId.get(methodId) != null) {
            return false;
        }
        byId.set(methodId, new ManyToOneDurationCounts(stripeCount));
        promotedIds[promoted++] = methodId;
        return true;
    }

    /** How many methods are promoted. Reader only. */
    public int promotedCount() {
        return promoted;
    }

    /** The id of the {@code i}-th promoted method, in order of promotion. Reader only. */
    public int promotedId(int i) {
        return promotedIds[i];
    }

    /** Most methods that can be promoted. */
    public int maxPromoted() {
        return maxPromoted;
    }
}
