package dev.attune.tuner.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The right-sizing window fed synthetic intervals on a synthetic clock. */
class RightSizingWindowTest {

    private static final long SECOND = 1_000_000_000L;

    private static ResourceSample cores(double used) {
        return new ResourceSample(used, 16, Double.NaN, 4e9);
    }

    @Test
    void peakAndP95OverTheWindowNearestRank() {
        RightSizingWindow w = new RightSizingWindow(3600 * SECOND);
        for (int i = 1; i <= 100; i++) {
            w.record(i * 10 * SECOND, new ResourceSample(i / 10.0, 16, i * 1e6, 4e9)); // 0.1 .. 10.0 cores
        }
        RightSizingFigures f = w.figures(1000 * SECOND);
        assertEquals(100, f.cpuSamples());
        assertEquals(100, f.heapSamples());
        assertEquals(10.0, f.cpuCoresPeak(), 1e-9);
        assertEquals(9.5, f.cpuCoresP95(), 1e-9, "the 95th of 100 values");
        assertEquals(100e6, f.heapAfterGcPeakBytes(), 1e-3);
        assertEquals(95e6, f.heapAfterGcP95Bytes(), 1e-3);
        assertEquals(16, f.coresAvailable(), 0);
        assertEquals(4e9, f.heapMaxBytes(), 0);
        assertEquals(990, f.coveredSeconds(), 1e-9);
        assertEquals(3600, f.windowSeconds(), 1e-9);
    }

    @Test
    void oldEntriesLeaveTheWindow() {
        RightSizingWindow w = new RightSizingWindow(60 * SECOND);
        for (int t = 1; t <= 6; t++) {
            w.record(t * 10 * SECOND, cores(12)); // a burst in the first minute
        }
        for (int t = 7; t <= 18; t++) {
            w.record(t * 10 * SECOND, cores(1));
        }
        RightSizingFigures f = w.figures(180 * SECOND);
        assertEquals(7, f.cpuSamples(), "120 s to 180 s: seven 10 s entries");
        assertEquals(1, f.cpuCoresPeak(), 0, "the burst has left the window");
        assertEquals(60, f.coveredSeconds(), 1e-9);
        assertEquals(0, w.figures(300 * SECOND).cpuSamples(), "reading later expires too");
        assertEquals(18, w.samples());
    }

    @Test
    void missingFiguresAreSkippedNotCounted() {
        RightSizingWindow w = new RightSizingWindow(3600 * SECOND);
        for (int t = 1; t <= 10; t++) {
            w.record(t * SECOND, new ResourceSample(t % 2 == 0 ? 2 : Double.NaN, 8, Double.NaN, Double.NaN));
        }
        RightSizingFigures f = w.figures(10 * SECOND);
        assertEquals(5, f.cpuSamples());
        assertEquals(0, f.heapSamples());
        assertEquals(2, f.cpuCoresP95(), 0);
        assertTrue(Double.isNaN(f.heapAfterGcP95Bytes()));
        assertTrue(Double.isNaN(f.heapMaxBytes()));
    }

    @Test
    void shortIntervalsShareEntriesSoTheBoundedRingSpansTheWholeWindow() {
        // 100 entries for 100 s: one entry a second, fed ten intervals a second for 200 s.
        RightSizingWindow w = new RightSizingWindow(100 * SECOND, 100);
        long tenth = SECOND / 10;
        for (int i = 1; i <= 2000; i++) {
            double used = i % 10 == 0 ? 8 : 2; // one interval in ten at 8 cores: means of 2.6 a second
            double heap = i % 10 == 0 ? 500 : 100;
            w.record(i * tenth, new ResourceSample(used, 16, heap, 1000));
        }
        RightSizingFigures f = w.figures(2000 * tenth);
        assertTrue(f.cpuSamples() <= 100 && f.cpuSamples() >= 98, "entries " + f.cpuSamples());
        assertTrue(f.coveredSeconds() >= 98, "covered " + f.coveredSeconds());
        assertEquals(2.6, f.cpuCoresPeak(), 1e-9, "an entry keeps the mean CPU of its intervals");
        assertEquals(500, f.heapAfterGcPeakBytes(), 0, "and the largest heap after GC");
    }

    @Test
    void anEmptyWindowHasNoFigures() {
        RightSizingFigures f = new RightSizingWindow(SECOND).figures(0);
        assertEquals(0, f.cpuSamples());
        assertTrue(Double.isNaN(f.cpuCoresPeak()) && Double.isNaN(f.cpuCoresP95()));
        assertEquals(0, f.coveredSeconds(), 0);
    }
}
