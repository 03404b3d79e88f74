package dev.attune.instrumentation.encode;

import dev.attune.bootstrap.PoolEventSink;

/** The agent's {@link PoolEventSink}: each measured task time becomes one ring-buffer event. */
public final class RingBufferPoolSink implements PoolEventSink {

    private final ManyToOneRingBufferStripes stripes;

    /** Creates a sink writing to {@code stripes}. */
    public RingBufferPoolSink(ManyToOneRingBufferStripes stripes) {
        this.stripes = stripes;
    }

    @Override
    public void onQueueWait(int poolId, long waitNanos) {
        if (poolId < SignalCodec.MAX_POOLS) {
            stripes.writePoolWait(poolId, waitNanos);
        }
    }

    @Override
    public void onTaskRun(int poolId, long runNanos) {
        if (poolId < SignalCodec.MAX_POOLS) {
            stripes.writeTaskRun(poolId, runNanos);
        }
    }
}
