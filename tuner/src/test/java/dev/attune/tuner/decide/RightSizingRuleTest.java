package dev.attune.tuner.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.tuner.aggregate.RightSizingFigures;
import dev.attune.tuner.decide.RightSizingRecommendation.Verdict;
import org.junit.jupiter.api.Test;

/** The right-sizing arithmetic and sentences on synthetic window figures. */
class RightSizingRuleTest {

    private static final double MB = 1 << 20;
    private static final double GB = 1 << 30;

    private final RightSizingRule rule = new RightSizingRule(30);

    private static RightSizingFigures figures(double p95, double peak, double cores, double heapP95, double heapPeak,
                                              double heapMax) {
        return new RightSizingFigures(360, 360, 3590, 3600, peak, p95, cores, heapPeak, heapP95, heapMax);
    }

    @Test
    void anOversizedProcessGetsARangeOfCoresAndASmallerHeap() {
        RightSizingRecommendation r = rule.recommend(figures(1.2, 3.1, 16, 310 * MB, 450 * MB, 4 * GB));
        assertEquals("p95 1.2 of 16 cores used (peak 3.1): 2 to 4 cores would do;"
                + " heap after GC p95 310 MB of 4 GB (peak 450 MB): a 1 GB max heap would do", r.text());
        assertEquals(Verdict.SMALLER, r.cpuVerdict());
        assertEquals(2, r.coresLow());  // 1.2 / 0.65 = 1.85
        assertEquals(4, r.coresHigh()); // 3.1 / 0.9 = 3.4
        assertEquals(Verdict.SMALLER, r.heapVerdict());
        assertEquals(GB, r.heapMaxBytes(), 0); // max(3 x 310, 1.5 x 450) = 930 MB, up to the next 128 MB
        assertTrue(r.enoughData());
    }

    @Test
    void aBusyProcessIsShortOfCpuAndHeap() {
        RightSizingRecommendation r = rule.recommend(figures(3.5, 4, 4, 1.6 * GB, 1.9 * GB, 2 * GB));
        assertEquals(Verdict.LARGER, r.cpuVerdict());
        assertEquals(6, r.coresLow());
        assertEquals(Verdict.LARGER, r.heapVerdict());
        assertEquals(5 * GB, r.heapMaxBytes(), 0); // 3 x 1.6 = 4.8 GB, up to the next 512 MB
        assertEquals("p95 3.5 of 4 cores used (peak 4.0): short of CPU, 6 or more cores would give headroom;"
                + " heap after GC p95 1.6 GB of 2 GB (peak 1.9 GB): short of heap, a 5 GB max heap would give"
                + " headroom", r.text());
    }

    @Test
    void aWellSizedProcessFits() {
        RightSizingRecommendation r = rule.recommend(figures(2.4, 3.8, 4, 1.3 * GB, 1.5 * GB, 4 * GB));
        assertEquals(Verdict.FITS, r.cpuVerdict());
        assertEquals(Verdict.FITS, r.heapVerdict());
        assertEquals("p95 2.4 of 4 cores used (peak 3.8): the 4 cores fit;"
                + " heap after GC p95 1.3 GB of 4 GB (peak 1.5 GB): the 4 GB max heap fits", r.text());
    }

    @Test
    void exactMultiplesDoNotRoundUpAWholeCore() {
        RightSizingRecommendation r = rule.recommend(figures(1.3, 1.8, 8, 100 * MB, 100 * MB, GB));
        assertEquals(2, r.coresLow(), "1.3 / 0.65 is 2, not 2.0000000000000004");
        assertEquals(2, r.coresHigh());
        assertTrue(r.text().startsWith("p95 1.3 of 8 cores used (peak 1.8): 2 cores would do;"), r.text());
    }

    @Test
    void notEnoughDataUntilTheMinimumOfSamples() {
        RightSizingRecommendation r = rule.recommend(
                new RightSizingFigures(12, 0, 110, 3600, 3, 2, 16, Double.NaN, Double.NaN, 4 * GB));
        assertFalse(r.enoughData());
        assertEquals("not enough data yet: 12 of 30 samples", r.text());
        assertEquals(Verdict.NOT_ENOUGH_DATA, r.cpuVerdict());
        assertEquals(0, r.coresLow());
        assertTrue(Double.isNaN(r.heapMaxBytes()));
    }

    @Test
    void oneResourceCanBeJudgedBeforeTheOther() {
        RightSizingRecommendation r = rule.recommend(
                new RightSizingFigures(40, 0, 390, 3600, 3.1, 1.2, 16, Double.NaN, Double.NaN, 4 * GB));
        assertTrue(r.enoughData());
        assertEquals("p95 1.2 of 16 cores used (peak 3.1): 2 to 4 cores would do; heap after GC: not measured",
                r.text());
    }

    @Test
    void materialChangesAreVerdictsOrAQuarterOfASize() {
        RightSizingRecommendation a = rule.recommend(figures(1.2, 3.1, 16, 310 * MB, 450 * MB, 4 * GB));
        RightSizingRecommendation sameRounded = rule.recommend(figures(1.25, 3.2, 16, 320 * MB, 450 * MB, 4 * GB));
        RightSizingRecommendation moreCores = rule.recommend(figures(2.5, 5, 16, 310 * MB, 450 * MB, 4 * GB));
        RightSizingRecommendation moreHeap = rule.recommend(figures(1.2, 3.1, 16, 500 * MB, 600 * MB, 4 * GB));
        assertTrue(a.differsMateriallyFrom(null), "the first recommendation is news");
        assertFalse(sameRounded.differsMateriallyFrom(a));
        assertTrue(moreCores.differsMateriallyFrom(a));
        assertTrue(moreHeap.differsMateriallyFrom(a));
    }

    @Test
    void sizesAreWrittenAsPeopleWriteThem() {
        assertEquals("310 MB", RightSizingRule.bytes(310 * MB));
        assertEquals("4 GB", RightSizingRule.bytes(4 * GB));
        assertEquals("1.5 GB", RightSizingRule.bytes(1.5 * GB));
        assertEquals(128 * MB, RightSizingRule.roundUp(1), 0);
        assertEquals(1.5 * GB, RightSizingRule.roundUp(1.2 * GB), 0);
        assertEquals(9 * GB, RightSizingRule.roundUp(8.2 * GB), 0);
    }
}
