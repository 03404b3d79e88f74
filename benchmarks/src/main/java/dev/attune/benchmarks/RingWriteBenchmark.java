package dev.attune.benchmarks;

import dev.attune.instrumentation.encode.EventCodec;
import dev.attune.instrumentation.encode.ManyToOneRingBufferStripes;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The write half of the hot path alone: one method-exit event onto the ring buffer stripes, with a
 * reader draining every millisecond as the agent thread does.
 *
 * <p>{@code writeSingleProducer} is the design check behind the stripes: a CAS-free single-producer
 * buffer (which would need a buffer per thread) is not faster here, because the cost is the memory
 * traffic of 16 bytes an event, not the claim's CAS. Run it with one thread only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RingWriteBenchmark {

    private static final int EXIT = EventCodec.methodExitType(7, false);
    private static final MessageHandler DISCARD = (type, buffer, index, length) -> { };

    private ManyToOneRingBufferStripes stripes;
    private OneToOneRingBuffer single;
    private volatile boolean running;
    private Thread reader;

    @Setup(Level.Trial)
    public void start() {
        stripes = new ManyToOneRingBufferStripes(4L << 20, ManyToOneRingBufferStripes.defaultStripeCount());
        single = new OneToOneRingBuffer(new UnsafeBuffer(
                ByteBuffer.allocateDirect((1 << 20) + RingBufferDescriptor.TRAILER_LENGTH)));
        running = true;
        reader = new Thread(() -> {
            while (running) {
                while (stripes.drain(DISCARD, 4096) + single.read(DISCARD, 4096) >= 4096) {
                    Thread.onSpinWait();
                }
                LockSupport.parkNanos(1_000_000);
            }
        }, "drain");
        reader.setDaemon(true);
        reader.start();
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        running = false;
        reader.join();
    }

    /** One event claimed, written and committed on the stripes, as the agent's sink does. */
    @Benchmark
    public void write() {
        stripes.writeMethodExit(7, 1234, false);
    }

    /** For comparison: the same event on a single-producer buffer (no CAS). One thread only. */
    @Benchmark
    public void writeSingleProducer() {
        int index = single.tryClaim(EXIT, EventCodec.METHOD_EXIT_LENGTH);
        if (index > 0) {
            single.buffer().putLong(index, 1234);
            single.commit(index);
        }
    }
}
