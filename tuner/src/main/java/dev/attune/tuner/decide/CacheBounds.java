package dev.attune.tuner.decide;

/**
 * The limits within which the tuner may size one cache, in the cache's own unit (entries, or weight), and the
 * caches' defaults, written once here for the configuration to read.
 *
 * <p>Why the application's own maximum divided and multiplied by {@value #DEFAULT_GROWTH_LIMIT}: the hit-ratio
 * model predicts up to 8 times the current maximum, so beyond that the rule would grow on no evidence; and the
 * application's figure is usually a guess, often far too large, so the floor lets the rule give back most of an
 * oversized cache's memory, while a shrink made in a quiet spell is only three verified doublings away from the
 * application's own size when the load returns.
 *
 * @param min                  smallest maximum (default: the application's own / {@value #DEFAULT_SHRINK_LIMIT})
 * @param max                  largest maximum (default: {@value #DEFAULT_GROWTH_LIMIT} × the application's own)
 * @param cooldownPeriods      control periods after an action before the next one
 * @param minSamples           control periods observed before any action
 * @param targetHitRatio       hit ratio the cache should reach, 0 to 1; 0 = none: grow while the gain is material
 * @param heapAfterGcThreshold the circuit breaker's heap-after-GC threshold ({@link StressBreakerRule})
 */
public record CacheBounds(long min, long max, int cooldownPeriods, int minSamples, double targetHitRatio,
                          double heapAfterGcThreshold) {

    /** Default ceiling as a multiple of the application's own maximum: as far as the hit-ratio curve reaches. */
    public static final int DEFAULT_GROWTH_LIMIT = 8;
    /** Default floor as a fraction (1 / this) of the application's own maximum. */
    public static final int DEFAULT_SHRINK_LIMIT = 8;
    /** Default control periods between two actions on one cache. */
    public static final int DEFAULT_COOLDOWN_PERIODS = 2;
    /** Default control periods observed before the first action. */
    public static final int DEFAULT_MIN_SAMPLES = 3;
    /** Predicted hit-ratio gain, in ratio points (0.02 = 2%), that makes a grow worth its memory. */
    public static final double DEFAULT_MIN_GAIN = 0.02;
    /** Share of the max heap all tuned caches may take together. */
    public static final double DEFAULT_BUDGET_SHARE = 0.25;
    /** Hit ratio below which a cache's alert fires (the alert is elsewhere; the default is read from here). */
    public static final double DEFAULT_ALERT_HIT_RATIO = 0.60;

    /** Bounds derived from the application's own maximum, with the documented defaults and no target. */
    public static CacheBounds defaultsFor(long appMaximum) {
        long own = Math.max(1, appMaximum);
        long min = Math.max(1, own / DEFAULT_SHRINK_LIMIT);
        long max = own > Long.MAX_VALUE / DEFAULT_GROWTH_LIMIT ? Long.MAX_VALUE : own * DEFAULT_GROWTH_LIMIT;
        return new CacheBounds(min, Math.max(min + 1, max), DEFAULT_COOLDOWN_PERIODS, DEFAULT_MIN_SAMPLES, 0,
                StressBreakerRule.DEFAULT_HEAP_AFTER_GC);
    }

    /** Checks the bounds are consistent. */
    public CacheBounds {
        if (min < 1 || max < min || cooldownPeriods < 0 || minSamples < 1
                || !(targetHitRatio >= 0 && targetHitRatio < 1)
                || !(heapAfterGcThreshold > 0 && heapAfterGcThreshold <= 1)) {
            throw new IllegalArgumentException("need 1 <= min <= max, cooldown >= 0, minSamples >= 1, target in"
                    + " [0, 1), heap threshold in (0, 1]: " + min + ".." + max + " target " + targetHitRatio
                    + " heap " + heapAfterGcThreshold);
        }
    }

    /** {@code size} clamped into [min, max]. */
    public long clamp(long size) {
        return Math.max(min, Math.min(max, size));
    }

    /** True when a target hit ratio is set. */
    public boolean hasTarget() {
        return targetHitRatio > 0;
    }
}
