package dev.attune.tuner.aggregate.cache;

import java.util.Arrays;
import java.util.SplittableRandom;

/** A seeded stream of keys whose ranks follow a Zipf law: key {@code k} drawn in proportion to 1/k^skew. */
final class ZipfKeys {

    private final double[] cumulative;
    private final SplittableRandom random;

    ZipfKeys(int keys, double skew, long seed) {
        cumulative = new double[keys];
        double sum = 0;
        for (int k = 0; k < keys; k++) {
            sum += Math.pow(k + 1, -skew);
            cumulative[k] = sum;
        }
        random = new SplittableRandom(seed);
    }

    /** The next key's rank, from 0; ranks are scattered over the long range so that neighbours hash apart. */
    long next() {
        double u = random.nextDouble() * cumulative[cumulative.length - 1];
        int rank = Arrays.binarySearch(cumulative, u);
        return rank >= 0 ? rank : -rank - 1;
    }

    long[] stream(int length) {
        long[] stream = new long[length];
        for (int i = 0; i < length; i++) {
            stream[i] = next();
        }
        return stream;
    }
}
