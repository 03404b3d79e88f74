package dev.attune.tuner.report.jmx;

/** {@code dev.attune:type=Method,name=<Class#method>}: the timings of one method. */
@Description("Timings of one method: last interval, and since start (Total...)")
public interface MethodMXBean {

    /** The method, {@code Class#method}. */
    @Description("The timed method, Class#method (overloads together)")
    String getMethod();

    /** Calls in the last interval. */
    @Description("Calls completed in the last interval")
    long getCount();

    /** Calls that threw in the last interval. */
    @Description("Calls that ended by an exception in the last interval")
    long getErrors();

    /** Calls per second in the last interval. */
    @Description("Calls per second in the last interval")
    double getThroughputPerSec();

    /** Mean duration in the last interval, microseconds. */
    @Description("Mean duration in the last interval, microseconds")
    double getMeanMicros();

    /** Median in the last interval, microseconds. */
    @Description("Median duration in the last interval, microseconds")
    double getP50Micros();

    /** 90th percentile in the last interval, microseconds. */
    @Description("90th percentile duration in the last interval, microseconds")
    double getP90Micros();

    /** 99th percentile in the last interval, microseconds. */
    @Description("99th percentile duration in the last interval, microseconds")
    double getP99Micros();

    /** 99.9th percentile in the last interval, microseconds. */
    @Description("99.9th percentile duration in the last interval, microseconds")
    double getP999Micros();

    /** Longest call in the last interval, microseconds. */
    @Description("Longest duration in the last interval, microseconds")
    double getMaxMicros();

    /** Calls since start. */
    @Description("Calls completed since start")
    long getTotalCount();

    /** Calls that threw since start. */
    @Description("Calls that ended by an exception since start")
    long getTotalErrors();

    /** Calls per second since start. */
    @Description("Calls per second since start")
    double getTotalThroughputPerSec();

    /** Mean since start, microseconds. */
    @Description("Mean duration since start, microseconds")
    double getTotalMeanMicros();

    /** Median since start, microseconds. */
    @Description("Median duration since start, microseconds")
    double getTotalP50Micros();

    /** 90th percentile since start, microseconds. */
    @Description("90th percentile duration since start, microseconds")
    double getTotalP90Micros();

    /** 99th percentile since start, microseconds. */
    @Description("99th percentile duration since start, microseconds")
    double getTotalP99Micros();

    /** 99.9th percentile since start, microseconds. */
    @Description("99.9th percentile duration since start, microseconds")
    double getTotalP999Micros();

    /** Longest call since start, microseconds. */
    @Description("Longest duration since start, microseconds")
    double getTotalMaxMicros();
}
