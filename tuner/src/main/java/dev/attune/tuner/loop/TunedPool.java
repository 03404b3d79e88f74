package dev.attune.tuner.loop;

import dev.attune.bootstrap.PoolProbe;
import dev.attune.tuner.act.PoolResizeActuator;
import dev.attune.tuner.aggregate.PoolAggregator;
import dev.attune.tuner.decide.PoolBounds;
import dev.attune.tuner.decide.PoolDecision;
import dev.attune.tuner.decide.PoolSample;
import dev.attune.tuner.decide.PoolSizeRule;
import dev.attune.tuner.report.jmx.ThreadPoolView;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;
import javax.management.ObjectName;

/**
 * One pool under the tuner: its probe, the sizes the application gave it, its rule and control state, and how one
 * interval's sample is measured. Agent thread only.
 *
 * <p>Measurement, once an interval: size, active threads and queue length read from the pool; arrivals and
 * rejections from the probe's counters (advice on {@code execute} and {@code reject}); completed from the pool's
 * own count; queue wait and run time from the histograms of the task times the advice recorded; utilization as the
 * run time of the tasks that finished in the interval over threads × interval; blocked share as 1 − (CPU time of
 * the pool's worker threads over the same run time), CPU time read per worker thread from {@link ThreadMXBean}.
 */
final class TunedPool {

    final PoolProbe probe;
    final int originalCore;
    final int originalMax;
    final boolean queueUnbounded;
    /** {@code bounded}, {@code unbounded} or {@code hand-off} (a queue that holds nothing), for the log. */
    final String queueKind;
    final String poolClass;
    /** Why the pool is observed but never resized, or null when it is tuned. */
    final String notTunedBecause;
    String name;
    PoolTuningSettings.PoolSettings settings;
    PoolSizeRule rule;
    ThreadPoolView view;
    ObjectName objectName;
    boolean enabled = true;
    int pinned;
    PoolDecision lastAdvice;
    boolean failed;
    final SaturationAlert saturation = new SaturationAlert();
    private long lastCompleted;
    private long lastSubmitted;
    private long lastRejected;
    private Map<Long, Long> cpuByThread = new HashMap<>();

    TunedPool(PoolProbe probe, ThreadPoolExecutor pool) {
        this.probe = probe;
        this.originalCore = pool.getCorePoolSize();
        this.originalMax = pool.getMaximumPoolSize();
        this.queueUnbounded = PoolResizeActuator.queueUnbounded(pool);
        this.poolClass = pool.getClass().getName();
        // A direct hand-off (SynchronousQueue) never queues: a task starts a thread or is rejected, so the core size
        // decides nothing but how many idle threads stay. A core size of 0 has no "own size" to fall back to.
        boolean handOff = !queueUnbounded && pool.getQueue().remainingCapacity() == 0 && pool.getQueue().isEmpty();
        this.queueKind = queueUnbounded ? "unbounded" : handOff ? "hand-off" : "bounded";
        this.notTunedBecause = handOff ? "direct hand-off: tasks never wait in a queue, so the core size changes nothing"
                : originalCore < 1 ? "core size 0: the application wants no thread kept" : null;
        this.lastCompleted = pool.getCompletedTaskCount();
        this.lastSubmitted = probe.submitted.get();
        this.lastRejected = probe.rejected.get();
    }

    /** Names the pool and sets up its rule and view from the settings; {@code thread} is one of its workers. */
    void name(String unique, PoolTuningSettings.PoolSettings configured, PoolTuningSettings global) {
        this.name = unique;
        this.settings = configured;
        int min = Math.max(1, configured != null && configured.min() > 0 ? configured.min() : originalCore);
        int max = configured != null && configured.max() > 0 ? configured.max()
                : Math.max(min + 1, Math.min(PoolBounds.MAX_THREADS, Math.max(1, originalCore) * global.growthLimit()));
        long target = configured != null ? configured.targetWaitNanos() : 0;
        if (notTunedBecause == null) {
            rule = new PoolSizeRule(new PoolBounds(min, Math.max(min, max), global.maxStep(),
                    global.cooldownIntervals(), global.minSamples(), target));
        }
        view = new ThreadPoolView(name, poolClass, originalCore, originalMax, queueUnbounded);
    }

    /** Measures the interval just ended ({@code seconds} long) and publishes it on the view. */
    PoolSample measure(ThreadPoolExecutor pool, PoolAggregator.PoolTimes t, double seconds, double sloP99Nanos,
                       ThreadMXBean threads, long[] scratch) {
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
        lastSubmitted = submittedTotal;
        lastCompleted = completedTotal;
        lastRejected = rejectedTotal;
        double utilization = live == 0 ? 0 : Math.min(1, t.busyNanos() / (live * seconds * 1e9));
        double blocked = blockedShare(t.busyNanos(), threads, scratch);
        view.sizes(core, max, live, active, queued);
        view.signals(arrivals, completed, rejected, rejectedTotal, utilization, t.waitP50Nanos(), t.waitP99Nanos(),
                t.runP50Nanos(), t.runP99Nanos(), blocked);
        return new PoolSample(core, max, live, queued, queueUnbounded, arrivals, completed, rejected,
                t.waitP99Nanos(), t.runMeanNanos(), utilization, blocked, sloP99Nanos);
    }

    private double blockedShare(double busyNanos, ThreadMXBean threads, long[] scratch) {
        boolean cpuTimes = threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();
        int n = probe.workerIds(scratch);
        double cpuDelta = 0;
        Map<Long, Long> seen = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            long tid = scratch[i];
            long cpu = cpuTimes ? threads.getThreadCpuTime(tid) : 0;
            if (cpu < 0) {
                probe.forgetWorker(tid); // the thread has ended
                continue;
            }
            Long before = cpuByThread.get(tid);
            if (before != null) {
                cpuDelta += cpu - before;
            }
            seen.put(tid, cpu);
        }
        cpuByThread = seen;
        if (busyNanos <= 0 || !cpuTimes) {
            return Double.NaN;
        }
        return Math.max(0, Math.min(1, 1 - cpuDelta / busyNanos));
    }
}
