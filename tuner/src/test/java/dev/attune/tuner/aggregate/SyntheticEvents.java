package dev.attune.tuner.aggregate;

import dev.attune.instrumentation.encode.EventCodec;
import java.nio.ByteBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;

/** Feeds method-exit events to a handler as the ring buffer would, without a ring buffer. */
public final class SyntheticEvents {

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(16));

    /** Delivers one exit of {@code methodId} lasting {@code nanos}. */
    public void exit(MessageHandler handler, int methodId, long nanos, boolean threw) {
        buffer.putLong(0, nanos);
        handler.onMessage(EventCodec.methodExitType(methodId, threw), buffer, 0, EventCodec.METHOD_EXIT_LENGTH);
    }
}
