package dev.attune.instrumentation.encode;

import dev.attune.bootstrap.MethodEventSink;

/** The agent's sink for timed method exits: encodes each exit onto the ring buffer stripes. */
public final class RingBufferMethodSink implements MethodEventSink {

    private final ManyToOneRingBufferStripes stripes;

    /** Creates a sink writing into {@code stripes}. */
    public RingBufferMethodSink(ManyToOneRingBufferStripes stripes) {
        this.stripes = stripes;
    }

    @Override
    public void onMethodExit(int methodId, long durationNanos, boolean threw) {
        // A method that could not get an id (registry full) carries NONE: nothing to record.
        if (methodId >= 0) {
            stripes.writeMethodExit(methodId, durationNanos, threw);
        }
    }
}
