package dev.attune.instrumentation.signals;

import java.io.IOException;
import java.nio.file.Path;
import jdk.jfr.FlightRecorder;
import jdk.jfr.consumer.RecordingStream;

/**
 * One running JFR recording stream and its thread. Only {@link JfrSignalStream} touches this class, and only
 * after it has checked that {@code jdk.jfr} exists, so that a runtime without JFR never loads it.
 *
 * <p>Why an own thread: {@code RecordingStream.startAsync()} starts a thread named "JFR Event Stream n" that
 * is not a daemon (JDK 17 and 25), which would keep the application from exiting. Here
 * {@code start()} blocks on the daemon {@code attune-jfr} until {@link #close()}.
 */
final class JfrSession {

    static final String THREAD_NAME = "attune-jfr";

    private final RecordingStream stream;
    private final JfrSettings settings;
    private final SignalProblems problems;
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean running;

    /** Creates the stream with the event set and handlers; throws when JFR cannot record. */
    JfrSession(JfrSettings settings, JfrEventTranslator translator, SignalProblems problems) {
        this.problems = problems;
        this.settings = settings;
        this.stream = new RecordingStream();
        try {
            stream.setMaxAge(settings.maxAge());
            stream.setMaxSize(settings.maxSizeBytes());
            stream.setReuse(true);
            // Unordered: the stream need not sort each flush by time (and the JIT need not compile the sort). Safepoint
            // pairing needs only the VM thread's own order, which posts both SafepointBegin and SafepointEnd, and a
            // thread's events come in its commit order either way.
            stream.setOrdered(false);
            JfrEventSet.enable(stream, settings);
            translator.register(stream);
            // Registering an error action also stops JFR printing stack traces to standard error.
            stream.onError(e -> problems.skipped("jfr", "event stream", ProblemsOnce.describe(e)));
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
        this.thread = new Thread(this::run, THREAD_NAME);
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> problems.skipped("jfr", "JFR signals",
                ProblemsOnce.describe(e) + "; the stream has stopped"));
    }

    /** True when this JVM can record (false with {@code -XX:-FlightRecorder}). */
    static boolean recorderAvailable() {
        return FlightRecorder.isAvailable();
    }

    void start() {
        running = true;
        thread.start();
    }

    private void run() {
        try {
            stream.start();
        } catch (RuntimeException e) {
            if (!closed) {
                problems.skipped("jfr", "JFR signals", ProblemsOnce.describe(e) + "; the stream has stopped");
            }
        } finally {
            running = false;
        }
    }

    boolean running() {
        return running && !closed;
    }

    void dump(Path destination) throws IOException {
        stream.dump(destination);
    }

    /**
     * Sets which events flow: none ({@code events} false), or the whole set with or without the two sampling
     * events; the settings apply to the running recording.
     */
    void events(boolean events, boolean sampling) {
        if (!events) {
            JfrEventSet.disableAll(stream);
            return;
        }
        JfrEventSet.enable(stream, settings);
        if (!sampling) {
            JfrEventSet.disableSampling(stream);
        }
    }

    void close() {
        closed = true;
        stream.close();
    }
}
