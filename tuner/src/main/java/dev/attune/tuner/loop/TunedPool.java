package dev.attune.tuner.loop;

import dev.attune.bootstrap.PoolProbe;
import dev.attune.tuner.act.PoolResizeActuator;
import dev.attune.tuner.act.Resize;
import dev.attune.tuner.act.TunerMode;
import dev.attune.tuner.act.QueueKind;
import dev.attune.tuner.aggregate.PoolAggregator;
import dev.attune.tuner.control.TunedResource;
import dev.attune.tuner.decide.PoolBounds;
import dev.attune.tuner.decide.PoolDecision;
import dev.attune.tuner.decide.PoolSample;
import dev.attune.tuner.decide.PoolSizeRule;
import dev.attune.tuner.report.jmx.ThreadPoolView;
import dev.attune.tuner.report.log.AgentLog;
import dev.attune.instrumentation.signals.RunQueueWaits;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import javax.management.ObjectName;

/**
 * One pool under the tuner: its probe, the sizes the application gave it, its rule and control state, and how one
 * control period's sample is measured. Agent thread only.
 *
 * <p>Measurement, once a period: size, active threads and queue length read from the pool; arrivals and
 * rejections from the probe's counters (advice on {@code execute} and {@code reject}); completed from the pool's
 * own count; queue wait and run time from the histograms of the task times the advice recorded; utilization as the
 * run time of the tasks that finished in the period over threads × period; blocked share as 1 − (CPU time of the
 * pool's worker threads over the same run time), CPU time read per worker thread from {@link ThreadMXBean}.
 *
 * <p>The application's own sizes are the baseline the tuner works from and returns to. A size the application
 * sets itself after the pool was found (one the agent did not set) becomes the new baseline: the tuner never
 * fights it.
 */
final class TunedPool extends TunedResource<PoolDecision> {

    final PoolProbe probe;
    final QueueKind queueKind;
    final String poolClass;
    private final boolean scheduled;
    /** The application's own core and maximum sizes: as found, or as it last set them itself. */
    int appCore;
    int appMax;
    /** Why the pool is observed but never resized, or null when it is tuned. */
    String untunedReason;
    PoolTuningSettings.PoolSettings settings;
    PoolSizeRule rule;
    ThreadPoolView view;
    ObjectName objectName;
    final SaturationAlert saturation = new SaturationAlert();
    /** The sizes the pool had when the agent last read or set them: anything else was set by the application. */
    private int seenCore;
    private int seenMax;
    private long lastCompleted;
    private long lastSubmitted;
    private long lastRejected;
    private int lastQueued;
    private Map<Long, Long> cpuByThread = new HashMap<>();
    private Map<Long, Long> runQueueByThread = new HashMap<>();

    TunedPool(PoolProbe probe, ThreadPoolExecutor pool) {
        super("pool");
        this.probe = probe;
        this.queueKind = QueueKind.of(pool);
        this.poolClass = pool.getClass().getName();
        this.scheduled = pool instanceof ScheduledThreadPoolExecutor;
        this.appCore = pool.getCorePoolSize();
        this.appMax = pool.getMaximumPoolSize();
        this.seenCore = appCore;
        this.seenMax = appMax;
        this.untunedReason = untunedReason();
        this.lastCompleted = pool.getCompletedTaskCount();
        this.lastSubmitted = probe.submitted.get();
        this.lastRejected = probe.rejected.get();
    }

    /** Why a pool with the application's current sizes is never resized, or null when it may be. */
    private String untunedReason() {
        if (queueKind == QueueKind.HAND_OFF) {
            // A direct hand-off never queues: a task starts a thread or is rejected, so the core size decides
            // nothing but how many idle threads stay.
            return "direct hand-off: tasks never wait in a queue, so the core size changes nothing";
        }
        if (appCore < 1) {
            return "core size 0: the application wants no thread kept";
        }
        if (appCore == 1 && (appMax == 1 || queueKind == QueueKind.UNBOUNDED)) {
            // Executors.newSingleThreadExecutor and newSingleThreadScheduledExecutor: the application may rely on
            // its tasks never overlapping and running in the order submitted.
            return "single thread: its tasks never overlap and run in the order submitted, which the application"
                    + " may rely on";
        }
        if (appCore >= PoolBounds.MAX_THREADS) {
            return "already at or above the " + PoolBounds.MAX_THREADS + " threads the tuner ever gives a pool";
        }
        return null;
    }

    boolean queueUnbounded() {
        return queueKind == QueueKind.UNBOUNDED;
    }

    /** Names the pool and sets up its rule and view from the settings. */
    void nameAs(String unique, PoolTuningSettings.PoolSettings configured, PoolTuningSettings global) {
        named(unique);
        this.settings = configured;
        this.rule = newRule(global);
        view = new ThreadPoolView(unique, poolClass, appCore, appMax, queueUnbounded());
    }

    private PoolSizeRule newRule(PoolTuningSettings global) {
        if (untunedReason != null) {
            return null;
        }
        PoolTuningSettings.PoolSettings s = settings;
        int min = Math.max(1, s != null && s.min() > 0 ? s.min() : appCore);
        int max = s != null && s.max() > 0 ? s.max() : PoolBounds.defaultMax(appCore, global.growthLimit());
        max = Math.min(PoolBounds.MAX_THREADS, Math.max(min, max));
        return new PoolSizeRule(new PoolBounds(Math.min(min, max), max, global.maxStepFactor(),
                global.cooldownPeriods(), global.minSamples(), s != null ? s.targetWaitNanos() : 0));
    }

    /**
     * Adopts sizes the application set itself since the agent last read or set them: they become the baseline,
     * the rule starts afresh from them (a pool that became a single-thread one is no longer tuned, and one that
     * stopped being one may now be). Returns the previous baseline as {@code "core/max"}, or null when the
     * application changed nothing.
     */
    String adoptApplicationSizes(ThreadPoolExecutor pool, PoolTuningSettings global) {
        int core = pool.getCorePoolSize();
        int max = pool.getMaximumPoolSize();
        if (core == seenCore && max == seenMax) {
            return null;
        }
        String before = appCore + "/" + appMax;
        // A scheduled pool's maximum is not the agent's to change, so a new one is the application's too.
        if (core != seenCore) {
            appCore = core;
        }
        if (max != seenMax || scheduled) {
            appMax = max;
        }
        seenCore = core;
        seenMax = max;
        untunedReason = untunedReason();
        applicationResized();
        if (name() != null) {
            rule = newRule(global);
            view.applicationSizes(appCore, appMax);
        }
        return before;
    }

    // ---- what the shared control step needs of a pool ----

    @Override
    protected TunerMode configuredMode() {
        return settings != null ? settings.mode() : null;
    }

    @Override
    protected String notTunedBecause() {
        return untunedReason;
    }

    @Override
    protected Resize resizeTo(long size) {
        return resize(size, appMax);
    }

    private Resize resize(long size, int max) {
        ThreadPoolExecutor pool = probe.pool();
        if (pool == null) {
            return new Resize(Resize.Outcome.FAILED, size, size, max, max);
        }
        int fromCore = pool.getCorePoolSize();
        int fromMax = pool.getMaximumPoolSize();
        PoolResizeActuator.Resized r = PoolResizeActuator.resizeTo(pool, (int) Math.min(Integer.MAX_VALUE, size), max);
        seenCore = r.core();
        seenMax = r.max();
        Resize.Outcome outcome = switch (r.outcome()) {
            case APPLIED -> Resize.Outcome.APPLIED;
            case UNCHANGED -> Resize.Outcome.UNCHANGED;
            case FAILED -> Resize.Outcome.FAILED;
        };
        return new Resize(outcome, fromCore, r.core(), fromMax, r.max());
    }

    @Override
    protected Resize advised(PoolDecision d) {
        ThreadPoolExecutor pool = probe.pool();
        int max = pool == null ? appMax : pool.getMaximumPoolSize();
        return Resize.advised(d.fromSize(), d.toSize(), max, Math.max(d.toSize(), appMax));
    }

    @Override
    protected Resize revertToOwn() {
        return resize(appCore, appMax);
    }

    @Override
    protected String ownSizes() {
        return appCore + "/" + appMax;
    }

    @Override
    protected String pinRefused(long size) {
        if (size > rule.bounds().max()) {
            return size + " is above " + name() + "'s tuning maximum of " + rule.bounds().max()
                    + " (attune.pool.<name>.max raises it, up to " + PoolBounds.MAX_THREADS + ")";
        }
        return null;
    }

    @Override
    protected void notApplied(PoolDecision d) {
        if (rule != null) {
            rule.notApplied(d);
        }
    }

    @Override
    protected void interrupted() {
        if (rule != null) {
            rule.interrupted();
        }
    }

    @Override
    protected String refusal() {
        return "the pool refused (shut down, or resized by the application at the same time)";
    }

    @Override
    protected void describe(AgentLog.Line line, Resize r) {
        line.kv("old_core", r.from()).kv("new_core", r.to()).kv("old_max", r.fromLimit()).kv("new_max", r.toLimit());
    }

    @Override
    protected String sizeKey() {
        return "core";
    }

    @Override
    protected void show(String decision, String reason, TunerMode mode, boolean enabled, long pinned) {
        view.decision(decision, reason, mode.key(), enabled, (int) pinned);
    }

    /** Measures the control period just ended ({@code seconds} long) and publishes it on the view. */
    PoolSample measure(ThreadPoolExecutor pool, PoolAggregator.PoolTimes t, double seconds, double sloP99Nanos,
                       ThreadMXBean threads, RunQueueWaits runQueue, long[] scratch) {
        int core = pool.getCorePoolSize();
        int max = pool.getMaximumPoolSize();
        int live = pool.getPoolSize();
        int active = pool.getActiveCount();
        int queued = pool.getQueue().size();
        long completedTotal = pool.getCompletedTaskCount();
        long submittedTotal = probe.submitted.get();
        long rejectedTotal = probe.rejected.get();
        double arrivals = (submittedTotal - lastSubmitted) / seconds;
        double completed = (completedTotal - lastCompleted) / seconds;
        long rejected = rejectedTotal - lastRejected;
        int queuedBefore = lastQueued;
        lastSubmitted = submittedTotal;
        lastCompleted = completedTotal;
        lastRejected = rejectedTotal;
        lastQueued = queued;
        double utilization = live == 0 ? 0 : Math.min(1, t.busyNanos() / (live * seconds * 1e9));
        double blocked = blockedShare(t.busyNanos(), threads, runQueue, scratch);
        view.measured(core, max, live, active, queued, arrivals, completed, rejected, rejectedTotal, utilization,
                t.waitP50Nanos(), t.waitP99Nanos(), t.runP50Nanos(), t.runP99Nanos(), blocked);
        return new PoolSample(core, max, live, queued, queuedBefore, queueUnbounded(), arrivals, completed, rejected,
                t.waitP99Nanos(), t.runMeanNanos(), utilization, blocked, sloP99Nanos);
    }

    /**
     * 1 − (CPU time + time waiting for a CPU) over busy time: the share of busy time truly blocked. The wait for a
     * CPU is read for the workers whose native thread is known and scaled to the others by their CPU time; where
     * it is known for none, off-CPU time counts as blocked (the rule then asks more of it on a busy machine).
     */
    private double blockedShare(double busyNanos, ThreadMXBean threads, RunQueueWaits runQueue, long[] scratch) {
        boolean cpuTimes = threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();
        int n = probe.workerIds(scratch);
        double cpuDelta = 0;
        double waitDelta = 0;
        double cpuOfWaitsKnown = 0;
        Map<Long, Long> seenCpu = new HashMap<>(n * 2);
        Map<Long, Long> seenWait = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            long tid = scratch[i];
            long cpu = cpuTimes ? threads.getThreadCpuTime(tid) : 0;
            if (cpu < 0) {
                probe.forgetWorker(tid); // the thread has ended
                runQueue.forget(tid);
                continue;
            }
            Long before = cpuByThread.get(tid);
            long cpuDone = before == null ? 0 : cpu - before;
            cpuDelta += cpuDone;
            seenCpu.put(tid, cpu);
            String name = null;
            if (runQueue.needsName(tid)) {
                ThreadInfo info = threads.getThreadInfo(tid);
                name = info == null ? null : info.getThreadName();
            }
            long waited = runQueue.waitedNanos(tid, name);
            Long waitedBefore = runQueueByThread.get(tid);
            if (waited >= 0) {
                seenWait.put(tid, waited);
                if (waitedBefore != null && before != null) {
                    waitDelta += waited - waitedBefore;
                    cpuOfWaitsKnown += cpuDone;
                }
            }
        }
        runQueue.rescan();
        cpuByThread = seenCpu;
        runQueueByThread = seenWait;
        if (busyNanos <= 0 || !cpuTimes) {
            return Double.NaN;
        }
        double waitForCpu = cpuOfWaitsKnown > 0 ? waitDelta * cpuDelta / cpuOfWaitsKnown : 0;
        return Math.max(0, Math.min(1, 1 - (cpuDelta + waitForCpu) / busyNanos));
    }
}
