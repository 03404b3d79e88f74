package dev.attune.benchmarks;

import dev.attune.tuner.aggregate.cache.HitRatioModel;
import dev.attune.tuner.aggregate.cache.KeySampling;
import dev.attune.tuner.aggregate.cache.SampledKeys;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What cache sampling adds to each cache access on the application thread: hash the key, test the spatial filter
 * and, for a sampled key, store the hash in the hand-off array ({@link SampledKeys#access}).
 *
 * <p>Added cost = {@code access - keyHashCode}, the floor being the key's {@code hashCode()} that any cache lookup
 * computes anyway. {@code rate} is the sampling rate: 0 (nothing sampled), 1/64, and 1 (every access stored, the
 * worst case). The target is at most about 20 ns and 0 B/op with {@code -prof gc}. A trial's setup drains the
 * array into a model so that its threshold is the one set here; nothing drains during the measurement, so the
 * array laps, which costs the writer nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CacheSamplingBenchmark {

    private static final int KEYS = 1 << 12;

    @Param({"0", "0.015625", "1"})
    public double rate;

    private final Object[] keys = new Object[KEYS];
    private SampledKeys sampled;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "key-" + i;
        }
        sampled = new SampledKeys(1 << 12);
        HitRatioModel model = new HitRatioModel(1_000);
        model.lowerThreshold((long) (rate * KeySampling.ALL));
        sampled.drainTo(model);
    }

    /** The floor: fetch the next key and its hash code, as the cache's own lookup does. */
    @Benchmark
    public void keyHashCode(Blackhole bh) {
        bh.consume(keys[next++ & (KEYS - 1)].hashCode());
    }

    /** The same, then sampling's share. */
    @Benchmark
    public void access(Blackhole bh) {
        int hashCode = keys[next++ & (KEYS - 1)].hashCode();
        bh.consume(hashCode);
        sampled.access(hashCode);
    }

    /** Hash and filter alone, without the store: the cost every unsampled access pays. */
    @Benchmark
    public boolean hashAndFilter() {
        return KeySampling.sampled(KeySampling.hash(keys[next++ & (KEYS - 1)].hashCode()), sampled.threshold());
    }
}
