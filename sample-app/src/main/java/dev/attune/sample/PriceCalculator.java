package dev.attune.sample;

/**
 * CPU-bound pricing model behind {@code GET /compute}; runs on {@code orders-cpu-N} threads.
 *
 * <p>Algorithm: {@code n} rounds of a 64-bit LCG feeding a running sum of square roots. It is pure arithmetic with
 * no allocation and no blocking, so its cost is CPU time linear in {@code n} (100 000 rounds take roughly 300
 * microseconds), and its result is bit-for-bit deterministic (IEEE {@code sqrt} is exact in Java 17).
 */
public final class PriceCalculator {

    /** Largest accepted {@code n}: bounds one request to a few milliseconds of CPU. */
    public static final int MAX_N = 2_000_000;

    /** Creates a calculator; it is stateless and thread-safe. */
    public PriceCalculator() {
    }

    /** Computes a price (in cents) from {@code n} rounds of the model; {@code 1 <= n <= MAX_N}. */
    public long compute(int n) {
        if (n < 1 || n > MAX_N) {
            throw new IllegalArgumentException("n must be in 1.." + MAX_N + ", got " + n);
        }
        long x = n;
        double sum = 0;
        for (int i = 1; i <= n; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            sum += Math.sqrt((x >>> 11) * 0x1.0p-53 + i);
        }
        return (long) (sum * 100 / n);
    }
}
