package dev.attune.tuner.decide;

import dev.attune.tuner.aggregate.RightSizingFigures;

/**
 * What {@link RightSizingRule} recommends from one window of figures: the sentence for people, and the numbers
 * behind it for JMX and the log.
 *
 * @param text            one line, e.g. {@code p95 1.2 of 16 cores used (peak 3.1): 2 to 4 cores would do; ...}
 * @param figures         the window's figures it was computed from
 * @param cpuVerdict      what it says of the cores
 * @param coresLow        fewest whole cores that keep p95 at the target use; 0 without enough data
 * @param coresHigh       whole cores that also fit the peak; 0 without enough data
 * @param heapVerdict     what it says of the heap
 * @param heapMaxBytes    the recommended max heap, rounded up to a whole step; NaN without enough data
 */
public record RightSizingRecommendation(String text, RightSizingFigures figures, Verdict cpuVerdict, int coresLow,
                                        int coresHigh, Verdict heapVerdict, double heapMaxBytes) {

    /** What a recommendation says of one resource. */
    public enum Verdict {
        /** Too few samples (or none) to say anything. */
        NOT_ENOUGH_DATA,
        /** Less would do. */
        SMALLER,
        /** What the process has fits. */
        FITS,
        /** More would give headroom. */
        LARGER
    }

    /** True when at least one resource has enough samples to judge. */
    public boolean enoughData() {
        return cpuVerdict != Verdict.NOT_ENOUGH_DATA || heapVerdict != Verdict.NOT_ENOUGH_DATA;
    }

    /**
     * True when this says something materially different from {@code before} (null: nothing said yet): another
     * verdict, a core bound moved by a quarter (at least one core), or the heap by a quarter.
     */
    public boolean differsMateriallyFrom(RightSizingRecommendation before) {
        if (before == null) {
            return enoughData();
        }
        return cpuVerdict != before.cpuVerdict || heapVerdict != before.heapVerdict
                || movedByAQuarter(coresLow, before.coresLow, 1) || movedByAQuarter(coresHigh, before.coresHigh, 1)
                || movedByAQuarter(heapMaxBytes, before.heapMaxBytes, 0);
    }

    private static boolean movedByAQuarter(double now, double was, double atLeast) {
        if (Double.isNaN(now) || Double.isNaN(was)) {
            return Double.isNaN(now) != Double.isNaN(was);
        }
        return Math.abs(now - was) >= Math.max(atLeast, 0.25 * Math.abs(was)) && now != was;
    }
}
