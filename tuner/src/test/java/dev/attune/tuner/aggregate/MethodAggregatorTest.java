package dev.attune.tuner.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.instrumentation.encode.MethodIds;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class MethodAggregatorTest {

    private static final long SECOND = 1_000_000_000L;
    private final SyntheticEvents events = new SyntheticEvents();

    @Test
    void intervalFiguresFromSyntheticCalls() {
        MethodIds ids = new MethodIds(16);
        int place = ids.idFor("com.acme.OrderService#place");
        MethodAggregator aggregator = new MethodAggregator(ids, 0);
        // 1..1000 microseconds, one call each; 10 of them threw.
        for (int i = 1; i <= 1000; i++) {
            events.exit(aggregator, place, i * 1_000L, i % 100 == 0);
        }
        aggregator.roll(2 * SECOND);
        MethodFigures f = aggregator.figures("com.acme.OrderService#place");
        assertNotNull(f);
        assertEquals(1000, f.count());
        assertEquals(10, f.errors());
        assertEquals(500.0, f.throughputPerSec(), 1e-9);
        assertEquals(500_500, f.meanNanos(), 500_500 * 0.01);
        assertEquals(500_000, f.p50Nanos(), 500_000 * 0.01);
        assertEquals(900_000, f.p90Nanos(), 900_000 * 0.01);
        assertEquals(990_000, f.p99Nanos(), 990_000 * 0.01);
        assertEquals(999_000, f.p999Nanos(), 999_000 * 0.01);
        assertEquals(1_000_000, f.maxNanos(), 1_000_000 * 0.01);
        assertEquals(1000, aggregator.eventsRecorded());
    }

    @Test
    void totalsAccumulateWhileIntervalsReset() {
        MethodIds ids = new MethodIds(16);
        int id = ids.idFor("a.B#c");
        MethodAggregator aggregator = new MethodAggregator(ids, 0);
        for (int i = 0; i < 100; i++) {
            events.exit(aggregator, id, 1_000, false);
        }
        aggregator.roll(SECOND);
        for (int i = 0; i < 50; i++) {
            events.exit(aggregator, id, 5_000_000, true);
        }
        aggregator.roll(2 * SECOND);
        MethodFigures f = aggregator.figures("a.B#c");
        assertEquals(50, f.count());
        assertEquals(50, f.errors());
        assertEquals(5_000_000, f.p50Nanos(), 50_000);
        assertEquals(150, f.totalCount());
        assertEquals(50, f.totalErrors());
        assertEquals(75.0, f.totalThroughputPerSec(), 1e-9);
        assertEquals(1_000, f.totalP50Nanos(), 10);
        assertEquals(5_000_000, f.totalMaxNanos(), 50_000);

        aggregator.roll(3 * SECOND);
        assertEquals(0, f.count(), "an empty interval shows no calls");
        assertEquals(0, f.p99Nanos());
        assertEquals(150, f.totalCount());
    }

    @Test
    void outOfRangeDurationsAreClampedNotThrown() {
        MethodIds ids = new MethodIds(16);
        int id = ids.idFor("a.B#c");
        MethodAggregator aggregator = new MethodAggregator(ids, 0);
        events.exit(aggregator, id, -5, false);
        events.exit(aggregator, id, Long.MAX_VALUE, false);
        aggregator.roll(SECOND);
        MethodFigures f = aggregator.figures("a.B#c");
        assertEquals(2, f.count());
        assertTrue(f.maxNanos() >= MethodStats.HIGHEST_NANOS);
    }

    @Test
    void methodsAppearOnTheirFirstCallNotWhenRegisteredAndUnknownIdsToo() {
        MethodIds ids = new MethodIds(16);
        int first = ids.idFor("a.B#first");
        MethodAggregator aggregator = new MethodAggregator(ids, 0);
        assertEquals(1, aggregator.discoverMethods());
        assertEquals(0, aggregator.discoverMethods());
        assertNull(aggregator.figures("a.B#first"), "instrumented but never called: no state at all");
        assertEquals("a.B#first", aggregator.nameOf(first));
        events.exit(aggregator, first, 10, false);
        assertNotNull(aggregator.figures("a.B#first"));
        events.exit(aggregator, 200, 10, false); // id never named: still counted under a placeholder
        aggregator.roll(SECOND);
        assertEquals(1, aggregator.figures("method-200").count());
    }

    @Test
    void steadyStateRecordingAndRollingDoNotAllocate() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        MethodIds ids = new MethodIds(16);
        int a = ids.idFor("a.B#a");
        int b = ids.idFor("a.B#b");
        MethodAggregator aggregator = new MethodAggregator(ids, 0);
        aggregator.discoverMethods();
        long t = 0;
        for (int warm = 0; warm < 5; warm++) { // let the JIT settle and every lazy path run once
            t = feed(aggregator, a, b, t);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int round = 0; round < 20; round++) {
            t = feed(aggregator, a, b, t);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // 20 intervals of 200,000 events: anything per event or per roll would show as megabytes.
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes in steady state");
    }

    private long feed(MethodAggregator aggregator, int a, int b, long t) {
        for (int i = 0; i < 100_000; i++) {
            events.exit(aggregator, a, 1_000 + i, false);
            events.exit(aggregator, b, 50_000 + i, (i & 255) == 0);
        }
        t += SECOND;
        aggregator.roll(t);
        return t;
    }
}
