package dev.attune.benchmarks.scenario;

import java.util.Arrays;

/**
 * Summary of paired on/off ratios: median, geometric mean and its 95% confidence interval.
 *
 * <p>The interval is Student's t on the logarithms of the ratios (a ratio's noise is multiplicative: a phase that
 * ran 10% slow and one that ran 10% fast should cancel). The t quantile uses the Cornish-Fisher expansion around
 * the normal quantile 1.96, accurate to about 0.01 from 5 degrees of freedom on, which is all a benchmark's
 * interval needs.
 */
final class PairedRatios {

    private static final double Z_975 = 1.959964;

    private final double[] ratios;

    PairedRatios(double[] ratios) {
        this.ratios = ratios.clone();
    }

    double median() {
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    double geometricMean() {
        return Math.exp(meanLog());
    }

    /** The lower and upper ends of the 95% interval of the geometric mean; NaN with fewer than 2 ratios. */
    double[] interval95() {
        int n = ratios.length;
        if (n < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double mean = meanLog();
        double squares = 0;
        for (double r : ratios) {
            squares += (Math.log(r) - mean) * (Math.log(r) - mean);
        }
        double halfWidth = tQuantile975(n - 1) * Math.sqrt(squares / (n - 1) / n);
        return new double[] {Math.exp(mean - halfWidth), Math.exp(mean + halfWidth)};
    }

    /** One line: geometric mean, its interval, median. */
    String describe() {
        double[] ci = interval95();
        return String.format("geometric mean %.3f (95%% interval %.3f to %.3f), median %.3f", geometricMean(), ci[0],
                ci[1], median());
    }

    private double meanLog() {
        double sum = 0;
        for (double r : ratios) {
            sum += Math.log(r);
        }
        return sum / ratios.length;
    }

    static double tQuantile975(int degreesOfFreedom) {
        double z = Z_975;
        double v = degreesOfFreedom;
        double z3 = z * z * z;
        double z5 = z3 * z * z;
        return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
                + (3 * z5 * z * z + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v);
    }
}
