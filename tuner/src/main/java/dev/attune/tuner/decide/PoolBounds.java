package dev.attune.tuner.decide;

/**
 * The limits within which the tuner may size one pool.
 *
 * <p>A step is bounded as a factor of the size, not in threads: a pool of 4 and a pool of 200 need steps of
 * different sizes, and a factor of 2 reaches the default ceiling ({@link #DEFAULT_GROWTH_LIMIT} × the pool's own
 * size) in three steps, while a wrong step costs at most as many threads as the pool already had.
 *
 * @param min               smallest core size (default: the application's own core size)
 * @param max               largest core size (default: {@link #DEFAULT_GROWTH_LIMIT} × the application's core size)
 * @param maxStepFactor     largest factor by which one grow multiplies the core size (at least one thread)
 * @param cooldownPeriods   control periods after an action before the next one
 * @param minSamples        control periods observed before any action
 * @param targetWaitNanos   queue wait p99 above which tasks count as waiting; 0 = learn a baseline
 */
public record PoolBounds(int min, int max, double maxStepFactor, int cooldownPeriods, int minSamples,
                         long targetWaitNanos) {

    /** Default ceiling as a multiple of the application's own core size. */
    public static final int DEFAULT_GROWTH_LIMIT = 8;
    /** Largest core size the tuner ever gives a pool, whatever its growth limit or configuration. */
    public static final int MAX_THREADS = 512;
    /** Default largest factor of one grow. */
    public static final double DEFAULT_MAX_STEP_FACTOR = 2;
    /** Default control periods between two actions on one pool. */
    public static final int DEFAULT_COOLDOWN_PERIODS = 2;
    /** Default control periods observed before the first action. */
    public static final int DEFAULT_MIN_SAMPLES = 3;

    /** Bounds derived from the application's own core size, with the documented defaults. */
    public static PoolBounds defaultsFor(int appCoreSize) {
        int core = Math.max(1, appCoreSize);
        return new PoolBounds(core, defaultMax(core, DEFAULT_GROWTH_LIMIT), DEFAULT_MAX_STEP_FACTOR,
                DEFAULT_COOLDOWN_PERIODS, DEFAULT_MIN_SAMPLES, 0);
    }

    /** The default largest core size of a pool whose own core size is {@code core}. */
    public static int defaultMax(int core, int growthLimit) {
        int own = Math.max(1, core);
        return Math.max(own + 1, Math.min(MAX_THREADS, own * growthLimit));
    }

    /** Checks the bounds are consistent. */
    public PoolBounds {
        if (min < 1 || max < min || max > MAX_THREADS || !(maxStepFactor > 1) || cooldownPeriods < 0
                || minSamples < 1 || targetWaitNanos < 0) {
            throw new IllegalArgumentException("need 1 <= min <= max <= " + MAX_THREADS + ", step factor > 1,"
                    + " cooldown >= 0, minSamples >= 1, target >= 0: " + min + ".." + max + " step " + maxStepFactor);
        }
    }

    /** {@code size} clamped into [min, max]. */
    public int clamp(int size) {
        return Math.max(min, Math.min(max, size));
    }

    /** The largest size one grow from {@code core} may reach: {@code core × maxStepFactor}, at least one more. */
    public int stepCeiling(int core) {
        return (int) Math.max(core + 1L, (long) Math.floor(core * maxStepFactor + 1e-9));
    }
}
