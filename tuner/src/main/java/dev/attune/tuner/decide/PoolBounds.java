package dev.attune.tuner.decide;

/**
 * The limits within which the tuner may size one pool.
 *
 * @param min               smallest core size (default: the application's own core size)
 * @param max               largest core size (default: {@link #DEFAULT_GROWTH_LIMIT} × the application's core size)
 * @param maxStep           largest change of size in one action
 * @param cooldownIntervals intervals after an action before the next one
 * @param minSamples        intervals observed before any action
 * @param targetWaitNanos   queue wait p99 above which tasks count as waiting; 0 = learn a baseline
 */
public record PoolBounds(int min, int max, int maxStep, int cooldownIntervals, int minSamples, long targetWaitNanos) {

    /** Default ceiling as a multiple of the application's own core size. */
    public static final int DEFAULT_GROWTH_LIMIT = 8;
    /** Largest core size the tuner ever gives a pool by default, whatever its growth limit. */
    public static final int MAX_THREADS = 512;

    /** Bounds derived from the application's own core size, with the defaults documented in the README. */
    public static PoolBounds defaultsFor(int appCoreSize) {
        int core = Math.max(1, appCoreSize);
        return new PoolBounds(core, Math.max(core + 1, Math.min(core * DEFAULT_GROWTH_LIMIT, MAX_THREADS)), 8, 2, 3, 0);
    }

    /** Checks the bounds are consistent. */
    public PoolBounds {
        if (min < 1 || max < min || maxStep < 1 || cooldownIntervals < 0 || minSamples < 1 || targetWaitNanos < 0) {
            throw new IllegalArgumentException("need 1 <= min <= max, maxStep >= 1, cooldown >= 0, minSamples >= 1,"
                    + " target >= 0: " + min + ".." + max + " step " + maxStep);
        }
    }

    /** {@code size} clamped into [min, max]. */
    public int clamp(int size) {
        return Math.max(min, Math.min(max, size));
    }
}
