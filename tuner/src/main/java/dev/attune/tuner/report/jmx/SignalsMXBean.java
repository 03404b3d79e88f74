package dev.attune.tuner.report.jmx;

/**
 * {@code dev.attune:type=Signals}: the process signals of the last interval (JFR and the OS), the stress
 * breaker's state and the right-sizing sentence. The unit is in each name; a figure never measured (no source,
 * or not on this platform) reads NaN for a decimal and -1 for a whole number.
 */
@Description("Process signals of the last interval (JFR, OS), the stress breaker and the right-sizing"
        + " recommendation; NaN or -1: not measured")
public interface SignalsMXBean {

    /** Length of the last interval, seconds. */
    @Description("Length of the last interval, in seconds")
    double getIntervalSeconds();

    /** Process CPU in cores. */
    @Description("This process's CPU in the last interval, in cores (1.0 = one core busy); NaN: not measured")
    double getProcessCpuCores();

    /** Cores the process may use. */
    @Description("Cores this process may use: the cgroup CPU quota, else the machine's logical processors; NaN: not measured")
    double getAvailableCores();

    /** Process CPU over cores available. */
    @Description("Process CPU over cores available, 0..1 (what the stress breaker watches); NaN: not measured")
    double getProcessCpuOfAvailableRatio();

    /** JVM CPU as a share of the machine (JFR). */
    @Description("JVM user + system CPU as a share of the whole machine, 0..1 (JFR jdk.CPULoad); NaN: not measured")
    double getJvmCpuLoadRatio();

    /** Machine CPU as a share of the machine (OS). */
    @Description("Whole-machine CPU as a share of the machine, 0..1 (OS); NaN: not measured")
    double getSystemCpuLoadRatio();

    /** One-minute load average. */
    @Description("One-minute load average of the machine, runnable threads; NaN: not measured")
    double getLoadAverage1Min();

    /** GC pause time per second. */
    @Description("GC pause time per second of the last interval, milliseconds per second; NaN: not measured")
    double getGcPauseMillisPerSec();

    /** GC pauses in the last interval. */
    @Description("GC pauses in the last interval; -1: not measured")
    long getGcPauseCount();

    /** Longest GC pause in the last interval. */
    @Description("Longest GC pause in the last interval, milliseconds; NaN: not measured")
    double getGcPauseMaxMillis();

    /** Heap used after the last GC. */
    @Description("Heap used after the last GC, bytes; -1: no GC seen yet")
    long getHeapAfterGcBytes();

    /** Max heap. */
    @Description("Maximum heap size, bytes; -1: not measured")
    long getHeapMaxBytes();

    /** Heap after GC over max heap. */
    @Description("Heap used after the last GC over the max heap, 0..1 (what the stress breaker watches); NaN: not measured")
    double getHeapAfterGcOfMaxRatio();

    /** Allocation rate. */
    @Description("Bytes allocated per second in the last interval (estimated from JFR allocation samples); NaN: not measured")
    double getAllocationBytesPerSec();

    /** Contended monitor enters in the last interval. */
    @Description("Contended monitor enters above the JFR threshold in the last interval; -1: not measured")
    long getMonitorBlockedCount();

    /** Time blocked on monitors per second. */
    @Description("Time threads spent blocked entering contended monitors, milliseconds per second; NaN: not measured")
    double getMonitorBlockedMillisPerSec();

    /** Thread parks in the last interval. */
    @Description("Thread parks above the JFR threshold in the last interval; -1: not measured")
    long getThreadParkCount();

    /** Time parked per second. */
    @Description("Time threads spent parked (locks, queues), milliseconds per second; NaN: not measured")
    double getThreadParkMillisPerSec();

    /** Safepoints in the last interval. */
    @Description("Safepoints in the last interval; -1: not measured")
    long getSafepointCount();

    /** Time in safepoints per second. */
    @Description("Time the JVM spent in safepoints, milliseconds per second; NaN: not measured")
    double getSafepointMillisPerSec();

    /** Live threads. */
    @Description("Live Java threads; -1: not measured")
    long getLiveThreadCount();

    /** Voluntary context switches per second. */
    @Description("Voluntary context switches of this process per second (waits for I/O or locks); NaN: not measured")
    double getContextSwitchesVoluntaryPerSec();

    /** Involuntary context switches per second. */
    @Description("Involuntary context switches of this process per second (preempted: CPU contention); NaN: not measured")
    double getContextSwitchesInvoluntaryPerSec();

    /** Resident set size. */
    @Description("Resident set size of this process, bytes; -1: not measured")
    long getResidentMemoryBytes();

    /** Memory available on the machine. */
    @Description("Memory available to new work on the machine, bytes; -1: not measured")
    long getAvailableMemoryBytes();

    /** The cgroup memory limit. */
    @Description("The cgroup memory limit, bytes; -1: none or not measured")
    long getMemoryLimitBytes();

    /** Open file descriptors. */
    @Description("Open file descriptors of this process; -1: not measured")
    long getOpenFileDescriptorCount();

    /** Execution samples in the last interval. */
    @Description("Execution samples taken in the last interval (behind dev.attune:type=HotMethods)")
    long getExecutionSampleCount();

    /** True while the stress breaker is open. */
    @Description("True while the stress breaker is open: sampling and tuning are paused")
    boolean isBreakerOpen();

    /** Why the breaker is open. */
    @Description("Why the stress breaker is open (monitor, threshold, intervals), or 'closed'")
    String getBreakerReason();

    /** Times the breaker opened. */
    @Description("Times the stress breaker has opened since start")
    long getBreakerOpenCount();

    /** True while the signals are on. */
    @Description("True while the process signals (JFR events, OS counters) are on; set false to pause them all "
            + "live (the recording stays open, idle), true to resume. Refused when attune.jmx.readOnly=true")
    boolean isEnabled();

    /** Switches the signals on or off. */
    void setEnabled(boolean enabled);

    /** The right-sizing sentence. */
    @Description("Right-sizing recommendation over the window (figures behind it: dev.attune:type=RightSizing)")
    String getRightSizingRecommendation();
}
