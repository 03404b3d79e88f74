package dev.attune.tuner.report.jmx;

/**
 * The published figures of one pool behind {@link ThreadPoolMXBean}: written by the agent thread once a
 * control period, read by JMX threads. Each field is volatile and read alone.
 */
public final class ThreadPoolView implements ThreadPoolMXBean {

    private final String name;
    private final String poolClass;
    private volatile int originalCore;
    private volatile int originalMax;
    private final boolean queueUnbounded;
    volatile int coreSize;
    volatile int maxSize;
    volatile int threads;
    volatile int active;
    volatile int queued;
    volatile double arrivalsPerSec;
    volatile double completedPerSec;
    volatile long rejected;
    volatile long totalRejected;
    volatile double utilization;
    volatile double waitP50Millis;
    volatile double waitP99Millis;
    volatile double runP50Millis;
    volatile double runP99Millis;
    volatile double blockedShare = -1;
    volatile String lastDecision = "none yet";
    volatile String lastReason = "";
    volatile String mode = "";
    volatile boolean tuningEnabled = true;
    volatile int pinnedSize;

    /** Creates the view of a pool found with these sizes. */
    public ThreadPoolView(String name, String poolClass, int originalCore, int originalMax, boolean queueUnbounded) {
        this.name = name;
        this.poolClass = poolClass;
        this.originalCore = originalCore;
        this.originalMax = originalMax;
        this.queueUnbounded = queueUnbounded;
        this.coreSize = originalCore;
        this.maxSize = originalMax;
    }

    /** The application resized the pool itself: these are now its own sizes. Agent thread only. */
    public void applicationSizes(int core, int max) {
        originalCore = core;
        originalMax = max;
    }

    /** Publishes the sizes and counts read from the pool. Agent thread only. */
    public void sizes(int core, int max, int threadCount, int activeCount, int queueLength) {
        coreSize = core;
        maxSize = max;
        threads = threadCount;
        active = activeCount;
        queued = queueLength;
    }

    /** Publishes the interval's rates and times. Agent thread only. */
    public void signals(double arrivals, double completed, long rejectedInInterval, long rejectedTotal,
                        double busyShare, long waitP50Nanos, long waitP99Nanos, long runP50Nanos, long runP99Nanos,
                        double blocked) {
        arrivalsPerSec = arrivals;
        completedPerSec = completed;
        rejected = rejectedInInterval;
        totalRejected = rejectedTotal;
        utilization = busyShare;
        waitP50Millis = waitP50Nanos / 1e6;
        waitP99Millis = waitP99Nanos / 1e6;
        runP50Millis = runP50Nanos / 1e6;
        runP99Millis = runP99Nanos / 1e6;
        blockedShare = Double.isNaN(blocked) ? -1 : blocked;
    }

    /** Publishes the last decision and the control state. Agent thread only. */
    public void decision(String decision, String reason, String modeInForce, boolean enabled, int pinned) {
        lastDecision = decision;
        lastReason = reason;
        mode = modeInForce;
        tuningEnabled = enabled;
        pinnedSize = pinned;
    }

    @Override public String getName() { return name; }
    @Override public String getPoolClass() { return poolClass; }
    @Override public int getCoreSize() { return coreSize; }
    @Override public int getMaxSize() { return maxSize; }
    @Override public int getOriginalCoreSize() { return originalCore; }
    @Override public int getOriginalMaxSize() { return originalMax; }
    @Override public int getThreads() { return threads; }
    @Override public int getActiveThreads() { return active; }
    @Override public int getQueueLength() { return queued; }
    @Override public boolean isQueueUnbounded() { return queueUnbounded; }
    @Override public double getArrivalsPerSec() { return arrivalsPerSec; }
    @Override public double getCompletedPerSec() { return completedPerSec; }
    @Override public long getRejected() { return rejected; }
    @Override public long getTotalRejected() { return totalRejected; }
    @Override public double getUtilization() { return utilization; }
    @Override public double getQueueWaitP50Millis() { return waitP50Millis; }
    @Override public double getQueueWaitP99Millis() { return waitP99Millis; }
    @Override public double getRunP50Millis() { return runP50Millis; }
    @Override public double getRunP99Millis() { return runP99Millis; }
    @Override public double getBlockedShare() { return blockedShare; }
    @Override public String getLastDecision() { return lastDecision; }
    @Override public String getLastReason() { return lastReason; }
    @Override public String getMode() { return mode; }
    @Override public boolean isTuningEnabled() { return tuningEnabled; }
    @Override public int getPinnedSize() { return pinnedSize; }
}
