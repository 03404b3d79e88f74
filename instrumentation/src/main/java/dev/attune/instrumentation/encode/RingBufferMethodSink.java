package dev.attune.instrumentation.encode;

import dev.attune.bootstrap.MethodEventSink;

/**
 * The agent's sink for timed method exits: counts a hot method's exit in place, and encodes every other
 * exit (and every exit that threw) onto the ring buffer stripes.
 */
public final class RingBufferMethodSink implements MethodEventSink {

    private final ManyToOneRingBufferStripes stripes;
    private final HotMethodCounts hot;

    /** Creates a sink writing into {@code stripes} only. */
    public RingBufferMethodSink(ManyToOneRingBufferStripes stripes) {
        this(stripes, HotMethodCounts.none());
    }

    /** Creates a sink writing into {@code stripes}, or into {@code hot}'s counts for promoted methods. */
    public RingBufferMethodSink(ManyToOneRingBufferStripes stripes, HotMethodCounts hot) {
        this.stripes = stripes;
        this.hot = hot;
    }

    @Override
    public void onMethodExit(int methodId, long durationNanos, boolean threw) {
        // A method that could not get an id (registry full) carries NONE: nothing to record.
        if (methodId < 0) {
            return;
        }
        if (!threw) {
            ManyToOneDurationCounts counts = hot.forMethod(methodId);
            if (counts != null && counts.record(stripes.stripeIndexForCurrentThread(), durationNanos)) {
                return;
            }
        }
        stripes.writeMethodExit(methodId, durationNanos, threw);
    }
}
