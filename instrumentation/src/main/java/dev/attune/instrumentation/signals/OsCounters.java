package dev.attune.instrumentation.signals;

/**
 * One source of raw OS figures (OSHI, or the JDK's own), read once an interval on the agent thread.
 * A negative or NaN figure means this source cannot give it here.
 */
interface OsCounters {

    /** Short name for problem reports: "oshi" or "jdk". */
    String source();

    /** Reads what the figures below share (the process's {@code /proc} files); may throw. */
    void refresh();

    /** CPU time of this process since it started, in nanoseconds. */
    long processCpuNanos();

    /** Whole-machine CPU busy share (0..1) since the previous call. */
    double systemCpuLoad();

    /** One-minute load average. */
    double loadAverage();

    /** Resident set size of this process in bytes. */
    long residentBytes();

    /** Memory available to new work on the machine, in bytes. */
    long availableBytes();

    /** Open file descriptors of this process. */
    long openFileDescriptors();

    /** Where this source reads context switches from. */
    ContextSwitches contextSwitches();
}
