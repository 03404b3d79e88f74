package dev.attune.instrumentation.encode;

/**
 * Layout of the events that application threads write on the ring buffers and the agent thread reads.
 *
 * <p>Encoding note: a method exit is the most frequent event, so it is made as small as the ring buffer
 * allows: the message type id carries the method id and the outcome, and the payload is one long, the
 * duration in nanoseconds. With the ring buffer's 8-byte record header that is 16 bytes an event.
 * Type ids below {@link #METHOD_EXIT_BASE} are reserved for other signals (JFR, OS counters).
 * <pre>
 *   msgTypeId = METHOD_EXIT_BASE + (methodId &lt;&lt; 1 | threw)
 *   payload   = [durationNanos: int64]
 * </pre>
 */
public final class EventCodec {

    /** First message type id used for method exits; every smaller positive id is another signal. */
    public static final int METHOD_EXIT_BASE = 1 << 16;

    /** Largest method id that fits the encoding. */
    public static final int MAX_METHOD_ID = (Integer.MAX_VALUE - METHOD_EXIT_BASE) >>> 1;

    /** Payload length of a method exit event. */
    public static final int METHOD_EXIT_LENGTH = Long.BYTES;

    private EventCodec() {
    }

    /** The message type id for an exit of {@code methodId}, normal or exceptional. */
    public static int methodExitType(int methodId, boolean threw) {
        return METHOD_EXIT_BASE + ((methodId << 1) | (threw ? 1 : 0));
    }

    /** True when the message type id is a method exit. */
    public static boolean isMethodExit(int msgTypeId) {
        return msgTypeId >= METHOD_EXIT_BASE;
    }

    /** The method id carried by a method exit type id. */
    public static int methodId(int msgTypeId) {
        return (msgTypeId - METHOD_EXIT_BASE) >>> 1;
    }

    /** True when the method exit ended by a throwable. */
    public static boolean threw(int msgTypeId) {
        return (msgTypeId & 1) != 0;
    }
}
