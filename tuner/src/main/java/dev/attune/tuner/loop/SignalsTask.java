package dev.attune.tuner.loop;

import dev.attune.tuner.act.SignalsSwitch;
import dev.attune.tuner.aggregate.ResourceSample;
import dev.attune.tuner.aggregate.RightSizingFigures;
import dev.attune.tuner.aggregate.RightSizingWindow;
import dev.attune.tuner.aggregate.SignalSnapshot;
import dev.attune.tuner.decide.BreakerDecision;
import dev.attune.tuner.decide.RightSizingRecommendation;
import dev.attune.tuner.decide.RightSizingRule;
import dev.attune.tuner.decide.StressBreakerRule;
import dev.attune.tuner.report.jmx.HotMethodsView;
import dev.attune.tuner.report.jmx.JmxConsole;
import dev.attune.tuner.report.jmx.RightSizingView;
import dev.attune.tuner.report.jmx.SignalsView;
import dev.attune.tuner.report.log.AgentLog;
import dev.attune.tuner.report.log.LogLevel;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.management.JMException;

/**
 * The process signals' decide-and-report step on the agent thread, once an interval after the roll: the last
 * {@link SignalSnapshot} → {@link ResourceSample} → the stress breaker ({@link StressBreakerRule}) and the
 * right-sizing window and rule → log lines and the JMX views. Every duty cycle, once JMX may be touched, it
 * registers {@code dev.attune:type=Signals}, {@code HotMethods} and {@code RightSizing}.
 *
 * <p>Log lines: {@code event=breaker state=open|closed} on each transition (warn on open, info on close), with
 * the monitor, reason, figures and, on open, the flight-recorder snapshot file; {@code event=right_sizing} when
 * there is first enough data, then every {@code log-every} (10 minutes by default), and sooner, though at most
 * once a tenth of that, when the recommendation changes materially (a verdict, or a size by a quarter). Between
 * those the recommendation is on JMX only, so a figure hovering at a rounding edge cannot fill the log.
 *
 * <p>{@link #paused()} is the breaker's state for any thread: the tuner and the samplers read it.
 */
public final class SignalsTask implements IntervalTask, DutyCycleTask {

    private final SignalsSettings settings;
    private final Supplier<SignalSnapshot> signals;
    private final AgentLog log;
    private final Function<String, Path> jfr;
    private final StressBreakerRule breaker;
    private final RightSizingWindow window;
    private final RightSizingRule rule;
    private final SignalsView signalsView;
    private final HotMethodsView hotMethodsView;
    private final RightSizingView rightSizingView;
    private final BooleanSupplier paused;
    private RightSizingRecommendation logged;
    private long loggedAtNanos;
    private boolean registered;

    /**
     * Creates the task.
     *
     * @param signals  the last published snapshot ({@code AgentLoop.signals()::snapshot})
     * @param jfr      names (and has written) a flight-recorder snapshot for an opening breaker, or null for none
     * @param nowNanos the clock now, on the loop's clock
     */
    public SignalsTask(SignalsSettings settings, Supplier<SignalSnapshot> signals, AgentLog log, Function<String, Path> jfr,
                       long nowNanos) {
        this(settings, signals, log, jfr, new SignalsSwitch(false), nowNanos);
    }

    /** Creates the task with {@code onOff}, the user's switch for the signals, on the Signals MBean. */
    public SignalsTask(SignalsSettings settings, Supplier<SignalSnapshot> signals, AgentLog log, Function<String, Path> jfr,
                       SignalsSwitch onOff, long nowNanos) {
        this.settings = settings;
        this.signals = signals;
        this.log = log;
        this.jfr = jfr;
        this.breaker = new StressBreakerRule(settings.breakerHeapAfterGc(), settings.breakerCpu(),
                settings.breakerIntervals(), settings.breakerReliefIntervals(), settings.breakerMargin());
        this.window = new RightSizingWindow(settings.rightSizingWindowNanos());
        this.rule = new RightSizingRule(settings.rightSizingMinSamples());
        this.rightSizingView = new RightSizingView(rule.recommend(window.figures(nowNanos)), rule.minSamples());
        this.signalsView = new SignalsView(signals, breaker, () -> rightSizingView.last().text(), onOff);
        this.hotMethodsView = new HotMethodsView(signals);
        this.paused = breaker::isOpen;
    }

    /** True while the breaker is open: sampling and tuning pause. Any thread. */
    public BooleanSupplier paused() {
        return paused;
    }

    /** The breaker, for its state on any thread. */
    public StressBreakerRule breaker() {
        return breaker;
    }

    /** The view behind {@code dev.attune:type=Signals}. */
    public SignalsView signalsView() {
        return signalsView;
    }

    /** The view behind {@code dev.attune:type=HotMethods}. */
    public HotMethodsView hotMethodsView() {
        return hotMethodsView;
    }

    /** The view behind {@code dev.attune:type=RightSizing}. */
    public RightSizingView rightSizingView() {
        return rightSizingView;
    }

    @Override
    public void afterRoll(long nowNanos) {
        SignalSnapshot snapshot = signals.get();
        ResourceSample sample = ResourceSample.of(snapshot != null ? snapshot : SignalSnapshot.EMPTY);
        if (settings.breakerEnabled()) {
            report(breaker.evaluate(sample));
        }
        window.record(nowNanos, sample);
        RightSizingRecommendation r = rule.recommend(window.figures(nowNanos));
        rightSizingView.publish(r);
        long sinceLogged = nowNanos - loggedAtNanos;
        long every = settings.rightSizingLogEveryNanos();
        if (r.enoughData() && (logged == null || sinceLogged >= every
                || (r.differsMateriallyFrom(logged) && sinceLogged >= every / 10))) {
            report(r);
            logged = r;
            loggedAtNanos = nowNanos;
        }
    }

    private void report(BreakerDecision d) {
        if (d.transition() == BreakerDecision.Transition.NONE) {
            return;
        }
        boolean opened = d.transition() == BreakerDecision.Transition.OPENED;
        AgentLog.Line line = log.at(opened ? LogLevel.WARN : LogLevel.INFO, "breaker")
                .kv("state", opened ? "open" : "closed").kv("monitor", d.monitors()).kv("reason", d.reason())
                .pairs(d.evidence())
                .kv("effect", opened ? "sampling and tuning paused" : "sampling and tuning resumed");
        if (opened && jfr != null) {
            Path file = jfr.apply("breaker-" + d.monitors().replace(',', '-'));
            if (file != null) {
                line.kv("jfr", file.toString());
            }
        }
        line.emit();
    }

    private void report(RightSizingRecommendation r) {
        RightSizingFigures f = r.figures();
        log.info("right_sizing").kv("recommendation", r.text())
                .kv("cpu", r.cpuVerdict().name().toLowerCase(Locale.ROOT))
                .kv("heap", r.heapVerdict().name().toLowerCase(Locale.ROOT))
                .kv("cpu_cores_p95", f.cpuCoresP95()).kv("cpu_cores_peak", f.cpuCoresPeak())
                .kv("cores_available", f.coresAvailable()).kv("cores_low", r.coresLow()).kv("cores_high", r.coresHigh())
                .kv("heap_after_gc_p95_mb", mb(f.heapAfterGcP95Bytes()))
                .kv("heap_after_gc_peak_mb", mb(f.heapAfterGcPeakBytes())).kv("heap_max_mb", mb(f.heapMaxBytes()))
                .kv("heap_recommended_mb", mb(r.heapMaxBytes()))
                .kv("cpu_samples", f.cpuSamples()).kv("heap_samples", f.heapSamples())
                .kv("window_covered_s", f.coveredSeconds()).kv("window_s", f.windowSeconds())
                .emit();
    }

    private static double mb(double bytes) {
        return bytes / (1 << 20);
    }

    @Override
    public int doWork(JmxConsole jmx) {
        if (jmx == null || registered) {
            return 0;
        }
        registered = true; // once, even on failure: one warning, not one a millisecond
        try {
            jmx.registerSignals(signalsView);
            jmx.registerHotMethods(hotMethodsView);
            jmx.registerRightSizing(rightSizingView);
            return 1;
        } catch (JMException | RuntimeException e) {
            log.warn("jmx_failed").kv("error", e.toString())
                    .kv("effect", "Signals, HotMethods or RightSizing MBeans missing").emit();
            return 1;
        }
    }
}
