package dev.attune.tuner.report.jmx;

/** {@code dev.attune:type=Agent}: the agent itself. */
@Description("Attune agent: version, state, configuration source and event counts")
public interface AgentMXBean {

    /** The agent's version. */
    @Description("Attune agent version")
    String getVersion();

    /** Seconds since the agent started. */
    @Description("Seconds since the agent started")
    long getUptimeSeconds();

    /** True while the agent records. */
    @Description("True while the agent is recording")
    boolean isEnabled();

    /** Where the configuration came from. */
    @Description("Where the configuration came from (file, environment, system properties, defaults)")
    String getConfigSource();

    /** Problems found in the configuration, one line each. */
    @Description("Problems found in the configuration: what was skipped and why")
    String[] getConfigProblems();

    /** Method patterns in force. */
    @Description("Method patterns in force (attune.methods)")
    String[] getMethodPatterns();

    /** Seconds in one aggregation interval. */
    @Description("Length of one aggregation interval, in seconds")
    double getIntervalSeconds();

    /** Events read from the ring buffers into histograms since start. */
    @Description("Events recorded into histograms since start")
    long getEventsRecorded();

    /** Events dropped because a ring buffer was full, since start. */
    @Description("Events dropped because a ring buffer was full, since start")
    long getEventsDropped();

    /** Methods timed so far. */
    @Description("Number of methods instrumented for timing")
    int getMethodsTimed();

    /** Classes instrumented so far. */
    @Description("Number of classes instrumented")
    long getClassesInstrumented();

    /** Classes that could not be instrumented. */
    @Description("Number of classes that failed to instrument (see the log)")
    long getInstrumentationErrors();

    /** Total ring buffer capacity in bytes. */
    @Description("Total ring buffer capacity, in bytes")
    long getRingBufferBytes();

    /** Every called method, a line each, most calls first. */
    @Description("Every called method, most calls first: total calls, errors, p50/p90/p99/max since start in"
            + " microseconds, calls in the last interval (counts_only: no percentiles, for want of memory)")
    String[] getMethodTable();
}
