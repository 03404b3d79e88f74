package dev.attune.tuner.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.instrumentation.encode.HotMethodCounts;
import dev.attune.instrumentation.encode.MethodIds;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Hot methods counted in place: promoted by rate, and their figures exactly those the ring buffer would give. */
class HotMethodCountingTest {

    private static final long SECOND = 1_000_000_000L;
    private final SyntheticEvents events = new SyntheticEvents();

    @Test
    void countedCallsGiveExactlyTheFiguresOfRecordedCalls() {
        MethodIds ids = new MethodIds(4);
        int id = ids.idFor("a.B#hot");
        MethodAggregator throughRing = new MethodAggregator(ids, 0);
        HotMethodCounts hot = new HotMethodCounts(4, 2, HotMethodCounts.DEFAULT_BUDGET_BYTES,
                HotMethodCounts.DEFAULT_PROMOTION_RATE);
        MethodAggregator inPlace = new MethodAggregator(ids, hot, 0);
        inPlace.discoverMethods();
        assertTrue(hot.promote(id));
        SplittableRandom random = new SplittableRandom(11);
        for (int interval = 1; interval <= 3; interval++) {
            for (int i = 0; i < 200_000; i++) {
                // From a few ns to seconds, log-uniform: every part of the bucket layout is used.
                long nanos = (long) Math.pow(10, random.nextDouble(0.5, 9.6));
                events.exit(throughRing, id, nanos, false);
                assertTrue(hot.forMethod(id).record(i & 1, nanos));
            }
            throughRing.roll(interval * SECOND);
            inPlace.roll(interval * SECOND);
            MethodFigures a = throughRing.figures("a.B#hot");
            MethodFigures b = inPlace.figures("a.B#hot");
            assertEquals(a.count(), b.count());
            assertEquals(a.meanNanos(), b.meanNanos(), 1e-6);
            assertEquals(a.p50Nanos(), b.p50Nanos());
            assertEquals(a.p90Nanos(), b.p90Nanos());
            assertEquals(a.p99Nanos(), b.p99Nanos());
            assertEquals(a.p999Nanos(), b.p999Nanos());
            assertEquals(a.maxNanos(), b.maxNanos());
            assertEquals(a.totalCount(), b.totalCount());
            assertEquals(a.totalP99Nanos(), b.totalP99Nanos());
            assertEquals(a.totalThroughputPerSec(), b.totalThroughputPerSec(), 1e-9);
        }
        assertEquals(600_000, inPlace.eventsRecorded());
    }

    @Test
    void aMethodIsPromotedOnceItsRingCallsReachTheRateInASecond() {
        MethodIds ids = new MethodIds(4);
        int busy = ids.idFor("a.B#busy");
        int calm = ids.idFor("a.B#calm");
        HotMethodCounts hot = new HotMethodCounts(4, 1, HotMethodCounts.DEFAULT_BUDGET_BYTES,
                HotMethodCounts.DEFAULT_PROMOTION_RATE);
        MethodAggregator aggregator = new MethodAggregator(ids, hot, 0);
        for (int i = 0; i < HotMethodCounts.DEFAULT_PROMOTION_RATE; i++) {
            events.exit(aggregator, busy, 1_000, false);
        }
        for (int i = 0; i < HotMethodCounts.DEFAULT_PROMOTION_RATE - 1; i++) {
            events.exit(aggregator, calm, 1_000, false);
        }
        assertEquals(0, aggregator.checkHotMethods(SECOND / 2), "checked once a second only");
        assertEquals(1, aggregator.checkHotMethods(SECOND));
        assertTrue(aggregator.isHot(busy));
        assertFalse(aggregator.isHot(calm), "one call short of the rate");
        assertEquals("a.B#busy", aggregator.nameOf(busy));

        // The window restarts at each check: the calm method needs the rate within one window.
        for (int i = 0; i < HotMethodCounts.DEFAULT_PROMOTION_RATE; i++) {
            events.exit(aggregator, calm, 1_000, false);
        }
        assertEquals(0, aggregator.checkHotMethods(3 * SECOND), "100,000 calls over two seconds is half the rate");
        assertFalse(aggregator.isHot(calm));

        // A promoted method's counted calls are swept at each check and at the roll; none is lost.
        hot.forMethod(busy).record(0, 2_000);
        assertEquals(0, aggregator.checkHotMethods(4 * SECOND));
        hot.forMethod(busy).record(0, 2_000);
        aggregator.roll(5 * SECOND);
        assertEquals(HotMethodCounts.DEFAULT_PROMOTION_RATE + 2, aggregator.figures("a.B#busy").totalCount());
        assertEquals(HotMethodCounts.DEFAULT_PROMOTION_RATE + 2, aggregator.figures("a.B#busy").count(),
                "one interval since start");
        assertEquals(2_000, aggregator.figures("a.B#busy").maxNanos(), 2_000 / 100.0);
        assertEquals(3 * HotMethodCounts.DEFAULT_PROMOTION_RATE + 1, aggregator.eventsRecorded());
    }

    @Test
    void aRateOfZeroPromotesNothing() {
        MethodIds ids = new MethodIds(4);
        int id = ids.idFor("a.B#c");
        HotMethodCounts never = new HotMethodCounts(4, 1, HotMethodCounts.DEFAULT_BUDGET_BYTES, 0);
        MethodAggregator aggregator = new MethodAggregator(ids, never, 0);
        for (int i = 0; i < 1_000_000; i++) {
            events.exit(aggregator, id, 1_000, false);
        }
        assertEquals(0, aggregator.checkHotMethods(SECOND));
        assertFalse(aggregator.isHot(id));
    }

    @Test
    void withoutATableNothingIsEverPromoted() {
        MethodIds ids = new MethodIds(4);
        int id = ids.idFor("a.B#c");
        MethodAggregator aggregator = new MethodAggregator(ids, 0);
        for (int i = 0; i < 2 * HotMethodCounts.DEFAULT_PROMOTION_RATE; i++) {
            events.exit(aggregator, id, 1_000, false);
        }
        assertEquals(0, aggregator.checkHotMethods(SECOND));
        assertFalse(aggregator.isHot(id));
    }
}
