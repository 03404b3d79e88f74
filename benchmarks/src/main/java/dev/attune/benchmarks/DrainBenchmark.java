package dev.attune.benchmarks;

import dev.attune.instrumentation.encode.ManyToOneRingBufferStripes;
import dev.attune.instrumentation.encode.MethodIds;
import dev.attune.tuner.aggregate.MethodAggregator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The agent thread's drain rate: events read from the ring buffer stripes into per-method histograms.
 *
 * <p>Each invocation first fills the stripes with {@value #BATCH} method exits over 64 methods (not
 * timed), then drains them all (timed); the score is events per second. Target: at least 10 million.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DrainBenchmark {

    static final int BATCH = 100_000;
    private static final int METHODS = 64;

    private ManyToOneRingBufferStripes stripes;
    private MethodAggregator aggregator;

    @Setup(Level.Trial)
    public void create() {
        stripes = new ManyToOneRingBufferStripes(4L << 20, 4);
        MethodIds ids = new MethodIds(METHODS);
        for (int m = 0; m < METHODS; m++) {
            ids.idFor("bench.Target#m" + m);
        }
        aggregator = new MethodAggregator(ids, System.nanoTime());
        aggregator.discoverMethods();
    }

    @Setup(Level.Invocation)
    public void fill() {
        for (int i = 0; i < BATCH; i++) {
            stripes.writeMethodExit(i & (METHODS - 1), 1_000 + (i & 4095) * 97, (i & 127) == 0);
        }
    }

    /** Drains one batch into the histograms. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int drain() {
        int read = 0;
        for (int n; (n = stripes.drain(aggregator, 4096)) > 0; ) {
            read += n;
        }
        return read;
    }
}
