package dev.attune.tuner.loop;

import dev.attune.instrumentation.signals.JfrSignalStream;
import dev.attune.instrumentation.signals.OsSignalSampler;
import dev.attune.instrumentation.signals.SignalProblems;
import dev.attune.tuner.act.SignalsSwitch;
import dev.attune.tuner.report.jmx.JmxConsole;
import dev.attune.tuner.report.log.AgentLog;
import java.util.function.BooleanSupplier;

/**
 * Starts the signal sources once the application is up, samples the OS counters once an interval, and pauses
 * JFR's sampling while the circuit breaker is open.
 *
 * <p>Threads: the first steps are slow (JFR sets itself up in a few hundred milliseconds, OSHI's first use
 * takes as long), so they run on a one-shot daemon thread, {@code attune-signals-start}, and the agent thread
 * keeps draining meanwhile. That thread ends when both are done and publishes {@link #ready} (a volatile
 * write, so the agent thread's later samples see the started sampler). From then on the agent thread calls
 * {@link #sampleBeforeRoll()} just before each interval ends, so the counters land in the interval they
 * describe, and JFR events arrive on {@code attune-jfr}.
 *
 * <p>Never in premain: {@code applicationUp} turns true only once premain has returned (or after a dynamic
 * attach), and the start waits {@link #START_DELAY_NANOS} more. Why the wait: premain runs inside the JVM's
 * start-up, and the JVM finishes starting only after it returns; a JFR started in that gap refuses, and on JDK
 * 25 its refusal ("An attempt was made to start JFR too early") is printed on the application's standard output.
 */
public final class SignalSourcesTask implements DutyCycleTask, IntervalTask {

    /** How long after premain has returned the sources start: the JVM's start-up is long over by then. */
    static final long START_DELAY_NANOS = 1_000_000_000L;

    private final JfrSignalStream jfr;
    private final OsSignalSampler os;
    private final BooleanSupplier applicationUp;
    private final BooleanSupplier paused;
    private final SignalProblems problems;
    private volatile boolean ready;
    private boolean startRequested;
    private long upSinceNanos;
    private boolean samplingPaused;
    private final SignalsSwitch onOff;
    private final AgentLog log;
    private boolean appliedOn = true;

    /**
     * Creates the task.
     *
     * @param jfr           the JFR stream, or null when JFR signals are off
     * @param os            the OS sampler, or null when OS signals are off
     * @param applicationUp true once premain has returned
     * @param paused        true while the circuit breaker is open
     * @param problems      where a source that could not start is reported
     * @param onOff         the user's switch: off pauses every JFR event and the OS sampling
     * @param log           where each switch is said
     */
    public SignalSourcesTask(JfrSignalStream jfr, OsSignalSampler os, BooleanSupplier applicationUp,
                             BooleanSupplier paused, SignalProblems problems, SignalsSwitch onOff, AgentLog log) {
        this.onOff = onOff;
        this.log = log;
        this.jfr = jfr;
        this.os = os;
        this.applicationUp = applicationUp;
        this.paused = paused;
        this.problems = problems;
    }

    @Override
    public int doWork(JmxConsole jmx) {
        if (ready && onOff.isOn() != appliedOn) {
            appliedOn = onOff.isOn();
            if (jfr != null) {
                jfr.events(appliedOn);
            }
            log.info(appliedOn ? "signals_resumed" : "signals_paused").kv("by", "jmx")
                    .kv("effect", appliedOn ? "JFR events and OS counters flow again"
                            : "JFR events paused (the recording stays open, idle), OS counters not sampled")
                    .emit();
            return 1;
        }
        if (startRequested || !applicationUp.getAsBoolean()) {
            return 0;
        }
        long now = System.nanoTime();
        if (upSinceNanos == 0) {
            upSinceNanos = now;
            return 0;
        }
        if (now - upSinceNanos < START_DELAY_NANOS) {
            return 0;
        }
        startRequested = true;
        Thread starter = new Thread(this::startSources, "attune-signals-start");
        starter.setDaemon(true);
        starter.start();
        return 1;
    }

    private void startSources() {
        // Anything at all (an OutOfMemoryError in a JVM already short of heap) becomes one line, never a stack
        // trace on the application's standard error.
        try {
            if (jfr != null) {
                jfr.start();
            }
        } catch (Throwable t) {
            problems.skipped("jfr", "JFR signals", t.toString());
        }
        try {
            if (os != null) {
                os.sample(); // the first sample starts OSHI and sets the baselines of the deltas
            }
        } catch (Throwable t) {
            problems.skipped("os", "OS signals", t.toString());
        }
        ready = true;
    }

    /** Samples the OS counters; the agent loop calls it just before each roll. Agent thread only. */
    public void sampleBeforeRoll() {
        if (ready && os != null && appliedOn) {
            os.sample();
        }
    }

    @Override
    public void afterRoll(long nowNanos) {
        // Runs after the breaker has decided for this interval: follow it with JFR's sampling.
        boolean pause = paused.getAsBoolean();
        if (ready && jfr != null && pause != samplingPaused) {
            jfr.sampling(!pause);
            samplingPaused = pause;
        }
    }

}
