package dev.attune.instrumentation.signals;

import dev.attune.instrumentation.encode.ManyToOneRingBufferStripes;
import dev.attune.instrumentation.encode.MethodIds;
import java.io.IOException;
import java.nio.file.Path;

/**
 * JFR's view of the process (CPU, GC, allocation, contention, parks, safepoints, threads, hot methods) as
 * {@link dev.attune.instrumentation.encode.Signal}s on the ring buffers: the same pipeline as method events.
 *
 * <p>Start it once the application is up, never in premain: JFR's first start loads many classes and
 * starts its own threads. Events are read on one daemon thread, {@value JfrSession#THREAD_NAME}; JFR adds its
 * own ("JFR Recorder Thread", "JFR Periodic Tasks"). The recorded data of the last
 * {@link JfrSettings#maxAge()} stays on disk in JFR's repository so that {@link #dump(Path)} can write it.
 *
 * <p>Degrades, never fails: with no {@code jdk.jfr} module, JFR disabled ({@code -XX:-FlightRecorder}), or a
 * recording that cannot start, {@link #start()} returns false after one problem, and nothing is thrown.
 * This class itself refers to no JFR type, so it loads in a runtime without JFR.
 */
public final class JfrSignalStream implements AutoCloseable {

    private static final String WHAT = "JFR signals";

    private final JfrSettings settings;
    private final ManyToOneRingBufferStripes stripes;
    private final MethodIds frames;
    private final SignalProblems problems;
    private JfrSession session;
    private boolean eventsOn = true;
    private boolean samplingOn = true;
    private boolean closed;

    /** Creates a stream writing to {@code stripes}, naming sampled frames through {@code frames}. Not started. */
    public JfrSignalStream(JfrSettings settings, ManyToOneRingBufferStripes stripes, MethodIds frames,
                           SignalProblems problems) {
        this.settings = settings;
        this.stripes = stripes;
        this.frames = frames;
        this.problems = new ProblemsOnce(problems);
    }

    /**
     * Starts recording and streaming on {@value JfrSession#THREAD_NAME}; true when it started (or already
     * runs), false after one problem when JFR cannot record here. Any agent thread; JFR's first start in a
     * JVM sets it up on the calling thread (a few hundred milliseconds), events then flow about once a second.
     */
    public synchronized boolean start() {
        if (session != null || closed) {
            return session != null && session.running();
        }
        if (ModuleLayer.boot().findModule("jdk.jfr").isEmpty()) {
            problems.skipped("jfr", WHAT, "this runtime has no jdk.jfr module (a jlink image without it, "
                    + "or --limit-modules)");
            return false;
        }
        try {
            if (!JfrSession.recorderAvailable()) {
                problems.skipped("jfr", WHAT, "Flight Recorder is disabled (-XX:-FlightRecorder) "
                        + "or not supported by this JVM");
                return false;
            }
            JfrSession started = new JfrSession(settings, new JfrEventTranslator(stripes, frames, problems), problems);
            started.start();
            session = started;
            if (!eventsOn || !samplingOn) {
                apply("pausing events"); // switched off before the stream started
            }
            return true;
        } catch (RuntimeException | LinkageError e) {
            problems.skipped("jfr", WHAT, ProblemsOnce.describe(e));
            return false;
        }
    }

    /** True while the stream runs. Any thread. */
    public synchronized boolean isRunning() {
        return session != null && session.running();
    }

    /**
     * Writes the retained recording (about the last {@link JfrSettings#maxAge()}) to {@code destination} as a
     * {@code .jfr} file; true when written. Any agent thread; copies files, so it may take a moment, during which
     * the other methods do not wait for it (JFR orders a dump against a change of settings or a close itself; a
     * dump that loses to a close fails, and says so once).
     */
    public boolean dump(Path destination) {
        JfrSession current;
        synchronized (this) {
            current = session;
        }
        if (current == null || !current.running()) {
            problems.skipped("jfr", "dump to " + destination, "JFR signals are not running");
            return false;
        }
        try {
            current.dump(destination);
            return true;
        } catch (IOException | RuntimeException e) {
            problems.skipped("jfr", "dump to " + destination, ProblemsOnce.describe(e));
            return false;
        }
    }

    /**
     * Pauses (false) or resumes (true) execution and allocation sampling, as the circuit breaker asks under
     * stress; CPU, GC and heap events keep flowing so the breaker can see relief. Any agent thread.
     */
    public synchronized void sampling(boolean on) {
        samplingOn = on;
        apply("pausing sampling");
    }

    /**
     * Pauses (false) or resumes (true) every event, as a user switching the signals off asks; the recording
     * stays open but idle, so switching back on costs no JFR start. Any agent thread.
     */
    public synchronized void events(boolean on) {
        eventsOn = on;
        apply(on ? "resuming events" : "pausing events");
    }

    private void apply(String what) {
        if (session == null || !session.running()) {
            return; // not started yet: start() applies the state then
        }
        try {
            session.events(eventsOn, samplingOn);
        } catch (RuntimeException e) {
            problems.skipped("jfr", what, ProblemsOnce.describe(e));
        }
    }

    /** Stops recording and ends the thread; the stream cannot start again. Any thread; idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (session != null) {
            try {
                session.close();
            } catch (RuntimeException ignored) {
                // closing is best effort; JFR drops the recording with the JVM anyway
            }
        }
    }
}
