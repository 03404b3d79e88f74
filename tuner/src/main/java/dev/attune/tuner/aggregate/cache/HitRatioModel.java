package dev.attune.tuner.aggregate.cache;

/**
 * What-if model of one cache: its hit ratio at half, one, two, four and eight times its current maximum.
 *
 * <p>Why miniature simulations rather than a SHARDS reuse-distance curve: a reuse-distance curve is exact only
 * for LRU, and the real cache is Caffeine, whose W-TinyLFU admission keeps the frequent keys and so beats LRU
 * on skewed streams by more than a tuning decision can absorb. So each candidate size gets a small simulation
 * of the same kind of policy ({@link MiniCache}), fed the same spatially sampled keys: sampling a key keeps all
 * of its accesses, so a cache scaled down by the sampling rate behaves as the full one would.
 *
 * <p>Memory is bounded as in fixed-size SHARDS: the simulations' arrays grow with the sampled keys they hold, and
 * when growing would pass the budget the sampling threshold is halved, the keys above it dropped and each
 * simulation scaled down to the new rate. The rate is never raised: the simulations never saw the keys a higher
 * rate would add. The hot path filters with {@link KeySampling#sampled} at {@link #threshold()}; a key that
 * passed an older, higher threshold is ignored here.
 *
 * <p>Fed and read on the agent thread only. Sizes count entries; a weighted cache would count weight instead,
 * with the simulations charging each sampled key its weight.
 */
public final class HitRatioModel {

    /** The bytes all simulations of one cache may hold together. */
    public static final long DEFAULT_BUDGET = 1L << 20;
    /** Below this the fixed parts of five simulations would not fit. */
    static final long MIN_BUDGET = 32L << 10;
    private static final int[] MULTIPLES_BY_TWO = {1, 2, 4, 8, 16};
    /** The index of the current maximum among the multiples. */
    private static final int CURRENT = 1;
    private static final long OWN_BYTES = 64;

    private final long budget;
    private long threshold = KeySampling.ALL;
    private long maximum = -1;
    private MiniCache[] minis = new MiniCache[0];

    public HitRatioModel(long maximum) {
        this(maximum, DEFAULT_BUDGET);
    }

    HitRatioModel(long maximum, long budget) {
        if (budget < MIN_BUDGET) {
            throw new IllegalArgumentException("budget " + budget + " below " + MIN_BUDGET);
        }
        this.budget = budget;
        resize(maximum);
    }

    /** The threshold the hot path passes to {@link KeySampling#sampled}; it only falls. */
    public long threshold() {
        return threshold;
    }

    public double samplingRate() {
        return (double) threshold / KeySampling.ALL;
    }

    /** One access to a key with this hash, already sampled by the hot path (possibly at an older threshold). */
    public void record(long keyHash) {
        if (!KeySampling.sampled(keyHash, threshold)) {
            return;
        }
        for (MiniCache mini : minis) {
            mini.record(keyHash);
        }
        for (MiniCache mini : minis) {
            while (mini.crowded()) {
                if (retainedBytes() - mini.bytes() + mini.grownBytes() <= budget) {
                    mini.grow();
                } else {
                    lowerThreshold(threshold >>> 1);
                }
            }
        }
    }

    /**
     * Samples at most at this threshold from now on, e.g. to bound the hot path's cost on a very busy cache: the
     * keys above it are dropped and each simulation scaled down. A higher threshold than the current one is ignored.
     */
    public void lowerThreshold(long threshold) {
        if (threshold < 0 || threshold >= this.threshold) {
            return;
        }
        this.threshold = threshold;
        for (MiniCache mini : minis) {
            mini.trim(threshold, capacity(mini.size));
        }
    }

    /**
     * The real cache's maximum is now {@code maximum}: the simulations re-centre on it. Those whose size is still
     * a candidate go on warm; the others start cold, so {@link HitRatioCurve#samples()} falls until they warm.
     */
    public void resize(long maximum) {
        if (maximum < 0) {
            throw new IllegalArgumentException("maximum " + maximum);
        }
        if (maximum == this.maximum) {
            return;
        }
        MiniCache[] resized = new MiniCache[MULTIPLES_BY_TWO.length];
        for (int i = 0; i < resized.length; i++) {
            long size = multiple(maximum, MULTIPLES_BY_TWO[i]);
            for (MiniCache mini : minis) {
                if (mini.size == size) {
                    resized[i] = mini;
                }
            }
            if (resized[i] == null) {
                resized[i] = new MiniCache(size, capacity(size));
            }
        }
        this.maximum = maximum;
        minis = resized;
    }

    private static long multiple(long maximum, int timesTwo) {
        long half = maximum / 2;
        return timesTwo == 1 ? half : (Long.MAX_VALUE / timesTwo < maximum ? Long.MAX_VALUE : maximum * timesTwo / 2);
    }

    /** Sampled entries standing for {@code size} real ones at the current rate. */
    private int capacity(long size) {
        return (int) Math.min(Integer.MAX_VALUE - 16, Math.round(size * samplingRate()));
    }

    /** The simulations' own ratios, uncalibrated: noisy at low sampling rates on skewed streams (see below). */
    public HitRatioCurve predict() {
        return curve(1, 0);
    }

    /**
     * The curve calibrated against the hit ratio the real cache measured at its current maximum over about the
     * same span. At a low rate, whether a few very hot keys fall in the sample swings every simulated ratio alike:
     * those keys hit at every size, so they inflate or deflate the count of accesses, not the misses of the rest.
     * As in SHARDS' adjustment, the misses are kept and the total is rescaled, so every miss ratio is multiplied by
     * the factor that makes the current size's match the measured one.
     */
    public HitRatioCurve predict(double measuredHitRatio) {
        if (!(measuredHitRatio >= 0 && measuredHitRatio <= 1)) {
            throw new IllegalArgumentException("hit ratio " + measuredHitRatio);
        }
        double predictedMisses = 1 - current().hitRatio();
        if (current().accesses() == 0) {
            return curve(1, 0);
        }
        if (predictedMisses < 1e-9) {
            // No simulated miss to scale: shift instead, so that at least the current size agrees.
            return curve(1, measuredHitRatio - 1);
        }
        return curve((1 - measuredHitRatio) / predictedMisses, 0);
    }

    private MiniCache current() {
        return minis[CURRENT];
    }

    private HitRatioCurve curve(double missScale, double shift) {
        long[] sizes = new long[minis.length];
        double[] ratios = new double[minis.length];
        long samples = Long.MAX_VALUE;
        for (int i = 0; i < minis.length; i++) {
            sizes[i] = minis[i].size;
            double ratio = 1 - (1 - minis[i].hitRatio()) * missScale + shift;
            ratios[i] = Math.max(0, Math.min(1, ratio));
            samples = Math.min(samples, minis[i].accesses());
        }
        return new HitRatioCurve(maximum, sizes, ratios, samples, samplingRate());
    }

    /** The bytes the model holds, counted from its arrays, plus an allowance for the objects around them. */
    public long retainedBytes() {
        long bytes = OWN_BYTES + 16L + 4L * minis.length;
        for (MiniCache mini : minis) {
            bytes += mini.bytes();
        }
        return bytes;
    }
}
