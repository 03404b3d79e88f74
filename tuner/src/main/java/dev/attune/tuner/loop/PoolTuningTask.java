package dev.attune.tuner.loop;

import dev.attune.bootstrap.PoolProbe;
import dev.attune.bootstrap.PoolTap;
import dev.attune.instrumentation.encode.SignalCodec;
import dev.attune.instrumentation.signals.RunQueueWaits;
import dev.attune.tuner.aggregate.MethodFigures;
import dev.attune.tuner.aggregate.PoolAggregator;
import dev.attune.tuner.aggregate.SignalSnapshot;
import dev.attune.tuner.control.ControlStep;
import dev.attune.tuner.decide.PoolDecision;
import dev.attune.tuner.decide.PoolSample;
import dev.attune.tuner.decide.ProcessSample;
import dev.attune.tuner.report.jmx.JmxConsole;
import dev.attune.tuner.report.log.AgentLog;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.management.JMException;

/**
 * Thread pools as a kind of tuned resource, on the agent thread: their registry (pools found by the advice on
 * {@code ThreadPoolExecutor}, named, their MBeans registered, and retired when gone) and, each control period, their
 * measurement (the pool's counters and the task times aggregated from the ring buffers, {@link TunedPool#measure})
 * and rule ({@link dev.attune.tuner.decide.PoolSizeRule}). Applying, advising, modes, JMX commands, the audit trail
 * and notifications are the shared {@link ControlStep}'s. Each reporting interval it evaluates the pools' saturation
 * alerts.
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
    private final ControlStep step;
    private final long[] workerIds = new long[1024];
    private final ClassLoader agentLoader;
    private final ArrayDeque<Integer> freeIds = new ArrayDeque<>();
    private ThreadMXBean threadMx;
    private RunQueueWaits runQueue;
    private int nextId;
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
    public PoolTuningTask(PoolTuningSettings settings, ControlStep step, PoolAggregator times,
                          Supplier<SignalSnapshot> signals,
                          Function<String, MethodFigures> methods, BooleanSupplier paused, AgentLog log,
                          ClassLoader agentLoader, long periodNanos, long nowNanos) {
        this.settings = settings;
        this.times = times;
        this.methods = methods;
        this.paused = paused;
        this.log = log;
        this.process = new ProcessSampler(signals);
        this.agentLoader = agentLoader;
        this.step = step;
        this.lastRollNanos = nowNanos - periodNanos;
        step.addKind("pool", pools);
    }

    // ---- every duty cycle: registration ----

    @Override
    public int doWork(JmxConsole jmx) {
        int work = PoolTap.registerNewcomers(this::nextId, this::ownedByAgent, this::found);
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
                p.saturation.endInterval(p.name(), log);
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
            boolean breakerOpen = paused.getAsBoolean();
            step.control(p, decides -> decide(p, pool, decides, seconds, processSample, slo, breakerOpen));
        }
        step.publishNames();
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
        if (p.name() != null) {
            names.release(p.name());
            log.info("pool_gone").kv("pool", p.name()).kv("reason", why).emit();
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
        p.nameAs(names.unique(configured != null ? configured.name() : PoolNames.fromThreadName(thread)), configured,
                settings);
        AgentLog.Line found = log.info("pool_found").kv("pool", p.name()).kv("class", p.poolClass)
                .kv("core", p.appCore).kv("max", p.appMax)
                .kv("queue", p.queueKind.key()).kv("mode", step.modeOf(p).key());
        if (p.rule != null) {
            found.kv("tuning_min", p.rule.bounds().min()).kv("tuning_max", p.rule.bounds().max());
        } else {
            found.kv("tuned", false).kv("reason", p.untunedReason);
        }
        found.emit();
        if (p.rule != null && p.queueUnbounded() && p.appMax > p.appCore) {
            // Said once, when found: with an unbounded queue the pool never starts threads beyond its core.
            log.warn("pool_max_ignored").kv("pool", p.name()).kv("core", p.appCore).kv("max", p.appMax)
                    .kv("detail", "the queue is unbounded, so threads beyond the core size never start:"
                            + " raising the maximum cannot help; only the core size is tuned").emit();
        }
        return true;
    }

    /** The pool's side of a control period: adopt the application's own resizes, measure, and let the rule decide. */
    private PoolDecision decide(TunedPool p, ThreadPoolExecutor pool, boolean decides, double seconds,
                                ProcessSample processSample, double slo, boolean breakerOpen) {
        String before = p.adoptApplicationSizes(pool, settings);
        if (before != null) {
            // Said once per change the application makes: from now on its sizes are the baseline.
            AgentLog.Line line = log.info("pool_app_resized").kv("pool", p.name()).kv("old", before)
                    .kv("core", p.appCore).kv("max", p.appMax).kv("tuned", p.rule != null);
            if (p.rule != null) {
                line.kv("tuning_min", p.rule.bounds().min()).kv("tuning_max", p.rule.bounds().max());
            } else {
                line.kv("reason", p.untunedReason);
            }
            step.audit().add(line.kv("detail", "the application resized the pool itself: its sizes are the new"
                    + " baseline, never fought").emitAndReturn(), true);
        }
        PoolSample sample = p.measure(pool, times.times(p.probe.id()), seconds, slo, threadMx, runQueue, workerIds);
        PoolDecision d = decides && p.rule != null ? p.rule.decide(sample, processSample, breakerOpen) : null;
        if (d == null && p.rule != null) {
            p.rule.observe(sample); // no decision, but the baseline (and so the saturation alert) keeps learning
        }
        if (p.rule != null) {
            // Until a baseline is learned (or a target set) only rejections count: a cold start is not saturation.
            boolean known = p.rule.bounds().targetWaitNanos() > 0 || !Double.isNaN(p.rule.baselineWaitNanos());
            p.saturation.observe(sample, known ? p.rule.waitThresholdNanos() : Long.MAX_VALUE);
        }
        return d;
    }
}
