package dev.attune.tuner.aggregate;

import dev.attune.instrumentation.encode.SignalCodec;
import java.util.Arrays;
import org.HdrHistogram.Histogram;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;

/**
 * Turns the pool events read from the ring buffers (queue wait and run time of each task) into per-pool
 * interval figures. Agent thread only; histograms are reused interval after interval, so the steady state
 * allocates nothing.
 */
public final class PoolAggregator implements MessageHandler {

    private PoolTimes[] byId = new PoolTimes[16];

    @Override
    public void onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
        long nanos = buffer.getLong(index);
        if (msgTypeId < SignalCodec.POOL_RUN_BASE) {
            times(msgTypeId - SignalCodec.POOL_WAIT_BASE).recordWait(nanos);
        } else {
            times(msgTypeId - SignalCodec.POOL_RUN_BASE).recordRun(nanos);
        }
    }

    /** The figures of pool {@code id}, created on first use. */
    public PoolTimes times(int id) {
        if (id >= byId.length) {
            byId = Arrays.copyOf(byId, Math.max(id + 1, byId.length * 2));
        }
        PoolTimes t = byId[id];
        if (t == null) {
            t = new PoolTimes();
            byId[id] = t;
        }
        return t;
    }

    /** Ends the interval of every pool: the figures of the interval just ended become readable. */
    public void roll() {
        for (PoolTimes t : byId) {
            if (t != null) {
                t.roll();
            }
        }
    }

    /** Forgets pool {@code id} (its pool was collected). */
    public void forget(int id) {
        if (id < byId.length) {
            byId[id] = null;
        }
    }

    /** One pool's task times: the interval being recorded and the last one ended. Agent thread only. */
    public static final class PoolTimes {

        private static final long MAX_NANOS = 3_600_000_000_000L;

        private final Histogram wait = new Histogram(1, MAX_NANOS, 2);
        private final Histogram run = new Histogram(1, MAX_NANOS, 2);
        private double busyNanos;

        private long waitCount;
        private long waitP50;
        private long waitP99;
        private long runCount;
        private long runP50;
        private long runP99;
        private double runMean;
        private double lastBusyNanos;

        void recordWait(long nanos) {
            wait.recordValue(Math.max(1, Math.min(nanos, MAX_NANOS)));
        }

        void recordRun(long nanos) {
            long clamped = Math.max(1, Math.min(nanos, MAX_NANOS));
            run.recordValue(clamped);
            busyNanos += clamped;
        }

        void roll() {
            waitCount = wait.getTotalCount();
            waitP50 = waitCount > 0 ? wait.getValueAtPercentile(50) : 0;
            waitP99 = waitCount > 0 ? wait.getValueAtPercentile(99) : 0;
            runCount = run.getTotalCount();
            runP50 = runCount > 0 ? run.getValueAtPercentile(50) : 0;
            runP99 = runCount > 0 ? run.getValueAtPercentile(99) : 0;
            runMean = runCount > 0 ? run.getMean() : 0;
            lastBusyNanos = busyNanos;
            wait.reset();
            run.reset();
            busyNanos = 0;
        }

        /** Tasks whose queue wait was measured in the last interval. */
        public long waitCount() {
            return waitCount;
        }

        /** Median queue wait of the last interval, ns. */
        public long waitP50Nanos() {
            return waitP50;
        }

        /** p99 queue wait of the last interval, ns. */
        public long waitP99Nanos() {
            return waitP99;
        }

        /** Tasks finished in the last interval. */
        public long runCount() {
            return runCount;
        }

        /** Median run time of the last interval, ns. */
        public long runP50Nanos() {
            return runP50;
        }

        /** p99 run time of the last interval, ns. */
        public long runP99Nanos() {
            return runP99;
        }

        /** Mean run time of the last interval, ns. */
        public double runMeanNanos() {
            return runMean;
        }

        /** Sum of the run times of the tasks finished in the last interval, ns. */
        public double busyNanos() {
            return lastBusyNanos;
        }
    }
}
