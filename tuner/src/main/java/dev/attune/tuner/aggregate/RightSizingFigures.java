package dev.attune.tuner.aggregate;

/**
 * What {@link RightSizingWindow} holds now: peak and p95 of cores used and of heap after GC over the window,
 * against the latest cores available and max heap. NaN means not measured in the window.
 *
 * @param cpuSamples       entries of the window with a CPU figure
 * @param heapSamples      entries of the window with a heap-after-GC figure
 * @param coveredSeconds   time from the oldest to the newest entry of the window
 * @param windowSeconds    the window's configured length
 * @param cpuCoresPeak     the largest CPU use, in cores
 * @param cpuCoresP95      the 95th percentile of CPU use, in cores
 * @param coresAvailable   cores the process may use, latest
 * @param heapAfterGcPeakBytes the largest heap after GC
 * @param heapAfterGcP95Bytes  the 95th percentile of heap after GC
 * @param heapMaxBytes     the max heap, latest
 */
public record RightSizingFigures(int cpuSamples, int heapSamples, double coveredSeconds, double windowSeconds,
                                 double cpuCoresPeak, double cpuCoresP95, double coresAvailable,
                                 double heapAfterGcPeakBytes, double heapAfterGcP95Bytes, double heapMaxBytes) {
}
