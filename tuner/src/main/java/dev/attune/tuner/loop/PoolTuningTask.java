package dev.attune.tuner.loop;

import dev.attune.bootstrap.PoolProbe;
import dev.attune.bootstrap.PoolTap;
import dev.attune.instrumentation.encode.Signal;
import dev.attune.instrumentation.encode.SignalCodec;
import dev.attune.tuner.act.PoolResizeActuator;
import dev.attune.tuner.act.TunerMode;
import dev.attune.tuner.aggregate.MethodFigures;
import dev.attune.tuner.aggregate.PoolAggregator;
import dev.attune.tuner.aggregate.SignalSnapshot;
import dev.attune.tuner.decide.PoolBounds;
import dev.attune.tuner.decide.PoolDecision;
import dev.attune.tuner.decide.PoolSample;
import dev.attune.tuner.decide.PoolSizeRule;
import dev.attune.tuner.decide.ProcessSample;
import dev.attune.tuner.report.jmx.JmxConsole;
import dev.attune.tuner.report.jmx.ThreadPoolView;
import dev.attune.tuner.report.jmx.TunerView;
import dev.attune.tuner.report.log.AgentLog;
import dev.attune.tuner.report.log.LogLevel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The thread-pool tuner's control loop on the agent thread: each interval, for every pool found, observe (the
 * pool's counters and the task times aggregated from the ring buffers) → decide ({@link PoolSizeRule}) → act
 * ({@link PoolResizeActuator}, in auto mode only) → report (one log line per change, the audit trail, JMX views
 * and notifications). Every duty cycle it also registers newly seen pools and carries out JMX requests, so
 * pools are changed on this thread only.
 *
 * <p>Reading a pool's sizes takes the pool's own lock for a moment ({@code getPoolSize}, {@code getActiveCount},
 * {@code getCompletedTaskCount}); that happens once an interval per pool, on this thread, never on the
 * application's.
 */
public final class PoolTuningTask implements IntervalTask, DutyCycleTask {

    private static final int SATURATION_INTERVALS = 2;

    private final PoolTuningSettings settings;
    private final PoolAggregator times;
    private final Supplier<SignalSnapshot> signals;
    private final java.util.function.Function<String, MethodFigures> methods;
    private final BooleanSupplier paused;
    private final AgentLog log;
    private final long intervalNanos;
    private final ThreadMXBean threadMx = ManagementFactory.getThreadMXBean();
    private final List<TunedPool> pools = new ArrayList<>();
    private final PoolNames names = new PoolNames();
    private final BlockingQueue<TunerView.Command> commands = new ArrayBlockingQueue<>(64);
    private final ArrayDeque<String> audit = new ArrayDeque<>();
    private final TunerView view;
    private final long[] workerIds = new long[1024];
    private volatile TunerMode mode;
    private volatile List<String> poolNames = List.of();
    private volatile List<String> auditSnapshot = List.of();
    private int nextId;
    private boolean tunerRegistered;
    private long lastRollNanos;

    /**
     * Creates the task.
     *
     * @param signals the last process signals
     * @param methods figures of a timed method by name (for the service-level method), or null
     * @param paused  true while the circuit breaker is open
     */
    public PoolTuningTask(PoolTuningSettings settings, PoolAggregator times, Supplier<SignalSnapshot> signals,
                          java.util.function.Function<String, MethodFigures> methods, BooleanSupplier paused,
                          AgentLog log, long intervalNanos, long nowNanos) {
        this.settings = settings;
        this.times = times;
        this.signals = signals;
        this.methods = methods;
        this.paused = paused;
        this.log = log;
        this.intervalNanos = intervalNanos;
        this.mode = settings.mode();
        this.lastRollNanos = nowNanos;
        this.view = new TunerView(settings.readOnly(), commands::offer, () -> mode.key(), () -> poolNames,
                () -> auditSnapshot);
    }

    /** The JMX view of the tuner. */
    public TunerView view() {
        return view;
    }

    // ---- every duty cycle: registration and JMX requests ----

    @Override
    public int doWork(JmxConsole jmx) {
        int work = PoolTap.registerNewcomers(this::nextId, this::found);
        for (TunerView.Command c; (c = commands.poll()) != null; work++) {
            c.reply().complete(carryOut(c));
        }
        if (jmx != null) {
            work += registerMBeans(jmx);
        }
        return work;
    }

    private int nextId() {
        return nextId < SignalCodec.MAX_POOLS && nextId < PoolTap.MAX_POOLS ? nextId++ : -1;
    }

    private void found(PoolProbe probe) {
        ThreadPoolExecutor pool = probe.pool();
        if (pool == null) {
            return;
        }
        pools.add(new TunedPool(probe, pool.getCorePoolSize(), pool.getMaximumPoolSize(),
                PoolResizeActuator.queueUnbounded(pool), pool.getClass().getName()));
    }

    private int registerMBeans(JmxConsole jmx) {
        int work = 0;
        try {
            if (!tunerRegistered) {
                jmx.registerTuner(view);
                tunerRegistered = true;
                work++;
            }
            for (TunedPool p : pools) {
                if (p.view != null && p.objectName == null) {
                    p.objectName = jmx.registerPool(p.view);
                    work++;
                }
            }
            for (Iterator<TunedPool> it = gone.iterator(); it.hasNext(); ) {
                TunedPool p = it.next();
                if (p.objectName != null) {
                    jmx.unregister(p.objectName);
                }
                it.remove();
                work++;
            }
        } catch (JMException e) {
            log.warn("jmx_failed").kv("error", e.toString()).kv("effect", "tuner MBeans missing").emit();
        }
        return work;
    }

    private final List<TunedPool> gone = new ArrayList<>();

    // ---- every interval: observe, decide, act, report ----

    @Override
    public void afterRoll(long nowNanos) {
        double seconds = Math.max(1e-3, (nowNanos - lastRollNanos) / 1e9);
        lastRollNanos = nowNanos;
        ProcessSample process = processSample();
        for (Iterator<TunedPool> it = pools.iterator(); it.hasNext(); ) {
            TunedPool p = it.next();
            ThreadPoolExecutor pool = p.probe.pool();
            if (pool == null || pool.isTerminated()) {
                it.remove();
                retire(p, pool == null ? "collected" : "terminated");
                continue;
            }
            if (p.view == null && !name(p, pool)) {
                continue; // no worker seen yet: named (and tuned) from the next interval
            }
            tune(p, pool, seconds, process);
        }
        poolNames = pools.stream().filter(p -> p.view != null).map(p -> p.name).toList();
    }

    private void retire(TunedPool p, String why) {
        PoolTap.unregister(p.probe);
        times.forget(p.probe.id());
        if (p.name != null) {
            names.release(p.name);
            log.info("pool_gone").kv("pool", p.name).kv("reason", why).emit();
        }
        gone.add(p);
    }

    private boolean name(TunedPool p, ThreadPoolExecutor pool) {
        int n = p.probe.workerIds(workerIds);
        String thread = null;
        for (int i = 0; i < n && thread == null; i++) {
            ThreadInfo info = threadMx.getThreadInfo(workerIds[i]);
            thread = info != null ? info.getThreadName() : null;
        }
        if (thread == null) {
            return false;
        }
        PoolTuningSettings.PoolSettings configured = null;
        for (PoolTuningSettings.PoolSettings s : settings.pools()) {
            String match = s.match().isEmpty() ? s.name() : s.match();
            if (thread.startsWith(match) || p.poolClass.equals(match)) {
                configured = s;
                break;
            }
        }
        p.settings = configured;
        p.name = names.unique(configured != null ? configured.name() : PoolNames.fromThreadName(thread));
        int min = configured != null && configured.min() > 0 ? configured.min() : p.originalCore;
        PoolBounds defaults = PoolBounds.defaultsFor(p.originalCore);
        int max = configured != null && configured.max() > 0 ? configured.max()
                : Math.max(min + 1, Math.min(512, p.originalCore * settings.growthLimit()));
        long target = configured != null ? configured.targetWaitNanos() : 0;
        p.rule = new PoolSizeRule(new PoolBounds(min, Math.max(min, max), settings.maxStep(),
                settings.cooldownIntervals(), settings.minSamples(), target));
        p.view = new ThreadPoolView(p.name, p.poolClass, p.originalCore, p.originalMax, p.queueUnbounded);
        p.lastCompleted = pool.getCompletedTaskCount();
        p.lastSubmitted = p.probe.submitted.get();
        p.lastRejected = p.probe.rejected.get();
        log.info("pool_found").kv("pool", p.name).kv("class", p.poolClass).kv("core", p.originalCore)
                .kv("max", p.originalMax).kv("queue", p.queueUnbounded ? "unbounded" : "bounded")
                .kv("tuning_min", p.rule.bounds().min()).kv("tuning_max", p.rule.bounds().max())
                .kv("mode", modeOf(p).key()).emit();
        if (p.queueUnbounded && p.originalMax > p.originalCore) {
            // Said once, when found: with an unbounded queue the pool never starts threads beyond its core.
            log.warn("pool_max_ignored").kv("pool", p.name).kv("core", p.originalCore).kv("max", p.originalMax)
                    .kv("detail", "the queue is unbounded, so threads beyond the core size never start:"
                            + " raising the maximum cannot help; only the core size is tuned").emit();
        }
        return true;
    }

    private void tune(TunedPool p, ThreadPoolExecutor pool, double seconds, ProcessSample process) {
        int core = pool.getCorePoolSize();
        int max = pool.getMaximumPoolSize();
        int threads = pool.getPoolSize();
        int active = pool.getActiveCount();
        int queued = pool.getQueue().size();
        long completedTotal = pool.getCompletedTaskCount();
        long submittedTotal = p.probe.submitted.get();
        long rejectedTotal = p.probe.rejected.get();
        double arrivals = (submittedTotal - p.lastSubmitted) / seconds;
        double completed = (completedTotal - p.lastCompleted) / seconds;
        long rejected = rejectedTotal - p.lastRejected;
        p.lastSubmitted = submittedTotal;
        p.lastCompleted = completedTotal;
        p.lastRejected = rejectedTotal;
        PoolAggregator.PoolTimes t = times.times(p.probe.id());
        double utilization = threads == 0 ? 0 : Math.min(1, t.busyNanos() / (threads * seconds * 1e9));
        double blocked = blockedShare(p, t.busyNanos());
        double slo = Double.NaN;
        if (!settings.sloMethod().isEmpty() && methods != null) {
            MethodFigures f = methods.apply(settings.sloMethod());
            if (f != null && f.count() > 0) {
                slo = f.p99Nanos();
            }
        }
        PoolSample sample = new PoolSample(core, max, threads, queued, p.queueUnbounded, arrivals, completed,
                rejected, t.waitP99Nanos(), t.runMeanNanos(), utilization, blocked, slo);
        p.view.sizes(core, max, threads, active, queued);
        p.view.signals(arrivals, completed, rejected, rejectedTotal, utilization, t.waitP50Nanos(), t.waitP99Nanos(),
                t.runP50Nanos(), t.runP99Nanos(), blocked);

        TunerMode m = modeOf(p);
        PoolDecision d = m == TunerMode.OFF || p.pinned > 0
                ? null : p.rule.decide(sample, process, paused.getAsBoolean());
        if (d != null && d.changes()) {
            apply(p, pool, d, m, process);
        }
        saturation(p, sample, d);
        String shown = d == null ? (p.pinned > 0 ? "pinned at " + p.pinned : "off")
                : d.changes() ? d.action().name().toLowerCase(Locale.ROOT) + " " + d.fromSize() + " -> " + d.toSize()
                : "hold at " + core;
        p.view.decision(shown, d == null ? "" : d.reason() + " (" + d.evidence() + ")", m.key(), p.enabled,
                p.pinned);
    }

    private void apply(TunedPool p, ThreadPoolExecutor pool, PoolDecision d, TunerMode m, ProcessSample process) {
        String action = d.action().name().toLowerCase(Locale.ROOT);
        if (m == TunerMode.ADVISE) {
            p.rule.notApplied(d);
            record(LogLevel.INFO, "pool_advice", p, action, d.fromSize(), d.toSize(), m, d.reason(), d.evidence(),
                    false);
            return;
        }
        PoolResizeActuator.Outcome outcome = PoolResizeActuator.resize(pool, d.toSize(), p.originalMax);
        if (outcome == PoolResizeActuator.Outcome.FAILED) {
            p.rule.notApplied(d);
            log.warn("pool_resize_failed").kv("pool", p.name).kv("from", d.fromSize()).kv("to", d.toSize())
                    .kv("detail", "the pool refused (shut down, or resized by the application at the same time)")
                    .emit();
            return;
        }
        record(d.action() == PoolDecision.Action.REVERT ? LogLevel.WARN : LogLevel.INFO, "pool_resize", p, action,
                d.fromSize(), d.toSize(), m, d.reason(), d.evidence(), true);
    }

    private void record(LogLevel level, String event, TunedPool p, String action, int from, int to, TunerMode m,
                        String reason, String evidence, boolean changed) {
        String line = log.at(level, event).kv("pool", p.name).kv("action", action).kv("old_core", from)
                .kv("new_core", to).kv("mode", m.key()).kv("reason", reason).pairs(evidence).emitAndReturn();
        audit(line);
        if (changed) {
            view.notifyChange(line);
        }
    }

    private void audit(String line) {
        audit.addLast(line);
        while (audit.size() > settings.auditSize()) {
            audit.removeFirst();
        }
        auditSnapshot = List.copyOf(audit);
    }

    private void saturation(TunedPool p, PoolSample s, PoolDecision d) {
        boolean saturated = s.rejected() > 0 || (s.queued() > 0 && s.queueWaitP99Nanos() > 0
                && p.rule.baselineWaitNanos() >= 0 && s.queueWaitP99Nanos() > thresholdOf(p));
        p.saturatedStreak = saturated ? p.saturatedStreak + 1 : 0;
        p.calmStreak = saturated ? 0 : p.calmStreak + 1;
        if (!p.saturationFiring && p.saturatedStreak >= SATURATION_INTERVALS) {
            p.saturationFiring = true;
            log.warn("alert").kv("state", "firing").kv("alert", "pool_saturated").kv("pool", p.name)
                    .kv("queued", s.queued()).kv("rejected", s.rejected())
                    .kv("queue_wait_p99_ms", s.queueWaitP99Nanos() / 1e6).kv("intervals", SATURATION_INTERVALS)
                    .emit();
        } else if (p.saturationFiring && p.calmStreak >= SATURATION_INTERVALS) {
            p.saturationFiring = false;
            log.info("alert").kv("state", "resolved").kv("alert", "pool_saturated").kv("pool", p.name)
                    .kv("queued", s.queued()).kv("queue_wait_p99_ms", s.queueWaitP99Nanos() / 1e6)
                    .kv("intervals", SATURATION_INTERVALS).emit();
        }
    }

    private static long thresholdOf(TunedPool p) {
        long target = p.rule.bounds().targetWaitNanos();
        if (target > 0) {
            return target;
        }
        double base = p.rule.baselineWaitNanos();
        return (long) Math.max(1_000_000, Double.isNaN(base) ? 0 : 3 * base);
    }

    private double blockedShare(TunedPool p, double busyNanos) {
        int n = p.probe.workerIds(workerIds);
        double cpuDelta = 0;
        Map<Long, Long> seen = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            long tid = workerIds[i];
            long cpu = threadMx.isThreadCpuTimeSupported() ? threadMx.getThreadCpuTime(tid) : -1;
            if (cpu < 0) {
                p.probe.forgetWorker(tid); // ended
                continue;
            }
            Long before = p.cpuByThread.get(tid);
            if (before != null) {
                cpuDelta += cpu - before;
            }
            seen.put(tid, cpu);
        }
        p.cpuByThread = seen;
        if (busyNanos <= 0 || !threadMx.isThreadCpuTimeSupported()) {
            return Double.NaN;
        }
        return Math.max(0, Math.min(1, 1 - cpuDelta / busyNanos));
    }

    private ProcessSample processSample() {
        SignalSnapshot s = signals.get();
        double cores = s != null && s.seen(Signal.CORES_AVAILABLE) ? s.gauge(Signal.CORES_AVAILABLE)
                : Runtime.getRuntime().availableProcessors();
        double used = Double.NaN;
        if (s != null && s.seen(Signal.PROCESS_CPU_CORES)) {
            used = s.gauge(Signal.PROCESS_CPU_CORES);
        } else if (s != null && s.seen(Signal.JVM_CPU_LOAD)) {
            used = s.gauge(Signal.JVM_CPU_LOAD) * Runtime.getRuntime().availableProcessors();
        } else {
            used = processCpuCores();
        }
        double gc = s != null && s.seconds() > 0 ? s.sum(Signal.GC_PAUSE) / 1e9 / s.seconds() : Double.NaN;
        return new ProcessSample(used, cores, gc);
    }

    private long lastCpuNanos = -1;
    private long lastCpuWallNanos;

    /** Fallback without signals: the JVM's own process CPU time, as cores used since the last interval. */
    private double processCpuCores() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (!(os instanceof com.sun.management.OperatingSystemMXBean sun)) {
            return Double.NaN;
        }
        long cpu = sun.getProcessCpuTime();
        long wall = System.nanoTime();
        double cores = lastCpuNanos < 0 || wall == lastCpuWallNanos ? Double.NaN
                : (cpu - lastCpuNanos) / (double) (wall - lastCpuWallNanos);
        lastCpuNanos = cpu;
        lastCpuWallNanos = wall;
        return cores;
    }

    private TunerMode modeOf(TunedPool p) {
        if (!p.enabled) {
            return TunerMode.OFF;
        }
        return p.settings != null && p.settings.mode() != null ? p.settings.mode() : mode;
    }

    // ---- JMX requests, on the agent thread ----

    private String carryOut(TunerView.Command c) {
        if (c.op().equals("mode")) {
            TunerMode m = TunerMode.parse(c.pool());
            if (m == null) {
                return "refused: mode must be off, advise or auto, not '" + c.pool() + "'";
            }
            TunerMode old = mode;
            mode = m;
            String line = log.info("tuner_mode").kv("old", old.key()).kv("new", m.key()).kv("by", "jmx")
                    .emitAndReturn();
            audit(line);
            view.notifyChange(line);
            return "mode " + m.key();
        }
        if (c.op().equals("revert-all")) {
            int n = 0;
            for (TunedPool p : pools) {
                if (p.view != null && revert(p)) {
                    n++;
                }
            }
            return "reverted " + n + " pool(s)";
        }
        TunedPool p = null;
        for (TunedPool candidate : pools) {
            if (c.pool().equals(candidate.name)) {
                p = candidate;
            }
        }
        if (p == null) {
            return "refused: no pool named '" + c.pool() + "'; pools: " + poolNames;
        }
        ThreadPoolExecutor pool = p.probe.pool();
        if (pool == null) {
            return "refused: the pool is gone";
        }
        switch (c.op()) {
            case "enable":
            case "disable":
                p.enabled = c.op().equals("enable");
                String line = log.info("pool_tuning").kv("pool", p.name).kv("enabled", p.enabled).kv("by", "jmx")
                        .emitAndReturn();
                audit(line);
                view.notifyChange(line);
                p.view.decision(p.view.getLastDecision(), p.view.getLastReason(), modeOf(p).key(), p.enabled,
                        p.pinned);
                return "tuning of " + p.name + (p.enabled ? " on" : " off");
            case "pin":
                if (c.size() < 1) {
                    return "refused: a pinned size must be at least 1";
                }
                int from = pool.getCorePoolSize();
                if (PoolResizeActuator.resize(pool, c.size(), p.originalMax) == PoolResizeActuator.Outcome.FAILED) {
                    return "failed: the pool refused size " + c.size();
                }
                p.pinned = c.size();
                record(LogLevel.INFO, "pool_resize", p, "pin", from, c.size(), modeOf(p), "pinned over JMX",
                        "", true);
                return p.name + " pinned at " + c.size();
            case "unpin":
                p.pinned = 0;
                return p.name + " unpinned";
            case "revert":
                return revert(p) ? p.name + " back to " + p.originalCore + "/" + p.originalMax
                        : p.name + " already at " + p.originalCore + "/" + p.originalMax;
            default:
                return "refused: unknown operation " + c.op();
        }
    }

    private boolean revert(TunedPool p) {
        ThreadPoolExecutor pool = p.probe.pool();
        if (pool == null) {
            return false;
        }
        int from = pool.getCorePoolSize();
        p.pinned = 0;
        if (PoolResizeActuator.resize(pool, p.originalCore, p.originalMax) != PoolResizeActuator.Outcome.APPLIED) {
            return false;
        }
        record(LogLevel.INFO, "pool_resize", p, "revert", from, p.originalCore, modeOf(p),
                "reverted over JMX to the application's own sizes", "", true);
        return true;
    }

    /** One pool under the tuner: its probe, rule, original sizes and control state. Agent thread only. */
    private static final class TunedPool {
        final PoolProbe probe;
        final int originalCore;
        final int originalMax;
        final boolean queueUnbounded;
        final String poolClass;
        String name;
        PoolTuningSettings.PoolSettings settings;
        PoolSizeRule rule;
        ThreadPoolView view;
        ObjectName objectName;
        boolean enabled = true;
        int pinned;
        long lastCompleted;
        long lastSubmitted;
        long lastRejected;
        Map<Long, Long> cpuByThread = new HashMap<>();
        int saturatedStreak;
        int calmStreak;
        boolean saturationFiring;

        TunedPool(PoolProbe probe, int originalCore, int originalMax, boolean queueUnbounded, String poolClass) {
            this.probe = probe;
            this.originalCore = originalCore;
            this.originalMax = originalMax;
            this.queueUnbounded = queueUnbounded;
            this.poolClass = poolClass;
        }
    }
}
