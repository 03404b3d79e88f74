package dev.attune.tuner.aggregate;

import org.HdrHistogram.AbstractHistogram;

/**
 * The published figures of one timed method: last interval and since start, in nanoseconds.
 *
 * <p>Written only by the agent thread at each interval roll, read by any thread (JMX, alerts, log).
 * Each field is volatile and read alone, so a reader sees each figure whole; a JMX client reads
 * attributes one by one anyway, so no snapshot across fields is promised.
 */
public final class MethodFigures {

    private final String name;

    private volatile long count;
    private volatile long errors;
    private volatile double throughputPerSec;
    private volatile double meanNanos;
    private volatile long p50Nanos;
    private volatile long p90Nanos;
    private volatile long p99Nanos;
    private volatile long p999Nanos;
    private volatile long maxNanos;

    private volatile long totalCount;
    private volatile long totalErrors;
    private volatile double totalThroughputPerSec;
    private volatile double totalMeanNanos;
    private volatile long totalP50Nanos;
    private volatile long totalP90Nanos;
    private volatile long totalP99Nanos;
    private volatile long totalP999Nanos;
    private volatile long totalMaxNanos;

    private volatile double recentCalls;
    private volatile boolean countsOnly;

    MethodFigures(String name) {
        this.name = name;
    }

    /**
     * Publishes the figures of the interval just ended and of the whole run. Agent thread only. A null
     * histogram means the figures come from the counts alone (counts, mean and max; percentiles 0); a null
     * {@code total} when the interval had no calls leaves the total's figures as they were.
     */
    void publish(AbstractHistogram interval, CallCounts intervalCounts, double intervalSeconds,
                 AbstractHistogram total, CallCounts totalCounts, double secondsSinceStart) {
        long n = intervalCounts.calls;
        count = n;
        errors = intervalCounts.errors;
        throughputPerSec = intervalSeconds > 0 ? n / intervalSeconds : 0;
        boolean h = interval != null && n > 0;
        meanNanos = h ? interval.getMean() : intervalCounts.meanNanos();
        p50Nanos = h ? interval.getValueAtPercentile(50) : 0;
        p90Nanos = h ? interval.getValueAtPercentile(90) : 0;
        p99Nanos = h ? interval.getValueAtPercentile(99) : 0;
        p999Nanos = h ? interval.getValueAtPercentile(99.9) : 0;
        maxNanos = h ? interval.getMaxValue() : intervalCounts.maxNanos;
        recentCalls = (recentCalls + n) / 2;

        long t = totalCounts.calls;
        totalCount = t;
        totalErrors = totalCounts.errors;
        totalThroughputPerSec = secondsSinceStart > 0 ? t / secondsSinceStart : 0;
        if (total != null && t > 0) {
            totalMeanNanos = total.getMean();
            totalP50Nanos = total.getValueAtPercentile(50);
            totalP90Nanos = total.getValueAtPercentile(90);
            totalP99Nanos = total.getValueAtPercentile(99);
            totalP999Nanos = total.getValueAtPercentile(99.9);
            totalMaxNanos = total.getMaxValue();
        } else if (n > 0) { // counts only: no percentile is known
            totalMeanNanos = totalCounts.meanNanos();
            totalP50Nanos = 0;
            totalP90Nanos = 0;
            totalP99Nanos = 0;
            totalP999Nanos = 0;
            totalMaxNanos = totalCounts.maxNanos;
        }
    }

    /** Says the method no longer has histograms: from the next roll on, its percentiles are 0. */
    void countsOnly() {
        countsOnly = true;
    }

    /** True once the method keeps counts, mean and max only (the agent's memory budget was spent). */
    public boolean isCountsOnly() {
        return countsOnly;
    }

    /** Calls an interval, recent intervals weighing most (each interval halves the weight of those before). */
    public double recentCalls() {
        return recentCalls;
    }

    /** The method's name, {@code Class#method}. */
    public String name() {
        return name;
    }

    /** Calls completed in the last interval. */
    public long count() {
        return count;
    }

    /** Calls that ended by a throwable in the last interval. */
    public long errors() {
        return errors;
    }

    /** Calls per second in the last interval. */
    public double throughputPerSec() {
        return throughputPerSec;
    }

    /** Mean duration in the last interval. */
    public double meanNanos() {
        return meanNanos;
    }

    /** Median duration in the last interval. */
    public long p50Nanos() {
        return p50Nanos;
    }

    /** 90th percentile duration in the last interval. */
    public long p90Nanos() {
        return p90Nanos;
    }

    /** 99th percentile duration in the last interval. */
    public long p99Nanos() {
        return p99Nanos;
    }

    /** 99.9th percentile duration in the last interval. */
    public long p999Nanos() {
        return p999Nanos;
    }

    /** Longest duration in the last interval. */
    public long maxNanos() {
        return maxNanos;
    }

    /** Calls completed since start. */
    public long totalCount() {
        return totalCount;
    }

    /** Calls that threw since start. */
    public long totalErrors() {
        return totalErrors;
    }

    /** Calls per second since start. */
    public double totalThroughputPerSec() {
        return totalThroughputPerSec;
    }

    /** Mean duration since start. */
    public double totalMeanNanos() {
        return totalMeanNanos;
    }

    /** Median duration since start. */
    public long totalP50Nanos() {
        return totalP50Nanos;
    }

    /** 90th percentile duration since start. */
    public long totalP90Nanos() {
        return totalP90Nanos;
    }

    /** 99th percentile duration since start. */
    public long totalP99Nanos() {
        return totalP99Nanos;
    }

    /** 99.9th percentile duration since start. */
    public long totalP999Nanos() {
        return totalP999Nanos;
    }

    /** Longest duration since start. */
    public long totalMaxNanos() {
        return totalMaxNanos;
    }
}
