package dev.attune.tuner.report.jmx;

/**
 * The published figures of one pool behind {@link ThreadPoolMXBean}: written by the agent thread once a control
 * period, read by JMX threads. Everything a reader sees comes from one immutable {@link Figures} behind one
 * volatile, so the sizes, rates and decision read together always belong to the same period.
 */
public final class ThreadPoolView implements ThreadPoolMXBean {

    /** One period's figures and control state of the pool. */
    record Figures(int originalCore, int originalMax, int core, int max, int threads, int active, int queued,
                   double arrivalsPerSec, double completedPerSec, long rejected, long totalRejected,
                   double utilization, double waitP50Millis, double waitP99Millis, double runP50Millis,
                   double runP99Millis, double blockedShare, String decision, String reason, String mode,
                   boolean enabled, int pinned) {
    }

    private final String name;
    private final String poolClass;
    private final boolean queueUnbounded;
    private volatile Figures figures;

    /** Creates the view of a pool found with these sizes. */
    public ThreadPoolView(String name, String poolClass, int originalCore, int originalMax, boolean queueUnbounded) {
        this.name = name;
        this.poolClass = poolClass;
        this.queueUnbounded = queueUnbounded;
        this.figures = new Figures(originalCore, originalMax, originalCore, originalMax, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, -1, "none yet", "", "", true, 0);
    }

    /** The application resized the pool itself: these are now its own sizes. Agent thread only. */
    public void applicationSizes(int core, int max) {
        Figures f = figures;
        figures = new Figures(core, max, f.core, f.max, f.threads, f.active, f.queued, f.arrivalsPerSec,
                f.completedPerSec, f.rejected, f.totalRejected, f.utilization, f.waitP50Millis, f.waitP99Millis,
                f.runP50Millis, f.runP99Millis, f.blockedShare, f.decision, f.reason, f.mode, f.enabled, f.pinned);
    }

    /** Publishes the period's sizes and counts read from the pool, and its rates and times. Agent thread only. */
    public void measured(int core, int max, int threadCount, int activeCount, int queueLength, double arrivals,
                         double completed, long rejectedInPeriod, long rejectedTotal, double busyShare,
                         long waitP50Nanos, long waitP99Nanos, long runP50Nanos, long runP99Nanos, double blocked) {
        Figures f = figures;
        figures = new Figures(f.originalCore, f.originalMax, core, max, threadCount, activeCount, queueLength,
                arrivals, completed, rejectedInPeriod, rejectedTotal, busyShare, waitP50Nanos / 1e6,
                waitP99Nanos / 1e6, runP50Nanos / 1e6, runP99Nanos / 1e6, Double.isNaN(blocked) ? -1 : blocked,
                f.decision, f.reason, f.mode, f.enabled, f.pinned);
    }

    /** Publishes the last decision and the control state. Agent thread only. */
    public void decision(String decision, String reason, String modeInForce, boolean enabled, int pinned) {
        Figures f = figures;
        figures = new Figures(f.originalCore, f.originalMax, f.core, f.max, f.threads, f.active, f.queued,
                f.arrivalsPerSec, f.completedPerSec, f.rejected, f.totalRejected, f.utilization, f.waitP50Millis,
                f.waitP99Millis, f.runP50Millis, f.runP99Millis, f.blockedShare, decision, reason, modeInForce,
                enabled, pinned);
    }

    @Override public String getName() { return name; }
    @Override public String getPoolClass() { return poolClass; }
    @Override public boolean isQueueUnbounded() { return queueUnbounded; }
    @Override public int getCoreSize() { return figures.core; }
    @Override public int getMaxSize() { return figures.max; }
    @Override public int getOriginalCoreSize() { return figures.originalCore; }
    @Override public int getOriginalMaxSize() { return figures.originalMax; }
    @Override public int getThreads() { return figures.threads; }
    @Override public int getActiveThreads() { return figures.active; }
    @Override public int getQueueLength() { return figures.queued; }
    @Override public double getArrivalsPerSec() { return figures.arrivalsPerSec; }
    @Override public double getCompletedPerSec() { return figures.completedPerSec; }
    @Override public long getRejected() { return figures.rejected; }
    @Override public long getTotalRejected() { return figures.totalRejected; }
    @Override public double getUtilization() { return figures.utilization; }
    @Override public double getQueueWaitP50Millis() { return figures.waitP50Millis; }
    @Override public double getQueueWaitP99Millis() { return figures.waitP99Millis; }
    @Override public double getRunP50Millis() { return figures.runP50Millis; }
    @Override public double getRunP99Millis() { return figures.runP99Millis; }
    @Override public double getBlockedShare() { return figures.blockedShare; }
    @Override public String getLastDecision() { return figures.decision; }
    @Override public String getLastReason() { return figures.reason; }
    @Override public String getMode() { return figures.mode; }
    @Override public boolean isTuningEnabled() { return figures.enabled; }
    @Override public int getPinnedSize() { return figures.pinned; }
}
