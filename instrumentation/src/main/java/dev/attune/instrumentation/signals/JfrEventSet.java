package dev.attune.instrumentation.signals;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import jdk.jfr.EventSettings;
import jdk.jfr.consumer.RecordingStream;

/**
 * The cut-down JFR event set: eleven event types instead of {@code profile.jfc}'s hundred-odd, each at the
 * leanest setting that still answers its question.
 *
 * <p>Why these settings: allocation samples are throttled and carry no stack trace (only their weight is
 * used, and a stack walk per sample would cost the allocating thread); contention is reported from a
 * threshold without stack traces (unless {@link JfrSettings#contentionStackTraces}): HotSpot saves the stack of
 * every contended enter before it knows how long the wait will be, so a stack trace costs a walk of the entering
 * thread's stack on every contended enter, however short, not only on those past the threshold (at 900 requests a
 * second the sample app's HTTP client selector thread, whose monitor its workers enter to register, paid 0.6% of
 * the process's CPU for it); the monitor's class still names the lock;
 * parks are reported from a higher threshold without stack traces, because most parks are idle pool threads
 * waiting for work (the sample app at 300 requests a second parked 130 times a second past 10 ms, every one of
 * them in a queue's {@code take} or {@code poll}): a stack walk for each would cost the parking thread for a
 * trace that says only "waiting for work", and the parked class still names the lock or queue;
 * safepoint begin and end are both needed at every duration to pair them; heap configuration comes once
 * per chunk, which is enough for a maximum that does not change.
 */
final class JfrEventSet {

    static final String CPU_LOAD = "jdk.CPULoad";
    static final String GARBAGE_COLLECTION = "jdk.GarbageCollection";
    static final String HEAP_SUMMARY = "jdk.GCHeapSummary";
    static final String HEAP_CONFIGURATION = "jdk.GCHeapConfiguration";
    static final String ALLOCATION_SAMPLE = "jdk.ObjectAllocationSample";
    static final String MONITOR_ENTER = "jdk.JavaMonitorEnter";
    static final String THREAD_PARK = "jdk.ThreadPark";
    static final String SAFEPOINT_BEGIN = "jdk.SafepointBegin";
    static final String SAFEPOINT_END = "jdk.SafepointEnd";
    static final String THREAD_STATISTICS = "jdk.JavaThreadStatistics";
    static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";

    /** Every event of the set. */
    static final List<String> ALL = JfrSettings.EVENTS;

    private JfrEventSet() {
    }

    /** Enables the set on {@code stream} with {@code settings}, but for its exclusions; every other event stays off. */
    static void enable(RecordingStream stream, JfrSettings settings) {
        enable(stream, settings, CPU_LOAD, e -> e.withPeriod(settings.periodicPeriod()));
        enable(stream, settings, THREAD_STATISTICS, e -> e.withPeriod(settings.periodicPeriod()));
        enable(stream, settings, GARBAGE_COLLECTION, e -> e.withThreshold(Duration.ZERO));
        enable(stream, settings, HEAP_SUMMARY, e -> { });
        enable(stream, settings, HEAP_CONFIGURATION, e -> e.with("period", "beginChunk"));
        enableSampling(stream, settings);
        enable(stream, settings, MONITOR_ENTER, e -> (settings.contentionStackTraces() ? e.withStackTrace()
                : e.withoutStackTrace()).withThreshold(settings.contentionThreshold()));
        enable(stream, settings, THREAD_PARK, e -> e.withoutStackTrace().withThreshold(settings.parkThreshold()));
        enable(stream, settings, SAFEPOINT_BEGIN, e -> e.withThreshold(Duration.ZERO));
        enable(stream, settings, SAFEPOINT_END, e -> e.withThreshold(Duration.ZERO));
    }

    /** Turns the two sampling events on (but for exclusions): what the circuit breaker pauses under stress. */
    static void enableSampling(RecordingStream stream, JfrSettings settings) {
        enable(stream, settings, ALLOCATION_SAMPLE, e -> e.withoutStackTrace()
                .with("throttle", settings.allocationSamplesPerSecond() + "/s"));
        enable(stream, settings, EXECUTION_SAMPLE, e -> e.withPeriod(settings.executionSamplePeriod()));
    }

    private static void enable(RecordingStream stream, JfrSettings settings, String event,
                               Consumer<EventSettings> how) {
        if (settings.records(event)) {
            how.accept(stream.enable(event));
        }
    }

    /** Turns every event of the set off: the stream stays open and idle until {@link #enable} again. */
    static void disableAll(RecordingStream stream) {
        for (String event : ALL) {
            stream.disable(event);
        }
    }

    /** Turns the two sampling events off; the monitors (CPU, GC, heap) keep flowing. */
    static void disableSampling(RecordingStream stream) {
        stream.disable(ALLOCATION_SAMPLE);
        stream.disable(EXECUTION_SAMPLE);
    }
}
