package dev.attune.benchmarks;

import dev.attune.instrumentation.encode.EventCodec;
import dev.attune.instrumentation.encode.ManyToOneRingBufferStripes;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
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
 * reader that drains as the agent thread does: every 50 ms, or when a writer unparks it because a stripe
 * has filled another quarter (that unpark is part of what is measured).
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
    private static final int SINGLE_BYTES = 1 << 20;
    private static final int SINGLE_QUARTER_MASK = SINGLE_BYTES / 4 - 1;
    private static final MessageHandler DISCARD = (type, buffer, index, length) -> { };

    private ManyToOneRingBufferStripes stripes;
    private OneToOneRingBuffer single;
    private volatile boolean running;
    private Thread reader;

    @Setup(Level.Trial)
    public void start() {
        stripes = new ManyToOneRingBufferStripes(4L << 20, ManyToOneRingBufferStripes.defaultStripeCount());
        single = new OneToOneRingBuffer(new UnsafeBuffer(
                ByteBuffer.allocateDirect(SINGLE_BYTES + RingBufferDescriptor.TRAILER_LENGTH)));
        running = true;
        reader = new Thread(() -> {
            stripes.wakeOnFill(Thread.currentThread());
            while (running) {
                while (stripes.drain(DISCARD, 4096) + single.read(DISCARD, 4096) >= 4096) {
                    Thread.onSpinWait();
                }
                LockSupport.parkNanos(50_000_000);
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
            // The same wake-up as the stripes': the first record of each quarter unparks the reader.
            if ((index & SINGLE_QUARTER_MASK) == RecordDescriptor.HEADER_LENGTH) {
                LockSupport.unpark(reader);
            }
        }
    }
}
