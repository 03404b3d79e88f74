package dev.attune.tuner.loop;

import dev.attune.tuner.decide.RightSizingRule;
import dev.attune.tuner.decide.StressBreakerRule;
import java.util.concurrent.TimeUnit;

/**
 * The configuration of {@link SignalsTask}: the stress breaker and the right-sizing report.
 *
 * @param breakerEnabled        false: the breaker never opens ({@code attune.breaker.enabled})
 * @param breakerHeapAfterGc    heap after GC over max heap that stresses ({@code attune.breaker.heap-after-gc})
 * @param breakerCpu            process CPU over cores available that stresses ({@code attune.breaker.cpu})
 * @param breakerIntervals      stressed intervals in a row that open it ({@code attune.breaker.intervals})
 * @param breakerReliefIntervals relieved intervals in a row that close it ({@code attune.breaker.relief-intervals})
 * @param breakerMargin         how far below a threshold is relieved ({@code attune.breaker.margin})
 * @param rightSizingWindowNanos the sliding window ({@code attune.rightsizing.window})
 * @param rightSizingMinSamples window entries before a recommendation ({@code attune.rightsizing.min-samples})
 * @param rightSizingLogEveryNanos time between two right-sizing lines ({@code attune.rightsizing.log-every})
 */
public record SignalsSettings(boolean breakerEnabled, double breakerHeapAfterGc, double breakerCpu,
                              int breakerIntervals, int breakerReliefIntervals, double breakerMargin,
                              long rightSizingWindowNanos, int rightSizingMinSamples, long rightSizingLogEveryNanos) {

    /** Defaults: breaker on at 90% heap after GC or 95% CPU for 3 intervals; a 1 h window, a line every 10 min. */
    public static SignalsSettings defaults() {
        return new SignalsSettings(true, StressBreakerRule.DEFAULT_HEAP_AFTER_GC, StressBreakerRule.DEFAULT_CPU,
                StressBreakerRule.DEFAULT_OPEN_INTERVALS, StressBreakerRule.DEFAULT_RELIEF_INTERVALS,
                StressBreakerRule.DEFAULT_MARGIN, TimeUnit.HOURS.toNanos(1), RightSizingRule.DEFAULT_MIN_SAMPLES,
                TimeUnit.MINUTES.toNanos(10));
    }
}
