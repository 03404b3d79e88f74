package dev.attune.tuner.aggregate;

import org.HdrHistogram.Histogram;

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

    MethodFigures(String name) {
        this.name = name;
    }

    /** Publishes the figures of the interval just ended and of the whole run. Agent thread only. */
    void publish(Histogram interval, long intervalErrors, double intervalSeconds,
                 Histogram total, long errorsSinceStart, double secondsSinceStart) {
        long n = interval.getTotalCount();
        count = n;
        errors = intervalErrors;
        throughputPerSec = intervalSeconds > 0 ? n / intervalSeconds : 0;
        meanNanos = n > 0 ? interval.getMean() : 0;
        p50Nanos = n > 0 ? interval.getValueAtPercentile(50) : 0;
        p90Nanos = n > 0 ? interval.getValueAtPercentile(90) : 0;
        p99Nanos = n > 0 ? interval.getValueAtPercentile(99) : 0;
        p999Nanos = n > 0 ? interval.getValueAtPercentile(99.9) : 0;
        maxNanos = n > 0 ? interval.getMaxValue() : 0;

        long t = total.getTotalCount();
        totalCount = t;
        totalErrors = errorsSinceStart;
        totalThroughputPerSec = secondsSinceStart > 0 ? t / secondsSinceStart : 0;
        totalMeanNanos = t > 0 ? total.getMean() : 0;
        totalP50Nanos = t > 0 ? total.getValueAtPercentile(50) : 0;
        totalP90Nanos = t > 0 ? total.getValueAtPercentile(90) : 0;
        totalP99Nanos = t > 0 ? total.getValueAtPercentile(99) : 0;
        totalP999Nanos = t > 0 ? total.getValueAtPercentile(99.9) : 0;
        totalMaxNanos = t > 0 ? total.getMaxValue() : 0;
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
