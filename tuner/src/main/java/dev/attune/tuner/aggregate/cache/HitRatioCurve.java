package dev.attune.tuner.aggregate.cache;

import java.util.Arrays;

/**
 * A cache's predicted hit ratio at a few sizes, from {@link HitRatioModel#predict()}: immutable, so that a rule
 * may keep it. Sizes ascend; {@link #maximum()} is the real cache's size when it was made, and one of the sizes.
 */
public final class HitRatioCurve {

    private final long maximum;
    private final long[] sizes;
    private final double[] hitRatios;
    private final long samples;
    private final double samplingRate;

    HitRatioCurve(long maximum, long[] sizes, double[] hitRatios, long samples, double samplingRate) {
        this.maximum = maximum;
        this.sizes = sizes.clone();
        this.hitRatios = hitRatios.clone();
        this.samples = samples;
        this.samplingRate = samplingRate;
    }

    /**
     * A curve built elsewhere than by {@link HitRatioModel}: for rules' tests, and for callers that predict a hit
     * ratio by other means. The sampling rate is taken as 1 (every key counted).
     *
     * @param maximum the real cache's size the curve was made for, one of {@code sizes}
     * @param sizes   ascending sizes
     * @param ratios  the predicted hit ratio, 0 to 1, at each size
     * @param samples the fewest sampled accesses any point rests on
     */
    public static HitRatioCurve of(long maximum, long[] sizes, double[] ratios, long samples) {
        boolean valid = sizes.length == ratios.length && samples >= 0;
        for (int i = 0; valid && i < sizes.length; i++) {
            valid = (i == 0 || sizes[i] > sizes[i - 1]) && ratios[i] >= 0 && ratios[i] <= 1;
        }
        if (!valid || Arrays.binarySearch(sizes, maximum) < 0) {
            throw new IllegalArgumentException("need ascending sizes, one ratio in 0..1 each, the maximum among the"
                    + " sizes: " + maximum + " " + Arrays.toString(sizes) + " " + Arrays.toString(ratios));
        }
        return new HitRatioCurve(maximum, sizes, ratios, samples, 1);
    }

    public long maximum() {
        return maximum;
    }

    public int points() {
        return sizes.length;
    }

    public long size(int point) {
        return sizes[point];
    }

    /** The predicted hit ratio, 0 to 1, at {@link #size(int)}. */
    public double hitRatio(int point) {
        return hitRatios[point];
    }

    /** The predicted hit ratio at a size that is one of the points; NaN at any other. */
    public double hitRatioAt(long size) {
        int point = Arrays.binarySearch(sizes, size);
        return point >= 0 ? hitRatios[point] : Double.NaN;
    }

    /** The fewest sampled accesses any point rests on (recent ones weigh more): a rule should want enough. */
    public long samples() {
        return samples;
    }

    /** The share of keys sampled, 0 to 1. */
    public double samplingRate() {
        return samplingRate;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("HitRatioCurve[maximum=").append(maximum);
        for (int i = 0; i < sizes.length; i++) {
            text.append(i == 0 ? ", " : " ").append(sizes[i]).append(':')
                    .append(String.format("%.3f", hitRatios[i]));
        }
        return text.append(", samples=").append(samples).append(", rate=").append(samplingRate).append(']')
                .toString();
    }
}
