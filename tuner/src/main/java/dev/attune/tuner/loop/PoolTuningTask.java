package dev.attune.tuner.loop;

import dev.attune.bootstrap.PoolProbe;
import dev.attune.bootstrap.PoolTap;
import dev.attune.instrumentation.encode.SignalCodec;
import dev.attune.instrumentation.signals.RunQueueWaits;
import dev.attune.tuner.act.PoolResizeActuator;
import dev.attune.tuner.act.TunerMode;
import dev.attune.tuner.aggregate.MethodFigures;
import dev.attune.tuner.aggregate.PoolAggregator;
import dev.attune.tuner.aggregate.SignalSnapshot;
import dev.attune.tuner.decide.PoolBounds;
import dev.attune.tuner.decide.PoolDecision;
import dev.attune.tuner.decide.PoolSample;
import dev.attune.tuner.decide.ProcessSample;
import dev.attune.tuner.report.jmx.JmxConsole;
import dev.attune.tuner.report.jmx.TunerView;
import dev.attune.tuner.report.log.AgentLog;
import dev.attune.tuner.report.log.LogLevel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.management.JMException;

/**
 * The thread-pool tuner's control loop on the agent thread: each control period, for every pool found, observe
 * (the pool's counters and the task times aggregated from the ring buffers, {@link TunedPool#measure}) → decide
 * ({@link dev.attune.tuner.decide.PoolSizeRule}) → act ({@link PoolResizeActuator}, in auto mode only) → report
 * (one log line per change or advice, the audit trail, JMX views and notifications). Each reporting interval it
 * evaluates the pools' saturation alerts. Every duty cycle it also registers newly seen pools and carries out JMX
 * requests, so pools are changed on this thread only.
 *
 * <p>Pools the agent itself runs (their class or thread factory defined by the agent's own class loader) are
 * never measured. Ids of pools that have gone are reused, so an application that creates and shuts down pools
 * without end still has its next pool found.
 *
 * <p>A pool is named (and its MBean registered) once one of its workers has been seen, from that worker's thread
 * name or the configured pool whose match it fits. A pool that is collected or terminated leaves: its probe is
 * unregistered, its MBean removed, and one {@code pool_gone} line written.
 *
 * <p>Reading a pool's sizes takes the pool's own lock for a moment ({@code getPoolSize}, {@code getActiveCount},
 * {@code getCompletedTaskCount}); that happens once a control period per pool, on this thread, never on the
 * application's.
 */
public final class PoolTuningTask implements ControlTask, IntervalTask, DutyCycleTask {

    private final PoolTuningSettings settings;
    private final PoolAggregator times;
    private final Function<String, MethodFigures> methods;
    private final BooleanSupplier paused;
    private final AgentLog log;
    private final ProcessSampler process;
    private final List<TunedPool> pools = new ArrayList<>();
    private final List<TunedPool> gone = new ArrayList<>();
    private final PoolNames names = new PoolNames();
    private final BlockingQueue<TunerView.Command> commands = new ArrayBlockingQueue<>(64);
    private volatile Runnable wakeAgent = () -> { };
    private final ArrayDeque<String> audit = new ArrayDeque<>();
    private final TunerView view;
    private final long[] workerIds = new long[1024];
    private final ClassLoader agentLoader;
    private final ArrayDeque<Integer> freeIds = new ArrayDeque<>();
    private ThreadMXBean threadMx;
    private RunQueueWaits runQueue;
    private volatile TunerMode mode;
    private volatile List<String> poolNames = List.of();
    private volatile List<String> auditSnapshot = List.of();
    private int nextId;
    private boolean tunerRegistered;
    private long lastRollNanos;

    /**
     * Creates the task.
     *
     * @param signals       the last process signals (null or empty: the JVM's own figures are used)
     * @param methods       figures of a timed method by name (for the service-level method), or null
     * @param paused        true while the circuit breaker is open: the tuner then only holds
     * @param agentLoader   the agent's own class loader: pools of its classes or thread factories are never measured
     *                      (null: none are left out)
     * @param periodNanos   the agent loop's control period
     * @param nowNanos      the loop's clock now
     */
    public PoolTuningTask(PoolTuningSettings settings, PoolAggregator times, Supplier<SignalSnapshot> signals,
                          Function<String, MethodFigures> methods, BooleanSupplier paused, AgentLog log,
                          ClassLoader agentLoader, long periodNanos, long nowNanos) {
        this.settings = settings;
        this.times = times;
        this.methods = methods;
        this.paused = paused;
        this.log = log;
        this.process = new ProcessSampler(signals);
        this.agentLoader = agentLoader;
        this.mode = settings.mode();
        this.lastRollNanos = nowNanos - periodNanos;
        this.view = new TunerView(settings.readOnly(), this::submit, () -> mode.key(), () -> poolNames,
                () -> auditSnapshot);
    }

    /** Has each JMX request wake the agent thread, so it is carried out at once rather than after its park. */
    public void wakeAgentWith(Runnable wake) {
        this.wakeAgent = wake;
    }

    private boolean submit(TunerView.Command command) {
        boolean queued = commands.offer(command);
        if (queued) {
            wakeAgent.run();
        }
        return queued;
    }

    /** The JMX view of the tuner. */
    public TunerView view() {
        return view;
    }

    // ---- every duty cycle: registration and JMX requests ----

    @Override
    public int doWork(JmxConsole jmx) {
        int work = PoolTap.registerNewcomers(this::nextId, this::ownedByAgent, this::found);
        for (TunerView.Command c; (c = commands.poll()) != null; work++) {
            c.reply().complete(carryOut(c));
        }
        if (jmx != null) {
            work += registerMBeans(jmx);
        } else {
            gone.clear(); // no MBeans to take down
        }
        return work;
    }

    private int nextId() {
        if (!freeIds.isEmpty()) {
            return freeIds.pop();
        }
        return nextId < SignalCodec.MAX_POOLS && nextId < PoolTap.MAX_POOLS ? nextId++ : -1;
    }

    private boolean ownedByAgent(ThreadPoolExecutor pool) {
        return agentLoader != null && (pool.getClass().getClassLoader() == agentLoader
                || pool.getThreadFactory().getClass().getClassLoader() == agentLoader);
    }

    private void found(PoolProbe probe) {
        ThreadPoolExecutor pool = probe.pool();
        if (pool != null) {
            pools.add(new TunedPool(probe, pool));
        }
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
            for (TunedPool p : gone) {
                if (p.objectName != null) {
                    jmx.unregister(p.objectName);
                }
                work++;
            }
            gone.clear();
        } catch (JMException e) {
            log.warn("jmx_failed").kv("error", e.toString()).kv("effect", "tuner MBeans missing").emit();
        }
        return work;
    }

    // ---- every reporting interval: the saturation alerts ----

    @Override
    public void afterRoll(long nowNanos) {
        for (TunedPool p : pools) {
            if (p.view != null) {
                p.saturation.endInterval(p.name, log);
            }
        }
    }

    // ---- every control period: observe, decide, act, report ----

    @Override
    public void afterPeriod(long nowNanos) {
        if (threadMx == null) {
            threadMx = ManagementFactory.getThreadMXBean(); // here, on the agent thread, never in premain
            runQueue = RunQueueWaits.ofThisProcess();
        }
        double seconds = Math.max(1e-3, (nowNanos - lastRollNanos) / 1e9);
        lastRollNanos = nowNanos;
        ProcessSample processSample = process.sample();
        double slo = sloP99Nanos();
        for (Iterator<TunedPool> it = pools.iterator(); it.hasNext(); ) {
            TunedPool p = it.next();
            ThreadPoolExecutor pool = p.probe.pool();
            if (pool == null || pool.isTerminated()) {
                it.remove();
                retire(p, pool == null ? "collected" : "terminated");
                continue;
            }
            if (p.view == null && !name(p, pool)) {
                continue; // no worker seen yet: named (and tuned) from the next period
            }
            try {
                tune(p, pool, seconds, processSample, slo);
            } catch (RuntimeException e) {
                // A bug here must cost only this pool, and be said once.
                if (!p.failed) {
                    p.failed = true;
                    log.error("pool_tuning_failed").kv("pool", p.name).kv("error", e.toString())
                            .kv("effect", "this pool is no longer tuned").emit();
                }
            }
        }
        poolNames = pools.stream().filter(p -> p.view != null).map(p -> p.name).toList();
    }

    private double sloP99Nanos() {
        if (settings.sloMethod().isEmpty() || methods == null) {
            return Double.NaN;
        }
        MethodFigures f = methods.apply(settings.sloMethod());
        return f != null && f.count() > 0 ? f.p99Nanos() : Double.NaN;
    }

    private void retire(TunedPool p, String why) {
        PoolTap.unregister(p.probe);
        times.forget(p.probe.id());
        freeIds.push(p.probe.id());
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
        p.name(names.unique(configured != null ? configured.name() : PoolNames.fromThreadName(thread)), configured,
                settings);
        AgentLog.Line found = log.info("pool_found").kv("pool", p.name).kv("class", p.poolClass)
                .kv("core", p.appCore).kv("max", p.appMax)
                .kv("queue", p.queueKind.key()).kv("mode", modeOf(p).key());
        if (p.rule != null) {
            found.kv("tuning_min", p.rule.bounds().min()).kv("tuning_max", p.rule.bounds().max());
        } else {
            found.kv("tuned", false).kv("reason", p.notTunedBecause);
        }
        found.emit();
        if (p.rule != null && p.queueUnbounded() && p.appMax > p.appCore) {
            // Said once, when found: with an unbounded queue the pool never starts threads beyond its core.
            log.warn("pool_max_ignored").kv("pool", p.name).kv("core", p.appCore).kv("max", p.appMax)
                    .kv("detail", "the queue is unbounded, so threads beyond the core size never start:"
                            + " raising the maximum cannot help; only the core size is tuned").emit();
        }
        return true;
    }

    private void tune(TunedPool p, ThreadPoolExecutor pool, double seconds, ProcessSample processSample,
                      double slo) {
        String before = p.adoptApplicationSizes(pool, settings);
        if (before != null) {
            // Said once per change the application makes: from now on its sizes are the baseline.
            AgentLog.Line line = log.info("pool_app_resized").kv("pool", p.name).kv("old", before)
                    .kv("core", p.appCore).kv("max", p.appMax).kv("tuned", p.rule != null);
            if (p.rule != null) {
                line.kv("tuning_min", p.rule.bounds().min()).kv("tuning_max", p.rule.bounds().max());
            } else {
                line.kv("reason", p.notTunedBecause);
            }
            audit(line.kv("detail", "the application resized the pool itself: its sizes are the new baseline,"
                    + " never fought").emitAndReturn(), true);
        }
        PoolSample sample = p.measure(pool, times.times(p.probe.id()), seconds, slo, threadMx, runQueue, workerIds);
        TunerMode m = modeOf(p);
        PoolDecision d = m == TunerMode.OFF || p.pinned > 0 || p.rule == null || p.failed
                ? null : p.rule.decide(sample, processSample, paused.getAsBoolean());
        if (d == null && p.rule != null) {
            p.rule.observe(sample); // no decision, but the baseline (and so the saturation alert) keeps learning
        }
        if (d != null && d.changes()) {
            apply(p, pool, d, m);
        } else if (d != null && log.enabled(LogLevel.DEBUG)) {
            // Why nothing changed, for whoever wants to follow the rule period by period.
            log.debug("pool_hold").kv("pool", p.name).kv("core", d.fromSize()).kv("reason", d.reason())
                    .pairs(d.evidence()).emit();
        }
        if (p.rule != null) {
            // Until a baseline is learned (or a target set) only rejections count: a cold start is not saturation.
            boolean known = p.rule.bounds().targetWaitNanos() > 0 || !Double.isNaN(p.rule.baselineWaitNanos());
            p.saturation.observe(sample, known ? p.rule.waitThresholdNanos() : Long.MAX_VALUE);
        }
        String shown;
        String reason;
        if (d != null) {
            shown = d.changes() ? d.action().name().toLowerCase(Locale.ROOT) + " " + d.fromSize() + " -> "
                    + d.toSize() : "hold at " + sample.coreSize();
            reason = d.reason() + " (" + d.evidence() + ")";
        } else {
            shown = p.rule == null ? "not tuned" : p.pinned > 0 ? "pinned at " + p.pinned : "off";
            reason = p.rule == null ? p.notTunedBecause : m == TunerMode.OFF ? "tuning is off for this pool" : "";
        }
        p.view.decision(shown, reason, m.key(), p.enabled, p.pinned);
    }

    private void apply(TunedPool p, ThreadPoolExecutor pool, PoolDecision d, TunerMode m) {
        String action = d.action().name().toLowerCase(Locale.ROOT);
        int max = pool.getMaximumPoolSize();
        if (m == TunerMode.ADVISE) {
            p.rule.notApplied(d);
            PoolDecision last = p.lastAdvice;
            p.lastAdvice = d;
            if (last != null && last.action() == d.action() && last.fromSize() == d.fromSize()
                    && last.toSize() == d.toSize()) {
                return; // the same advice again: said once, shown on the pool's MBean every period
            }
            record(LogLevel.INFO, "pool_advice", p, action, d.fromSize(), d.toSize(), max,
                    Math.max(d.toSize(), p.appMax), m, d.reason(), d.evidence(), false);
            return;
        }
        PoolResizeActuator.Outcome outcome = p.agentResized(PoolResizeActuator.resizeTo(pool, d.toSize(), p.appMax));
        if (outcome == PoolResizeActuator.Outcome.FAILED) {
            p.rule.notApplied(d);
            log.warn("pool_resize_failed").kv("pool", p.name).kv("from", d.fromSize()).kv("to", d.toSize())
                    .kv("detail", "the pool refused (shut down, or resized by the application at the same time)")
                    .emit();
            return;
        }
        record(d.action() == PoolDecision.Action.REVERT ? LogLevel.WARN : LogLevel.INFO, "pool_resize", p, action,
                d.fromSize(), d.toSize(), max, pool.getMaximumPoolSize(), m, d.reason(), d.evidence(), true);
    }

    private void record(LogLevel level, String event, TunedPool p, String action, int fromCore, int toCore,
                        int fromMax, int toMax, TunerMode m, String reason, String evidence, boolean changed) {
        String line = log.at(level, event).kv("pool", p.name).kv("action", action).kv("old_core", fromCore)
                .kv("new_core", toCore).kv("old_max", fromMax).kv("new_max", toMax).kv("mode", m.key())
                .kv("reason", reason).pairs(evidence).emitAndReturn();
        audit(line, changed);
    }

    /** Keeps {@code line} in the audit trail and, for a change, sends it as a JMX notification. */
    private void audit(String line, boolean notify) {
        audit.addLast(line);
        while (audit.size() > settings.auditSize()) {
            audit.removeFirst();
        }
        auditSnapshot = List.copyOf(audit);
        if (notify) {
            view.notifyChange(line);
        }
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
            audit(log.info("tuner_mode").kv("old", old.key()).kv("new", m.key()).kv("by", "jmx").emitAndReturn(),
                    true);
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
        TunedPool p = named(c.pool());
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
                if (p.rule != null) {
                    p.rule.interrupted();
                }
                audit(log.info("pool_tuning").kv("pool", p.name).kv("enabled", p.enabled).kv("by", "jmx")
                        .emitAndReturn(), true);
                p.view.decision(p.view.getLastDecision(), p.view.getLastReason(), modeOf(p).key(), p.enabled,
                        p.pinned);
                return "tuning of " + p.name + (p.enabled ? " on" : " off");
            case "pin":
                return pin(p, pool, c.size());
            case "unpin":
                p.pinned = 0;
                if (p.rule != null) {
                    p.rule.interrupted();
                }
                p.view.decision(p.view.getLastDecision(), p.view.getLastReason(), modeOf(p).key(), p.enabled, 0);
                return p.name + " unpinned";
            case "revert":
                return revert(p) ? p.name + " back to " + p.appCore + "/" + p.appMax
                        : p.name + " already at " + p.appCore + "/" + p.appMax;
            default:
                return "refused: unknown operation " + c.op();
        }
    }

    private TunedPool named(String name) {
        for (TunedPool candidate : pools) {
            if (name.equals(candidate.name)) {
                return candidate;
            }
        }
        return null;
    }

    private String pin(TunedPool p, ThreadPoolExecutor pool, int size) {
        if (size < 1) {
            return "refused: a pinned size must be at least 1";
        }
        if (p.rule == null) {
            return "refused: " + p.name + " is not tuned (" + p.notTunedBecause + ")";
        }
        if (size > p.rule.bounds().max()) {
            return "refused: " + size + " is above " + p.name + "'s tuning maximum of " + p.rule.bounds().max()
                    + " (attune.pool.<name>.max raises it, up to " + PoolBounds.MAX_THREADS + ")";
        }
        int fromCore = pool.getCorePoolSize();
        int fromMax = pool.getMaximumPoolSize();
        PoolResizeActuator.Outcome outcome = p.agentResized(PoolResizeActuator.resizeTo(pool, size, p.appMax));
        if (outcome == PoolResizeActuator.Outcome.FAILED) {
            return "failed: the pool refused size " + size;
        }
        p.pinned = size;
        if (p.rule != null) {
            p.rule.interrupted();
        }
        record(LogLevel.INFO, "pool_resize", p, "pin", fromCore, size, fromMax, pool.getMaximumPoolSize(),
                modeOf(p), "pinned over JMX", "", true);
        p.view.decision("pinned at " + size, "pinned over JMX", modeOf(p).key(), p.enabled, size);
        return p.name + " pinned at " + size;
    }

    private boolean revert(TunedPool p) {
        ThreadPoolExecutor pool = p.probe.pool();
        if (pool == null) {
            return false;
        }
        int fromCore = pool.getCorePoolSize();
        int fromMax = pool.getMaximumPoolSize();
        p.pinned = 0;
        if (p.rule != null) {
            p.rule.interrupted();
        }
        PoolResizeActuator.Outcome outcome = p.agentResized(PoolResizeActuator.resizeTo(pool, p.appCore, p.appMax));
        if (outcome != PoolResizeActuator.Outcome.APPLIED) {
            return false;
        }
        record(LogLevel.INFO, "pool_resize", p, "revert", fromCore, p.appCore, fromMax, p.appMax,
                modeOf(p), "reverted over JMX to the application's own sizes", "", true);
        return true;
    }
}
