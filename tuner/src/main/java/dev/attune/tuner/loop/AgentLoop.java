package dev.attune.tuner.loop;

import dev.attune.instrumentation.advice.TransformEvents;
import dev.attune.instrumentation.encode.ManyToOneRingBufferStripes;
import dev.attune.instrumentation.encode.EventCodec;
import dev.attune.instrumentation.encode.HotMethodCounts;
import dev.attune.instrumentation.encode.MethodIds;
import dev.attune.instrumentation.encode.SignalCodec;
import dev.attune.tuner.aggregate.MethodAggregator;
import dev.attune.tuner.aggregate.MethodFigures;
import dev.attune.tuner.aggregate.PoolAggregator;
import dev.attune.tuner.aggregate.SignalAggregator;
import dev.attune.tuner.decide.AlertTransition;
import dev.attune.tuner.decide.LatencyAlertRule;
import dev.attune.tuner.report.jmx.AgentView;
import dev.attune.tuner.report.jmx.BusiestMethods;
import dev.attune.tuner.report.jmx.JmxConsole;
import dev.attune.tuner.report.log.AgentLog;
import dev.attune.tuner.report.log.LogLevel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.management.ObjectName;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.NanoClock;

/**
 * The agent thread's duty cycle: observe (drain the ring buffers) → aggregate (histograms) → at each
 * control period, the tuner's decide and act → at each interval, decide (alert rules) → report (log lines, JMX).
 *
 * <p>{@link #doWork()} returns how much it did, so the idle strategy backs off when there is nothing
 * to do. Draining is bounded per call (a few thousand events a stripe) so an interval rolls on time
 * even under a flood of events. Everything here runs on the one agent thread, so nothing is locked.
 */
public final class AgentLoop implements Agent {

    /** Most events read from one stripe per duty cycle. */
    public static final int DRAIN_LIMIT = 4096;

    private final LoopSettings settings;
    private final ManyToOneRingBufferStripes stripes;
    private final MethodIds ids;
    private final TransformEvents transforms;
    private final List<LatencyAlertRule> alerts;
    private final AgentLog log;
    private final AgentView agentView;
    private final NanoClock clock;
    private final MethodAggregator aggregator;
    private final HotMethodCounts hot;
    private final SignalAggregator signals;
    private final PoolAggregator pools = new PoolAggregator();
    private final MessageHandler dispatch;
    private final List<IntervalTask> intervalTasks = new CopyOnWriteArrayList<>();
    private final List<ControlTask> controlTasks = new CopyOnWriteArrayList<>();
    private final List<DutyCycleTask> dutyCycleTasks = new CopyOnWriteArrayList<>();
    private final List<Runnable> samplers = new CopyOnWriteArrayList<>();
    private volatile Function<String, Path> alertSnapshots = alert -> null;

    private long nextRollNanos;
    private long nextControlNanos;
    private volatile long eventsRecorded;
    private volatile long premainReturnedNanos = Long.MAX_VALUE;
    private volatile boolean closing;
    private JmxConsole jmx;
    private boolean jmxFailed;
    private int methodsKnown;
    private BusiestMethods busiest = new BusiestMethods(BusiestMethods.DEFAULT_LIMIT);
    private final Map<MethodFigures, ObjectName> methodBeans = new HashMap<>();
    private long methodsSelectedAtRoll = -1;

    /** Creates the loop; nothing runs until its thread calls {@link #doWork()}. */
    public AgentLoop(LoopSettings settings, ManyToOneRingBufferStripes stripes, MethodIds ids,
                     TransformEvents transforms, List<LatencyAlertRule> alerts, AgentLog log, AgentView agentView,
                     NanoClock clock) {
        this(settings, stripes, ids, HotMethodCounts.none(), new MethodIds(4096), transforms, alerts, log, agentView,
                clock);
    }

    /**
     * Creates the loop with {@code hot} holding the hot methods' in-place counts and {@code frames} naming the
     * frames of execution samples.
     */
    public AgentLoop(LoopSettings settings, ManyToOneRingBufferStripes stripes, MethodIds ids, HotMethodCounts hot,
                     MethodIds frames, TransformEvents transforms, List<LatencyAlertRule> alerts, AgentLog log,
                     AgentView agentView, NanoClock clock) {
        this.settings = settings;
        this.stripes = stripes;
        this.ids = ids;
        this.transforms = transforms;
        this.alerts = List.copyOf(alerts);
        this.log = log;
        this.agentView = agentView;
        this.clock = clock;
        long now = clock.nanoTime();
        this.hot = hot;
        this.aggregator = new MethodAggregator(ids, hot, now);
        this.signals = new SignalAggregator(frames, now);
        // One pipeline: method exits to the method histograms, pool task times to the pools' histograms,
        // everything else to the signal accumulators.
        this.dispatch = (type, buffer, index, length) -> {
            if (EventCodec.isMethodExit(type)) {
                aggregator.onMessage(type, buffer, index, length);
            } else if (SignalCodec.isPoolEvent(type)) {
                pools.onMessage(type, buffer, index, length);
            } else {
                signals.onMessage(type, buffer, index, length);
            }
        };
        this.nextRollNanos = now + settings.intervalNanos();
        this.nextControlNanos = now + controlPeriodNanos();
    }

    private long controlPeriodNanos() {
        return Math.min(settings.controlPeriodNanos(), settings.intervalNanos());
    }

    /** Says premain has returned, so JMX may now be touched (after the configured delay). Any thread. */
    public void premainReturned() {
        premainReturnedNanos = clock.nanoTime();
    }

    @Override
    public int doWork() {
        int work = drain();
        long now = clock.nanoTime();
        if (ids.count() != methodsKnown) {
            work += aggregator.discoverMethods();
            methodsKnown = ids.count();
        }
        int promoted = aggregator.checkHotMethods(now);
        if (promoted > 0) {
            for (int i = hot.promotedCount() - promoted; i < hot.promotedCount(); i++) {
                // Once a method at most: says why its calls no longer pass through the ring buffers.
                log.info("method_counted_in_place").kv("method", aggregator.nameOf(hot.promotedId(i)))
                        .kv("threshold_calls_per_s", hot.promotionRate()).emit();
            }
            work += promoted;
        }
        if (now - nextControlNanos >= 0) {
            controlStep(now);
            nextControlNanos = next(nextControlNanos, now, controlPeriodNanos());
            work++;
        }
        if (now - nextRollNanos >= 0) {
            rollInterval(now);
            nextRollNanos = next(nextRollNanos, now, settings.intervalNanos());
            work++;
        }
        work += reportTransforms();
        work += registerMBeans(now);
        for (DutyCycleTask task : dutyCycleTasks) {
            try {
                work += task.doWork(jmx);
            } catch (RuntimeException e) {
                log.error("duty_cycle_task_failed").kv("task", task.getClass().getSimpleName())
                        .kv("error", e.toString()).emit();
            }
        }
        // Published once a cycle: ring reads, hot-method sweeps and rolls all add to it.
        long recorded = aggregator.eventsRecorded();
        if (recorded != eventsRecorded) {
            eventsRecorded = recorded;
        }
        return work;
    }

    /** Fixed cadence; if the thread was held up for more than a period, restart from now. */
    private static long next(long due, long now, long period) {
        return now - due > period ? now + period : due + period;
    }

    private void controlStep(long now) {
        pools.roll();
        runEach(controlTasks, task -> task.afterPeriod(now), "control_task_failed");
    }

    /** Runs {@code step} on each task; a task that throws costs only its own step, said in one line. */
    private <T> void runEach(List<T> tasks, java.util.function.Consumer<T> step, String failedEvent) {
        for (T task : tasks) {
            try {
                step.accept(task);
            } catch (RuntimeException e) {
                log.error(failedEvent).kv("task", task.getClass().getSimpleName()).kv("error", e.toString()).emit();
            }
        }
    }

    private int drain() {
        return stripes.drain(dispatch, DRAIN_LIMIT);
    }

    private void rollInterval(long now) {
        if (!samplers.isEmpty()) {
            // Samplers write the closing interval's counters; drain them so they count in that interval.
            for (Runnable sampler : samplers) {
                try {
                    sampler.run();
                } catch (RuntimeException e) {
                    log.error("sampler_failed").kv("error", e.toString()).emit();
                }
            }
            drain();
        }
        aggregator.roll(now);
        signals.roll(now);
        for (LatencyAlertRule rule : alerts) {
            AlertTransition t = rule.evaluate(aggregator.figures(rule.method()));
            if (t != AlertTransition.NONE) {
                String unit = rule.logUnit().isEmpty() ? "" : "_" + rule.logUnit();
                // The snapshot's file is named before the line is written, so the line can name it.
                Path jfr = t == AlertTransition.FIRING ? alertSnapshots.apply(rule.name()) : null;
                AgentLog.Line line = log.at(t == AlertTransition.FIRING ? LogLevel.WARN : LogLevel.INFO, "alert")
                        .kv("state", t == AlertTransition.FIRING ? "firing" : "resolved")
                        .kv("alert", rule.name())
                        .kv("method", rule.method())
                        .kv("stat", rule.statKey())
                        .kv("value" + unit, rule.lastValueInLogUnit())
                        .kv("threshold" + unit, rule.thresholdInLogUnit())
                        .kv("intervals", rule.intervals())
                        .kv("rule", rule.expression());
                if (jfr != null) {
                    line.kv("jfr", jfr.toString());
                }
                line.emit();
            }
        }
        if (settings.summary()) {
            for (MethodFigures f : aggregator.figures()) {
                if (f.count() > 0) {
                    summary(f, false);
                }
            }
        }
        runEach(intervalTasks, task -> task.afterRoll(now), "interval_task_failed");
    }

    /** Adds work to run on the agent thread once a control period, in the order added. Any thread. */
    public void addControlTask(ControlTask task) {
        controlTasks.add(task);
    }

    /** Adds work to run on the agent thread after each interval's roll, in the order added. Any thread. */
    public void addIntervalTask(IntervalTask task) {
        intervalTasks.add(task);
    }

    /**
     * Sets what takes a flight-recorder snapshot when an alert fires: given the alert's name, the file the snapshot
     * goes to (it may be written a moment later, off the agent thread), or null for none. Called on the agent
     * thread; set before the loop starts.
     */
    public void snapshotsOnAlert(Function<String, Path> snapshots) {
        this.alertSnapshots = snapshots;
    }

    /** Adds a sampler run on the agent thread just before each interval ends (OS counters). Any thread. */
    public void addSampler(Runnable sampler) {
        samplers.add(sampler);
    }

    /** True once premain has returned (or the agent was attached): the application is up. Any thread. */
    public boolean applicationUp() {
        return premainReturnedNanos != Long.MAX_VALUE;
    }

    /** Adds work to run on the agent thread every duty cycle (at least every 50 ms, more often under load). Any thread. */
    public void addDutyCycleTask(DutyCycleTask task) {
        dutyCycleTasks.add(task);
    }

    /** The process signals' aggregator: its snapshot is readable from any thread. */
    public SignalAggregator signals() {
        return signals;
    }

    /** The pools' task-time aggregator (agent thread only). */
    public PoolAggregator pools() {
        return pools;
    }

    /** The method figures' aggregator (its figures are readable from any thread). */
    public MethodAggregator methods() {
        return aggregator;
    }

    private void summary(MethodFigures f, boolean total) {
        log.info(total ? "method_total" : "method_summary")
                .kv("method", f.name())
                .kv("count", total ? f.totalCount() : f.count())
                .kv("throughput_per_s", total ? f.totalThroughputPerSec() : f.throughputPerSec())
                .kv("errors", total ? f.totalErrors() : f.errors())
                .kv("mean_us", (total ? f.totalMeanNanos() : f.meanNanos()) / 1e3)
                .kv("p50_us", (total ? f.totalP50Nanos() : f.p50Nanos()) / 1e3)
                .kv("p90_us", (total ? f.totalP90Nanos() : f.p90Nanos()) / 1e3)
                .kv("p99_us", (total ? f.totalP99Nanos() : f.p99Nanos()) / 1e3)
                .kv("p999_us", (total ? f.totalP999Nanos() : f.p999Nanos()) / 1e3)
                .kv("max_us", (total ? f.totalMaxNanos() : f.maxNanos()) / 1e3)
                .emit();
    }

    private int reportTransforms() {
        int work = 0;
        for (String error; work < 16 && (error = transforms.pollError()) != null; work++) {
            log.warn("instrumentation_failed").kv("detail", error).emit();
        }
        for (String type; work < 32 && (type = transforms.pollTransformed()) != null; work++) {
            log.debug("class_instrumented").kv("class", type).emit();
        }
        return work;
    }

    private int registerMBeans(long now) {
        if (!settings.jmxEnabled() || jmxFailed || now - premainReturnedNanos < settings.jmxDelayNanos()
                || premainReturnedNanos == Long.MAX_VALUE) {
            return 0;
        }
        // Method MBeans follow the busiest methods, chosen again once an interval, after the roll.
        long rolls = aggregator.rolls();
        if (jmx != null && methodsSelectedAtRoll == rolls) {
            return 0;
        }
        try {
            if (jmx == null) {
                jmx = JmxConsole.onPlatformServer();
                jmx.registerAgent(agentView);
                log.info("jmx_registered").kv("domain", JmxConsole.DOMAIN).emit();
            }
            methodsSelectedAtRoll = rolls;
            busiest.select(aggregator.publishedFigures());
            for (MethodFigures f : busiest.leaving()) {
                jmx.unregister(methodBeans.remove(f));
            }
            for (MethodFigures f : busiest.entering()) {
                methodBeans.put(f, jmx.registerMethod(f));
            }
            return busiest.entering().size() + busiest.leaving().size() + 1;
        } catch (Exception | LinkageError e) {
            jmxFailed = true;
            log.error("jmx_failed").kv("error", e.toString()).kv("effect", "no MBeans; timing and log go on").emit();
            return 1;
        }
    }

    /** Keeps a method MBean for the {@code max} busiest methods only. Call before the loop starts. */
    public void limitMethodMBeans(int max) {
        busiest = new BusiestMethods(max);
    }

    /** Events recorded into histograms since start; readable from any thread. */
    public long eventsRecorded() {
        return eventsRecorded;
    }

    /** The aggregator's published figures, for readers such as tests. */
    public List<MethodFigures> figures() {
        return aggregator.figures();
    }

    @Override
    public void onStart() {
        // Writers unpark this thread as stripes fill, so it may park long between drains.
        stripes.wakeOnFill(Thread.currentThread());
    }

    /** Nanoseconds until the next control step or interval roll (negative when due; 0 once closing); agent thread. */
    public long nanosToNextRoll() {
        long now = clock.nanoTime();
        return closing ? 0 : Math.min(nextRollNanos - now, nextControlNanos - now);
    }

    /** Ends the agent thread's park and keeps it from parking again, so that a close that follows is quick. */
    public void wakeToClose() {
        closing = true;
        wake();
    }

    /** Ends the agent thread's park now, e.g. to carry out a JMX request at once. Any thread. */
    public void wake() {
        stripes.wakeReader();
    }

    // How long the final drain may take: threads that keep timing calls during shutdown (a method that throws
    // goes through the ring buffers every time) must not hold up the application's exit.
    private static final long FINAL_DRAIN_NANOS = 200_000_000L;

    @Override
    public void onClose() {
        stripes.wakeOnFill(null);
        // Final drain so the last calls before shutdown are counted, then one partial interval.
        long left = drainUntil(clock.nanoTime() + FINAL_DRAIN_NANOS);
        aggregator.discoverMethods();
        aggregator.roll(clock.nanoTime());
        if (settings.summary()) {
            for (MethodFigures f : aggregator.figures()) {
                if (f.totalCount() > 0) {
                    summary(f, true);
                }
            }
        }
        eventsRecorded = aggregator.eventsRecorded();
        agentView.stopped();
        log.info("agent_stopped")
                .kv("events_recorded", aggregator.eventsRecorded())
                .kv("events_dropped", stripes.dropped() + left)
                .kv("methods_timed", ids.count())
                .emit();
    }

    /** Drains until the stripes give nothing or {@code deadline} passes; returns the events left unread then. */
    private long drainUntil(long deadline) {
        while (drain() > 0 && clock.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
        }
        return stripes.unread();
    }

    @Override
    public String roleName() {
        return "attune-agent";
    }
}
