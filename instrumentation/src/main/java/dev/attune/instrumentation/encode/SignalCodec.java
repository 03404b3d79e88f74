package dev.attune.instrumentation.encode;

/**
 * Layout of the non-method events on the ring buffers: process signals and execution samples.
 *
 * <p>They are written by agent threads (the JFR stream, the OS sampler), never by application threads,
 * and share the method events' buffers so the agent thread has one pipeline to drain.
 * <pre>
 *   signal:           msgTypeId = SIGNAL_BASE + signal.ordinal()   payload = [value: int64]
 *                     (a RATIO, CORES or fractional value is Double.doubleToRawLongBits; others a long)
 *   execution sample: msgTypeId = EXECUTION_SAMPLE                 payload = [frameId: int64]
 *   pool queue wait:  msgTypeId = POOL_WAIT_BASE + poolId             payload = [waitNanos: int64]
 *   pool task run:    msgTypeId = POOL_RUN_BASE + poolId              payload = [runNanos: int64]
 * </pre>
 * Pool events are written by application pool threads (through {@code PoolTap}), like method exits.
 */
public final class SignalCodec {

    /** Type id of the first signal; the signal's ordinal is added. */
    public static final int SIGNAL_BASE = 1;

    /** Type id of one execution sample whose top frame is the payload's frame id. */
    public static final int EXECUTION_SAMPLE = 4096;

    /** Type id of the queue wait of pool 0; pool {@code n} is {@code POOL_WAIT_BASE + n}. */
    public static final int POOL_WAIT_BASE = 8192;

    /** Type id of the task run time of pool 0. */
    public static final int POOL_RUN_BASE = POOL_WAIT_BASE + 4096;

    /** One past the largest pool id the encoding carries. */
    public static final int MAX_POOLS = 4096;

    /** Payload length of every non-method event. */
    public static final int LENGTH = Long.BYTES;

    private SignalCodec() {
    }

    /** The type id carrying {@code signal}. */
    public static int signalType(Signal signal) {
        return SIGNAL_BASE + signal.ordinal();
    }

    /** The signal a type id carries, or null when it is not a signal. */
    public static Signal signal(int msgTypeId) {
        return msgTypeId >= SIGNAL_BASE && msgTypeId < EXECUTION_SAMPLE ? Signal.ofOrdinal(msgTypeId - SIGNAL_BASE) : null;
    }

    /** True when the type id is a pool event (wait or run). */
    public static boolean isPoolEvent(int msgTypeId) {
        return msgTypeId >= POOL_WAIT_BASE && msgTypeId < POOL_RUN_BASE + MAX_POOLS;
    }

    /** True when the value of {@code signal} travels as the bits of a double. */
    public static boolean isFractional(Signal signal) {
        return signal.unit() == Signal.Unit.RATIO || signal.unit() == Signal.Unit.CORES;
    }

    /** The payload for {@code value} of {@code signal}. */
    public static long encode(Signal signal, double value) {
        return isFractional(signal) ? Double.doubleToRawLongBits(value) : Math.round(value);
    }

    /** The value carried by {@code payload} for {@code signal}. */
    public static double decode(Signal signal, long payload) {
        return isFractional(signal) ? Double.longBitsToDouble(payload) : payload;
    }
}
