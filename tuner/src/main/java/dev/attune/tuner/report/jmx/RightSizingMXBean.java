package dev.attune.tuner.report.jmx;

/**
 * {@code dev.attune:type=RightSizing}: the right-sizing recommendation with the figures behind it, over the
 * sliding window. NaN: not measured in the window (or not enough samples for a recommended size).
 */
@Description("Right-sizing over a sliding window: peak and p95 of cores used and heap after GC, against cores"
        + " available and max heap, and what would do")
public interface RightSizingMXBean {

    /** The recommendation. */
    @Description("The recommendation, e.g. 'p95 1.2 of 16 cores used (peak 3.1): 2 to 4 cores would do; ...'")
    String getRecommendation();

    /** True once there are enough samples. */
    @Description("True once cores or heap has the minimum of samples in the window")
    boolean isEnoughData();

    /** Window entries with a CPU figure. */
    @Description("Window entries with a CPU figure (one per interval unless intervals are shorter than window/4096)")
    long getCpuSampleCount();

    /** Window entries with a heap-after-GC figure. */
    @Description("Window entries with a heap-after-GC figure")
    long getHeapSampleCount();

    /** Entries needed before a resource is judged. */
    @Description("Window entries needed before cores or heap is judged")
    long getMinSampleCount();

    /** The configured window. */
    @Description("Length of the sliding window, in seconds")
    double getWindowSeconds();

    /** The time the window's entries span. */
    @Description("Time from the oldest to the newest entry of the window, in seconds")
    double getWindowCoveredSeconds();

    /** Peak of cores used. */
    @Description("Largest CPU use in the window, in cores")
    double getCpuCoresPeak();

    /** p95 of cores used. */
    @Description("95th percentile of CPU use in the window, in cores")
    double getCpuCoresP95();

    /** Cores available. */
    @Description("Cores the process may use (cgroup quota or machine), latest")
    double getAvailableCores();

    /** Low end of the recommended cores. */
    @Description("Fewest whole cores that keep the p95 at 65% of the cores; 0: not enough data")
    long getRecommendedCoresLow();

    /** High end of the recommended cores. */
    @Description("Whole cores that also fit the peak at 90% of the cores; 0: not enough data")
    long getRecommendedCoresHigh();

    /** Peak of heap after GC. */
    @Description("Largest heap used after GC in the window, bytes")
    double getHeapAfterGcPeakBytes();

    /** p95 of heap after GC. */
    @Description("95th percentile of heap used after GC in the window, bytes")
    double getHeapAfterGcP95Bytes();

    /** Max heap. */
    @Description("Maximum heap size, bytes, latest")
    double getHeapMaxBytes();

    /** Recommended max heap. */
    @Description("Recommended max heap: max(3 x p95, 1.5 x peak) of heap after GC, rounded up, bytes")
    double getRecommendedHeapMaxBytes();
}
