package dev.attune.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The hot path's cost: an empty instrumented method against the same method uninstrumented and against
 * the floor, two {@code System.nanoTime()} calls (the advice's own clock reads).
 *
 * <p>Run through {@link BenchmarkMain}, which forks every JVM with the real agent jar. Added cost =
 * {@code instrumented - uninstrumented}; the target is at most 1.3 times {@code twoClockReads}, and
 * 0 B/op with {@code -prof gc}. All three run in the same JVMs, with the agent present, so they differ
 * only in the advice.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MethodTimingBenchmark {

    private final TimedTarget target = new TimedTarget();

    /** The empty method with timing advice inlined. */
    @Benchmark
    public void instrumented() {
        target.timed();
    }

    /** The same empty method without advice. */
    @Benchmark
    public void uninstrumented() {
        target.plain();
    }

    /** The floor: the two clock reads every timed call needs. */
    @Benchmark
    public void twoClockReads(Blackhole bh) {
        bh.consume(System.nanoTime());
        bh.consume(System.nanoTime());
    }
}
