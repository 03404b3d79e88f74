package dev.attune.tuner.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.instrumentation.encode.ManyToOneRingBufferStripes;
import dev.attune.instrumentation.encode.RingBufferPoolSink;
import dev.attune.instrumentation.encode.SignalCodec;
import org.junit.jupiter.api.Test;

/**
 * Pool task times through the real path: the pool sink writes them on ring buffers, a drain hands them to the
 * aggregator, and each roll publishes one interval's figures per pool.
 */
class PoolAggregatorTest {

    private final ManyToOneRingBufferStripes stripes = new ManyToOneRingBufferStripes(1 << 20, 2);
    private final RingBufferPoolSink sink = new RingBufferPoolSink(stripes);
    private final PoolAggregator aggregator = new PoolAggregator();

    private void drain() {
        while (stripes.drain(aggregator, 1024) > 0) {
            Thread.onSpinWait();
        }
    }

    @Test
    void anIntervalsWaitsAndRunsBecomeItsFigures() {
        for (int i = 1; i <= 100; i++) {
            sink.onQueueWait(3, i * 1_000_000L); // 1..100 ms
            sink.onTaskRun(3, 20_000_000L);
        }
        sink.onTaskRun(3, 220_000_000L);
        drain();
        aggregator.roll();

        PoolAggregator.PoolTimes t = aggregator.times(3);
        assertEquals(100, t.waitCount());
        assertEquals(50e6, t.waitP50Nanos(), 50e6 * 0.01, "within the histogram's 1%");
        assertEquals(99e6, t.waitP99Nanos(), 99e6 * 0.01);
        assertEquals(101, t.runCount());
        assertEquals(20e6, t.runP50Nanos(), 20e6 * 0.01);
        assertEquals((100 * 20e6 + 220e6) / 101, t.runMeanNanos(), 0.01 * 20e6 + 1);
        assertEquals(100 * 20e6 + 220e6, t.busyNanos(), 1, "busy time is the exact sum of run times");
    }

    @Test
    void eachRollStartsAFreshIntervalAndPoolsStayApart() {
        sink.onQueueWait(0, 5_000_000);
        sink.onTaskRun(1, 7_000_000);
        drain();
        aggregator.roll();
        assertEquals(1, aggregator.times(0).waitCount());
        assertEquals(0, aggregator.times(0).runCount());
        assertEquals(0, aggregator.times(1).waitCount());
        assertEquals(1, aggregator.times(1).runCount());

        aggregator.roll(); // an interval without events
        assertEquals(0, aggregator.times(0).waitCount());
        assertEquals(0, aggregator.times(0).waitP99Nanos());
        assertEquals(0, aggregator.times(1).runCount());
        assertEquals(0, aggregator.times(1).busyNanos());
    }

    @Test
    void highPoolIdsAndForgottenPools() {
        int last = SignalCodec.MAX_POOLS - 1;
        sink.onQueueWait(last, 1_000);
        sink.onQueueWait(SignalCodec.MAX_POOLS, 1_000); // beyond the encoding: dropped by the sink, never misread
        drain();
        aggregator.roll();
        assertEquals(1, aggregator.times(last).waitCount());

        aggregator.forget(last);
        assertEquals(0, aggregator.times(last).waitCount(), "a forgotten pool's id starts from nothing");
        assertEquals(0, stripes.dropped());
    }

    @Test
    void outOfRangeTimesAreClampedNotLost() {
        sink.onQueueWait(2, 0);
        sink.onTaskRun(2, Long.MAX_VALUE);
        drain();
        aggregator.roll();
        assertEquals(1, aggregator.times(2).waitCount());
        assertEquals(1, aggregator.times(2).runCount());
        assertTrue(aggregator.times(2).runP99Nanos() >= 3_600_000_000_000L * 0.99);
    }
}
