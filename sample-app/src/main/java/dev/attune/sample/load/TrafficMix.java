package dev.attune.sample.load;

import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Picks request paths: {@code /compute?n=N} with probability {@code computePercent}, else {@code /orders/{id}}.
 *
 * <p>Ids are skewed towards 0 ({@code id = keyspace * u²}, u uniform) so a cache smaller than the keyspace gets a
 * partial hit ratio, roughly {@code sqrt(cacheSize / keyspace)}: hot items hit, the long tail reaches the downstream.
 * Seeded, so a run's sequence of paths is reproducible. Not thread-safe: only the pacer thread calls it.
 */
public final class TrafficMix implements Supplier<String> {

    private final int computePercent;
    private final long keyspace;
    private final int computeN;
    private final SplittableRandom random;

    /** Creates a mix; {@code 0 <= computePercent <= 100}, {@code keyspace >= 1}, {@code computeN >= 1}. */
    public TrafficMix(int computePercent, long keyspace, int computeN, long seed) {
        if (computePercent < 0 || computePercent > 100 || keyspace < 1 || computeN < 1) {
            throw new IllegalArgumentException("need 0 <= computePercent <= 100, keyspace >= 1, computeN >= 1");
        }
        this.computePercent = computePercent;
        this.keyspace = keyspace;
        this.computeN = computeN;
        this.random = new SplittableRandom(seed);
    }

    /** Returns the next path of the sequence. */
    @Override
    public String get() {
        if (random.nextInt(100) < computePercent) {
            return "/compute?n=" + computeN;
        }
        double u = random.nextDouble();
        return "/orders/" + (long) (keyspace * u * u);
    }
}
