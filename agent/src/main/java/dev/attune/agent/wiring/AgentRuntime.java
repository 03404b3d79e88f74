package dev.attune.agent.wiring;

import dev.attune.bootstrap.MethodTimer;
import dev.attune.bootstrap.PoolTap;
import dev.attune.instrumentation.advice.DeferredTimingTransformer;
import dev.attune.instrumentation.advice.TimingInstaller;
import dev.attune.instrumentation.advice.TransformEvents;
import dev.attune.instrumentation.encode.HotMethodCounts;
import dev.attune.instrumentation.encode.ManyToOneRingBufferStripes;
import dev.attune.instrumentation.encode.MethodIds;
import dev.attune.instrumentation.encode.RingBufferMethodSink;
import dev.attune.instrumentation.encode.RingBufferPoolSink;
import dev.attune.instrumentation.match.MethodPattern;
import dev.attune.instrumentation.match.MethodSelection;
import dev.attune.instrumentation.pools.PoolInstaller;
import dev.attune.tuner.decide.LatencyAlertRule;
import dev.attune.tuner.loop.AgentLoop;
import dev.attune.tuner.loop.DrainCadenceIdleStrategy;
import dev.attune.tuner.loop.LoopSettings;
import dev.attune.tuner.control.ControlStep;
import dev.attune.tuner.loop.PoolTuningTask;
import dev.attune.tuner.loop.TunerTask;
import dev.attune.tuner.report.jmx.AgentView;
import dev.attune.tuner.report.jmx.MethodTable;
import dev.attune.tuner.report.log.AgentLog;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SystemNanoClock;

/**
 * Builds the pipeline once the JVM is prepared: observe (ring buffers, sink, advice) → aggregate,
 * decide, report (the agent loop on its own daemon thread).
 *
 * <p>Threads: one, {@code attune-agent}, a daemon, plus {@code attune-shutdown}, a shutdown hook that
 * drains what is left and writes the last lines. The transformer runs on class-loading threads and
 * only records; everything else happens on the agent thread.
 */
final class AgentRuntime {

    /** Most distinct methods timed: ids, names and figures stay bounded, and more would give little insight. */
    static final int MAX_METHODS = 10_000;

    /**
     * Heap of attune.memory.max kept for all but the method figures: hot-method counts (2 MB at most), method and
     * frame names, JMX views, the log. The figures get the rest.
     */
    static final long HEAP_BESIDES_FIGURES = HotMethodCounts.DEFAULT_BUDGET_BYTES + (4L << 20);

    // Drain at least every 50 ms: writers wake the agent thread each time a stripe fills another quarter
    // (16,384 events of a 1 MiB stripe), so the buffers do not need a shorter period. It bounds how late the
    // agent thread's other work happens (pool discovery, MBean registration, EventsRecorded); interval rolls,
    // JMX requests, the signals' switch and shutdown wake it on time. An idle agent thread wakes twenty times a
    // second, not a thousand.
    private static final long DRAIN_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    // The shutdown hook's wait for the agent thread: its final drain is bounded to 200 ms, the rest is a few lines.
    private static final int CLOSE_WAIT_MS = 2000;

    /** Most distinct frames named by execution samples (the hot methods); beyond it samples are not named. */
    static final int MAX_FRAMES = 4096;

    private AgentRuntime() {
    }

    /** Builds and starts the pipeline; {@code startNanos}, when premain began, dates the start-up cost logged. */
    static Runnable start(Instrumentation instrumentation, Settings settings, AgentLog log, boolean attached,
                          long startNanos) {
        MethodSelection selection = selection(settings.methods(), log);
        List<LatencyAlertRule> alerts = alerts(settings.alerts(), log);

        ManyToOneRingBufferStripes stripes = new ManyToOneRingBufferStripes(
                settings.bufferBytes(), ManyToOneRingBufferStripes.defaultStripeCount());
        HotMethodCounts hot = new HotMethodCounts(MAX_METHODS, stripes.stripeCount(),
                HotMethodCounts.DEFAULT_BUDGET_BYTES, settings.hotMethodRate());
        if (!MethodTimer.install(new RingBufferMethodSink(stripes, hot))) {
            log.warn("agent_already_running").kv("effect", "this second start is ignored").emit();
            return null;
        }
        MethodIds ids = new MethodIds(MAX_METHODS);
        TransformEvents transforms = new TransformEvents();
        AgentLoop[] loopRef = new AgentLoop[1]; // the view reads the loop's counter; the loop needs the view
        AgentView view = new AgentView(version(), settings.configSource(), settings.problems(), settings.methods(),
                settings.intervalNanos() / 1e9, (long) stripes.stripeCount() * stripes.stripeCapacity(),
                () -> loopRef[0] == null ? 0 : loopRef[0].eventsRecorded(), stripes::dropped, ids::count, transforms::transformedCount, transforms::errorCount);
        MethodIds frames = new MethodIds(MAX_FRAMES);
        AgentLoop loop = new AgentLoop(
                new LoopSettings(settings.intervalNanos(), settings.tunerPeriodNanos(), settings.summary(),
                        settings.jmxEnabled(), settings.jmxDelayNanos()),
                stripes, ids, hot, frames, transforms, alerts, log, view, new SystemNanoClock());
        loopRef[0] = loop;
        long figuresBudget = settings.memoryMaxBytes() - HEAP_BESIDES_FIGURES;
        loop.methods().limitMemory(figuresBudget, methods -> log.warn("method_histograms_dropped")
                .kv("methods", methods).kv("memory_max_bytes", settings.memoryMaxBytes())
                .kv("effect", "the least-called methods keep counts, mean and max, no percentiles").emit());
        loop.limitMethodMBeans(settings.jmxMethods());
        view.showMethodTable(new MethodTable(loop.methods()::publishedFigures));
        // Signals first: the breaker decides in each interval before the tuner reads it.
        BooleanSupplier paused = SignalsWiring.start(settings.signals(), loop, stripes, frames, log);
        AgentRunner runner = new AgentRunner(
                new DrainCadenceIdleStrategy(DRAIN_PERIOD_NANOS, AgentLoop.DRAIN_LIMIT, loop::nanosToNextRoll),
                error -> log.error("agent_loop_error").kv("error", error.toString()).emit(),
                null, loop);
        AgentRunner.startOnThread(runner, task -> {
            Thread thread = new Thread(task, "attune-agent");
            thread.setDaemon(true);
            return thread;
        });
        // The JFR stream is not closed here: JFR's own shutdown hook ends its recordings, and a close that waited
        // for a JFR start still under way could hold up the application's exit.
        // Agrona's close only clears a flag and joins: wake the agent thread out of its park first, so the
        // application's exit waits for the last drain, not for the rest of a 50 ms park.
        Thread hook = new Thread(() -> {
            loop.wakeToClose();
            close(runner, log);
        }, "attune-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        DeferredTimingTransformer timing = null;
        if (selection.isEmpty()) {
            log.warn("no_methods").kv("key", "attune.methods").kv("effect", "nothing is timed").emit();
        } else {
            // The gate only: Byte Buddy is built on the start thread, and until then a class that may be timed
            // waits as it loads, so every call of a timed method is still timed from the first.
            timing = TimingInstaller.register(instrumentation, selection);
        }
        // After an attach the application is already running, and with a + pattern any class may be timed (each
        // load would wait): the timing transformer is then built here, and is in place when this returns.
        boolean timingNow = timing != null && (attached || !selection.byNamesOnly());
        if (timingNow) {
            completeTiming(instrumentation, timing, selection, ids, transforms, startNanos, log);
        }
        boolean tuning = settings.tuner() != null;
        DeferredTimingTransformer gate = timingNow ? null : timing;
        if (gate != null || tuning) {
            // One thread, timing first: weaving ThreadPoolExecutor as well is Byte Buddy's first use when no method
            // is timed, and a pool needs no advice before its first use after it: it is found then. The two at
            // once only slow each other (and the JIT) down.
            Thread start = new Thread(() -> {
                if (gate != null) {
                    completeTiming(instrumentation, gate, selection, ids, transforms, startNanos, log);
                }
                if (tuning) {
                    startPoolTuning(instrumentation, settings, stripes, transforms, loop, paused, log);
                }
            }, "attune-start");
            start.setDaemon(true);
            if (gate != null) {
                gate.startedOn(start);
            }
            start.start();
        }
        log.info("agent_started")
                .kv("version", view.getVersion())
                .kv("attached", attached)
                .kv("methods", String.join(",", settings.methods()))
                .kv("interval_s", settings.intervalNanos() / 1e9)
                .kv("buffer_bytes", view.getRingBufferBytes())
                .kv("stripes", stripes.stripeCount())
                .kv("jmx", settings.jmxEnabled())
                .kv("alerts", alerts.size())
                .kv("jfr", settings.signals().jfr())
                .kv("os_counters", settings.signals().os())
                .kv("tuner", tuning ? settings.tuner().mode().key() : "off")
                .kv("tuner_period_s", settings.tunerPeriodNanos() / 1e9)
                .kv("config", settings.configSource())
                .kv("premain_ms", (System.nanoTime() - startNanos) / 1_000_000)
                .emit();
        return loop::premainReturned;
    }

    private static void completeTiming(Instrumentation instrumentation, DeferredTimingTransformer gate,
                                       MethodSelection selection, MethodIds ids, TransformEvents transforms,
                                       long startNanos, AgentLog log) {
        try {
            int failed = TimingInstaller.complete(instrumentation, gate, selection, ids, transforms);
            log.info("timing_ready").kv("since_premain_ms", (System.nanoTime() - startNanos) / 1_000_000)
                    .kv("retransform_failures", failed).emit();
        } catch (RuntimeException | LinkageError e) {
            log.error("timing_install_failed").kv("error", e.toString())
                    .kv("effect", "no method is timed; the rest of the agent goes on").emit();
        }
    }

    /**
     * Closes the agent thread, waiting at most {@link #CLOSE_WAIT_MS} for its last drain and lines. Agrona's own
     * close waits for ever, printing to the application's stderr every few seconds; its only way out is an
     * exception from the action it calls on each timeout.
     */
    private static void close(AgentRunner runner, AgentLog log) {
        try {
            runner.close(CLOSE_WAIT_MS, thread -> {
                throw new CloseTimedOut();
            });
        } catch (CloseTimedOut e) {
            log.warn("agent_close_timeout").kv("waited_ms", CLOSE_WAIT_MS)
                    .kv("effect", "the exit goes on; the last figures may be missing").emit();
        }
    }

    /** Ends Agrona's close loop; no stack trace, it never leaves {@link #close}. */
    private static final class CloseTimedOut extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CloseTimedOut() {
            super(null, null, false, false);
        }
    }

    /**
     * Pool discovery and tuning: the pool sink on the boot-loader tap, advice on {@code ThreadPoolExecutor}, and the
     * tuner's task on the agent loop (every duty cycle: newly seen pools and JMX requests; every control period:
     * measure, decide and act; every interval: the saturation alerts). Instrumenting {@code java.util.concurrent}
     * can fail (another agent, a JDK that refuses): that is logged and the rest of the agent carries on. Runs on
     * the one-shot thread {@code attune-start}, started in premain, after the timing advice; returns whether
     * tuning runs.
     *
     * @param paused true while the circuit breaker is open (the tuner then only holds)
     */
    static boolean startPoolTuning(Instrumentation instrumentation, Settings settings,
                                   ManyToOneRingBufferStripes stripes, TransformEvents transforms, AgentLoop loop,
                                   BooleanSupplier paused, AgentLog log) {
        ControlStep step = new ControlStep(settings.tuner().mode(), settings.tuner().readOnly(),
                settings.tuner().auditSize(), log);
        step.wakeAgentWith(loop::wake);
        PoolTuningTask task = new PoolTuningTask(settings.tuner(), step, loop.pools(), loop.signals()::snapshot,
                loop.methods()::figures, paused, log, isolatedLoader(), settings.tunerPeriodNanos(), System.nanoTime());
        PoolTap.install(new RingBufferPoolSink(stripes));
        try {
            PoolInstaller.install(instrumentation, transforms);
        } catch (RuntimeException | LinkageError e) {
            log.warn("pool_instrumentation_failed").kv("error", e.toString())
                    .kv("effect", "no pool is measured or tuned; method timing goes on").emit();
            return false;
        }
        loop.addDutyCycleTask(new TunerTask(step, log));
        loop.addDutyCycleTask(task);
        loop.addControlTask(task);
        loop.addIntervalTask(task);
        return true;
    }

    /** The agent's own class loader, or null when the agent's classes were not isolated (run from a class path). */
    private static ClassLoader isolatedLoader() {
        ClassLoader own = AgentRuntime.class.getClassLoader();
        return own == ClassLoader.getSystemClassLoader() ? null : own;
    }

    private static MethodSelection selection(List<String> patterns, AgentLog log) {
        List<MethodPattern> parsed = new ArrayList<>();
        for (String text : patterns) {
            MethodPattern.Parsed result = MethodPattern.parse(text);
            if (result.error() != null) {
                log.error("config_invalid").kv("key", "attune.methods").kv("value", text)
                        .kv("detail", result.error()).kv("effect", "this pattern is skipped").emit();
            } else {
                parsed.add(result.pattern());
            }
        }
        return MethodSelection.of(parsed);
    }

    private static List<LatencyAlertRule> alerts(Map<String, String> expressions, AgentLog log) {
        List<LatencyAlertRule> rules = new ArrayList<>();
        expressions.forEach((name, expression) -> {
            LatencyAlertRule.Parsed parsed = LatencyAlertRule.parse(name, expression);
            if (parsed.error() != null) {
                log.error("config_invalid").kv("key", "attune.alert." + name).kv("value", expression)
                        .kv("detail", parsed.error()).kv("effect", "this alert is skipped").emit();
            } else {
                rules.add(parsed.rule());
            }
        });
        return rules;
    }

    private static String version() {
        try (InputStream in = AgentRuntime.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
