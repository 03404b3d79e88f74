package dev.attune.tuner.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.instrumentation.encode.MethodIds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** What the method figures hold: nothing for a method never called, a few KB for one called, a bounded total. */
class MethodMemoryTest {

    private static final long SECOND = 1_000_000_000L;
    private final SyntheticEvents events = new SyntheticEvents();
    private final SplittableRandom random = new SplittableRandom(7);

    /** Durations spread over three decades around {@code centreNanos}, as a real method's are. */
    private long duration(long centreNanos) {
        return (long) (centreNanos * Math.pow(10, random.nextDouble(-1.5, 1.5)));
    }

    @Test
    void aMethodNeverCalledHoldsNothingAndOneCalledAFewKilobytesOnceIdle() {
        MethodIds ids = new MethodIds(10_000);
        for (int i = 0; i < 10_000; i++) {
            ids.idFor("gen.C" + i / 100 + "#m" + i % 100);
        }
        MethodAggregator aggregator = new MethodAggregator(ids, 0);
        aggregator.discoverMethods();
        for (int id = 0; id < 10_000; id += 100) { // 100 called, 10,000 calls each
            for (int i = 0; i < 10_000; i++) {
                events.exit(aggregator, id, duration(50_000), i % 50 == 0);
            }
        }
        aggregator.roll(SECOND);
        assertEquals(100, aggregator.figures().size(), "only the methods called have figures");
        assertNull(aggregator.figures("gen.C0#m1"));
        MethodFigures f = aggregator.figures("gen.C0#m0");
        assertEquals(10_000, f.count());
        assertTrue(f.p50Nanos() > 0 && f.p50Nanos() <= f.p99Nanos() && f.p99Nanos() <= f.maxNanos());
        aggregator.roll(2 * SECOND); // an idle interval: the interval histograms go back, and then go
        long perCalled = aggregator.memoryUsedBytes() / 100;
        System.out.println("per called method, durations over three decades: " + perCalled + " bytes");
        assertTrue(perCalled <= 10 * 1024, "a called method, once idle, holds " + perCalled + " bytes");
        assertEquals(10_000, f.totalCount());
        assertTrue(f.totalP99Nanos() > 0);
    }

    @Test
    void aTotalPastTwoBillionCallsWidensToLongCountsAndChangesNoFigure() {
        MethodStats stats = new MethodStats(0, "a.B#hot", true);
        Histogram reference = new Histogram(MethodStats.HIGHEST_NANOS, MethodStats.SIGNIFICANT_DIGITS);
        for (int interval = 1; interval <= 3; interval++) {
            stats.lend(new Histogram(MethodStats.SIGNIFICANT_DIGITS));
            // Swept hot-method counts: a bucket of a billion calls an interval, past an int count by the third.
            stats.onBucket(1_000 * interval, 1_000_000_000L);
            reference.recordValueWithCount(1_000 * interval, 1_000_000_000L);
            stats.roll(1, interval);
        }
        MethodFigures f = stats.figures;
        assertEquals(3_000_000_000L, f.totalCount());
        assertEquals(reference.getValueAtPercentile(50), f.totalP50Nanos());
        assertEquals(reference.getValueAtPercentile(99), f.totalP99Nanos());
        assertEquals(reference.getMaxValue(), f.totalMaxNanos());
        assertEquals(1_000_000_000L, f.count());
    }

    @Test
    void pastTheBudgetTheLeastCalledLoseTheirHistogramsAndThatIsSaidOnce() {
        MethodIds ids = new MethodIds(1_000);
        MethodAggregator aggregator = new MethodAggregator(ids, 0);
        long budget = 2L << 20;
        List<Long> said = new ArrayList<>();
        aggregator.limitMemory(budget, said::add);
        int methods = 400;
        for (int m = 0; m < methods; m++) {
            ids.idFor("a.B#m" + m);
        }
        // Method m is called 10 + m times an interval: the low ids are the least called.
        long now = 0;
        for (int interval = 0; interval < 5; interval++) {
            for (int m = 0; m < methods; m++) {
                for (int i = 0; i < 10 + m; i++) {
                    events.exit(aggregator, m, duration(20_000), false);
                }
            }
            now += SECOND;
            aggregator.roll(now);
            assertTrue(aggregator.memoryUsedBytes() <= budget,
                    "after a roll " + aggregator.memoryUsedBytes() + " bytes, within " + budget);
        }
        int countsOnly = aggregator.countsOnlyMethods();
        assertTrue(countsOnly > 0 && countsOnly < methods, countsOnly + " methods counted only");
        assertEquals(List.of((long) said.get(0)), said, "one line, however many intervals drop histograms");

        MethodFigures least = aggregator.figures("a.B#m0");
        StringBuilder which = new StringBuilder();
        for (int m = 0; m < methods; m++) {
            which.append(aggregator.figures("a.B#m" + m).isCountsOnly() ? 'c' : 'h');
        }
        assertTrue(least.isCountsOnly(), which + " used " + aggregator.memoryUsedBytes());
        assertEquals(10, least.count(), "counts stay exact");
        assertEquals(50, least.totalCount());
        assertEquals(0, least.p99Nanos(), "no percentile without a histogram");
        assertTrue(least.maxNanos() > 0 && least.meanNanos() > 0 && least.meanNanos() <= least.maxNanos(),
                "mean " + least.meanNanos() + " max " + least.maxNanos());
        MethodFigures busiest = aggregator.figures("a.B#m" + (methods - 1));
        assertFalse(busiest.isCountsOnly(), "the busiest keep their histograms");
        assertTrue(busiest.p99Nanos() > 0 && busiest.totalP99Nanos() > 0);
        for (int m = 1; m < methods; m++) { // evicted in order of calls: none busier than a kept one
            MethodFigures f = aggregator.figures("a.B#m" + m);
            assertTrue(!f.isCountsOnly() || aggregator.figures("a.B#m" + (m - 1)).isCountsOnly(), "m" + m);
        }
    }
}
