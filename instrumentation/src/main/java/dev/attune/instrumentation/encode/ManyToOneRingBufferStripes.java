package dev.attune.instrumentation.encode;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * A few Agrona many-to-one ring buffers; many application threads write, the one agent thread reads.
 *
 * <p>Why stripes: every claim on one ring buffer is a CAS on its tail, so two busy threads sharing one
 * buffer bounce that cache line between cores. A writer picks its stripe by thread id, so threads with
 * neighbouring ids land on different stripes and contend only when there are more busy threads than
 * stripes. The reader drains every stripe in turn; order across stripes does not matter to histograms.
 *
 * <p>A full stripe never blocks a writer: the event is dropped and counted (one padded counter a stripe,
 * touched only when full).
 *
 * <p>Why writers wake the reader: the reader parks for long spells between drains (a wake-up costs tens of
 * microseconds of CPU on a virtual machine, so a thousand a second cost the idle agent 2.7% of a core).
 * A burst must still be drained long before a stripe fills: the writer whose record is the first of a quarter
 * of its stripe unparks the reader. Every record is exactly 16 bytes (8 of header, 8 of payload), a power of
 * two, so records tile a stripe without padding and exactly one record starts each quarter: one writer in
 * every 4,096 records of a quarter of a 256 KiB stripe, 16,384 of a 1 MiB one. The others pay one mask and
 * compare on the claimed index, which they hold anyway. Every writer here keeps to the 16 bytes.
 *
 * <p>Why the reader unblocks: a record is claimed, then written, then committed, and the reader stops at the
 * first record not committed. A writer that never commits (a {@link StackOverflowError} between claim and
 * commit, swallowed by the advice; any error there) would stop its stripe for good. No writer-side catch can
 * prevent it, since the handler, at the same stack depth, may overflow again. So the reader turns a record
 * left claimed for {@link #UNBLOCK_AFTER_NANOS} into padding (Agrona's {@code unblock}, as Aeron's driver does
 * with a dead client's) and counts it as dropped. A live writer holds a claim for nanoseconds; should one be
 * descheduled that long, its late commit finds the record released and Agrona refuses it (an exception the
 * advice swallows; the event counts as dropped).
 */
public final class ManyToOneRingBufferStripes {

    /** The smallest capacity of one stripe, in bytes, before the trailer. */
    static final int MIN_STRIPE_BYTES = 16 * 1024;

    /** How long the reader must see a stripe stopped at a claimed record before it releases the record. */
    static final long UNBLOCK_AFTER_NANOS = 1_000_000_000L;

    // A longer gap between two looks means the reader itself was held up (a GC pause, no CPU): the writer
    // may not have had the time either, so the wait starts again.
    private static final long MAX_LOOK_GAP_NANOS = 250_000_000L;

    private static final int RECORD_BYTES = RecordDescriptor.HEADER_LENGTH + Long.BYTES;

    // Counters 16 longs (128 bytes) apart, so drops on one stripe do not false-share with another's.
    private static final int COUNTER_STRIDE = 16;

    private final ManyToOneRingBuffer[] stripes;
    private final int mask;
    private final AtomicLongArray drops;
    private final int quarterMask;
    private final NanoClock clock;
    // Reader only, per stripe: a producer position seen at sampledAtNanos (every record below it was claimed by
    // then), and when the reader last looked at the stripe stopped.
    private final long[] sampledTail;
    private final long[] sampledAtNanos;
    private final long[] lookedAtNanos;
    private volatile long released; // written by the reader only
    private volatile Thread reader;

    /**
     * Creates stripes sharing {@code totalBytes} of capacity (each a power of two, at least
     * {@value #MIN_STRIPE_BYTES} bytes), {@code stripeCount} rounded up to a power of two.
     */
    public ManyToOneRingBufferStripes(long totalBytes, int stripeCount) {
        this(totalBytes, stripeCount, new SystemNanoClock());
    }

    /** As above, with the reader's clock, which times how long a stripe has been stopped. */
    ManyToOneRingBufferStripes(long totalBytes, int stripeCount, NanoClock clock) {
        int count = ceilPowerOfTwo(Math.max(1, Math.min(stripeCount, 64)));
        int stripeBytes = floorPowerOfTwo(Math.max(MIN_STRIPE_BYTES, Math.min(totalBytes / count, 1L << 29)));
        this.stripes = new ManyToOneRingBuffer[count];
        for (int i = 0; i < count; i++) {
            ByteBuffer memory = ByteBuffer.allocateDirect(stripeBytes + RingBufferDescriptor.TRAILER_LENGTH);
            stripes[i] = new ManyToOneRingBuffer(new UnsafeBuffer(memory));
        }
        this.mask = count - 1;
        this.drops = new AtomicLongArray(count * COUNTER_STRIDE);
        this.quarterMask = stripeBytes / 4 - 1;
        this.clock = clock;
        this.sampledTail = new long[count];
        this.sampledAtNanos = new long[count];
        this.lookedAtNanos = new long[count];
    }

    /** Names the thread that drains, to be unparked whenever a writer starts a new quarter of a stripe. */
    public void wakeOnFill(Thread readerThread) {
        reader = readerThread;
    }

    /** Twice the available processors, so that a busy thread a core rarely shares a stripe. */
    public static int defaultStripeCount() {
        return 2 * Runtime.getRuntime().availableProcessors();
    }

    /** The stripe index for the calling thread. */
    int stripeIndexForCurrentThread() {
        // getId(), not threadId(): the latter is JDK 19+. Deprecated later, never for removal.
        @SuppressWarnings("deprecation")
        long id = Thread.currentThread().getId();
        return (int) id & mask;
    }

    /** Writes one method exit; drops and counts it when the stripe is full. Allocation-free, never blocks. */
    public void writeMethodExit(int methodId, long durationNanos, boolean threw) {
        int stripe = stripeIndexForCurrentThread();
        ManyToOneRingBuffer ring = stripes[stripe];
        int index = ring.tryClaim(EventCodec.methodExitType(methodId, threw), EventCodec.METHOD_EXIT_LENGTH);
        if (index > 0) {
            ring.buffer().putLong(index, durationNanos);
            ring.commit(index);
            if (startsAQuarter(index)) {
                wakeReader();
            }
        } else {
            drops.getAndIncrement(stripe * COUNTER_STRIDE);
        }
    }

    /**
     * Writes one process signal (agent threads only: JFR stream, OS sampler); returns false and counts
     * a drop when the stripe is full.
     */
    public boolean writeSignal(Signal signal, double value) {
        return write(SignalCodec.signalType(signal), SignalCodec.encode(signal, value));
    }

    /** Writes one execution sample of frame {@code frameId}; returns false and counts a drop when full. */
    public boolean writeExecutionSample(int frameId) {
        return write(SignalCodec.EXECUTION_SAMPLE, frameId);
    }

    /** Writes the queue wait of one task of pool {@code poolId}; drops and counts when full. Allocation-free. */
    public boolean writePoolWait(int poolId, long waitNanos) {
        return write(SignalCodec.POOL_WAIT_BASE + poolId, waitNanos);
    }

    /** Writes the run time of one task of pool {@code poolId}; drops and counts when full. Allocation-free. */
    public boolean writeTaskRun(int poolId, long runNanos) {
        return write(SignalCodec.POOL_RUN_BASE + poolId, runNanos);
    }

    private boolean write(int msgTypeId, long payload) {
        int stripe = stripeIndexForCurrentThread();
        ManyToOneRingBuffer ring = stripes[stripe];
        int index = ring.tryClaim(msgTypeId, SignalCodec.LENGTH);
        if (index > 0) {
            ring.buffer().putLong(index, payload);
            ring.commit(index);
            if (startsAQuarter(index)) {
                wakeReader();
            }
            return true;
        }
        drops.getAndIncrement(stripe * COUNTER_STRIDE);
        return false;
    }

    /** True for the one record of each quarter of a stripe that starts it (records are all 16 bytes). */
    private boolean startsAQuarter(int index) {
        return (index & quarterMask) == RecordDescriptor.HEADER_LENGTH;
    }

    /** Unparks the reader named by {@link #wakeOnFill}, if any. Any thread; kept out of the writers' inlined path. */
    public void wakeReader() {
        Thread r = reader;
        if (r != null) {
            LockSupport.unpark(r);
        }
    }

    /** Reads up to {@code limitPerStripe} messages from each stripe; returns how many were read. Reader thread only. */
    public int drain(MessageHandler handler, int limitPerStripe) {
        int read = 0;
        for (int i = 0; i < stripes.length; i++) {
            int n = stripes[i].read(handler, limitPerStripe);
            // An overflow leaves a few claims in a row: release and read on at once, not one per duty cycle.
            while (n == 0 && releaseIfStopped(i)) {
                n = stripes[i].read(handler, limitPerStripe);
            }
            read += n;
        }
        return read;
    }

    /**
     * Looks at a stripe that gave nothing: releases the record it is stopped at when that record was claimed at
     * least {@link #UNBLOCK_AFTER_NANOS} ago, that is, lies below a producer position sampled that long ago. So
     * several records left claimed one after another cost one wait, not one each. Returns whether it released one.
     */
    private boolean releaseIfStopped(int stripe) {
        ManyToOneRingBuffer ring = stripes[stripe];
        long head = ring.consumerPosition();
        long tail = ring.producerPosition();
        if (tail == head) {
            return false; // empty: the common case when idle
        }
        long now = clock.nanoTime();
        if (now - lookedAtNanos[stripe] > MAX_LOOK_GAP_NANOS) {
            sampledAtNanos[stripe] = now;
        }
        lookedAtNanos[stripe] = now;
        if (head >= sampledTail[stripe]) {
            sampledTail[stripe] = tail;
            sampledAtNanos[stripe] = now;
        } else if (now - sampledAtNanos[stripe] >= UNBLOCK_AFTER_NANOS && ring.unblock()) {
            // The released span is now one padding record at the head; every 16 bytes of it was one event.
            int length = ring.buffer().getInt((int) head & (ring.capacity() - 1));
            released += length / RECORD_BYTES;
            return true;
        }
        return false;
    }

    /** Events waiting to be read, over all stripes (claimed ones included). Any thread. */
    public long unread() {
        long bytes = 0;
        for (ManyToOneRingBuffer ring : stripes) {
            bytes += ring.size();
        }
        return bytes / RECORD_BYTES;
    }

    /** Events dropped because a stripe was full, or released unwritten by the reader, since start. */
    public long dropped() {
        long sum = released;
        for (int i = 0; i < stripes.length; i++) {
            sum += drops.get(i * COUNTER_STRIDE);
        }
        return sum;
    }

    /** Stripe {@code i} itself, for tests that play a writer stopped between claim and commit. */
    ManyToOneRingBuffer stripe(int i) {
        return stripes[i];
    }

    /** Number of stripes. */
    public int stripeCount() {
        return stripes.length;
    }

    /** Capacity of one stripe in bytes. */
    public int stripeCapacity() {
        return stripes[0].capacity();
    }

    private static int ceilPowerOfTwo(int value) {
        return value <= 1 ? 1 : Integer.highestOneBit(value - 1) << 1;
    }

    private static int floorPowerOfTwo(long value) {
        return (int) Long.highestOneBit(value);
    }
}
