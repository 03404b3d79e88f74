package dev.attune.tuner.report.jmx;

/** {@code dev.attune:type=ThreadPool,name=<pool>}: one thread pool's sizes, signals and last decision. */
@Description("One thread pool: current and original sizes, last control period's signals, the tuner's last decision")
public interface ThreadPoolMXBean {

    @Description("Pool name (from its threads' names, or configured with attune.pool.<name>.match)")
    String getName();

    @Description("Class of the pool")
    String getPoolClass();

    @Description("Core size now")
    int getCoreSize();

    @Description("Maximum size now")
    int getMaxSize();

    @Description("Core size the application gave the pool")
    int getOriginalCoreSize();

    @Description("Maximum size the application gave the pool")
    int getOriginalMaxSize();

    @Description("Live threads at the end of the last control period")
    int getThreads();

    @Description("Threads running a task at the end of the last control period")
    int getActiveThreads();

    @Description("Tasks waiting in the queue at the end of the last control period")
    int getQueueLength();

    @Description("True when the queue is unbounded, so only the core size matters")
    boolean isQueueUnbounded();

    @Description("Tasks submitted per second over the last control period")
    double getArrivalsPerSec();

    @Description("Tasks completed per second over the last control period")
    double getCompletedPerSec();

    @Description("Tasks rejected in the last control period")
    long getRejected();

    @Description("Tasks rejected since the pool was found")
    long getTotalRejected();

    @Description("Busy thread time over threads x period, 0..1, last control period")
    double getUtilization();

    @Description("Median queue wait (submit to start) of the last control period, milliseconds")
    double getQueueWaitP50Millis();

    @Description("p99 queue wait (submit to start) of the last control period, milliseconds")
    double getQueueWaitP99Millis();

    @Description("Median task run time of the last control period, milliseconds")
    double getRunP50Millis();

    @Description("p99 task run time of the last control period, milliseconds")
    double getRunP99Millis();

    @Description("Share of the pool threads' busy time spent blocked or waiting rather than on CPU, 0..1 (-1: unknown)")
    double getBlockedShare();

    @Description("The tuner's last decision: hold, grow, shrink or revert, with sizes")
    String getLastDecision();

    @Description("Why the tuner decided so, with its evidence")
    String getLastReason();

    @Description("The mode in force for this pool: off, advise or auto")
    String getMode();

    @Description("True when tuning of this pool is switched on")
    boolean isTuningEnabled();

    @Description("Pinned core size, or 0 when not pinned")
    int getPinnedSize();
}
