package dev.attune.instrumentation.signals;

import java.util.List;
import java.time.Duration;
import jdk.jfr.consumer.RecordingStream;

/**
 * The cut-down JFR event set: eleven event types instead of {@code profile.jfc}'s hundred-odd, each at the
 * leanest setting that still answers its question.
 *
 * <p>Why these settings: allocation samples are throttled and carry no stack trace (only their weight is
 * used, and a stack walk per sample would cost the allocating thread); contention is reported from a
 * threshold with stack traces, kept because contended monitors are rare and the stack makes a dump useful;
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
    static final List<String> ALL = List.of(CPU_LOAD, THREAD_STATISTICS, GARBAGE_COLLECTION, HEAP_SUMMARY,
            HEAP_CONFIGURATION, ALLOCATION_SAMPLE, EXECUTION_SAMPLE, MONITOR_ENTER, THREAD_PARK, SAFEPOINT_BEGIN,
            SAFEPOINT_END);

    private JfrEventSet() {
    }

    /** Enables the set on {@code stream} with {@code settings}; every other event stays off. */
    static void enable(RecordingStream stream, JfrSettings settings) {
        stream.enable(CPU_LOAD).withPeriod(settings.periodicPeriod());
        stream.enable(THREAD_STATISTICS).withPeriod(settings.periodicPeriod());
        stream.enable(GARBAGE_COLLECTION).withThreshold(Duration.ZERO);
        stream.enable(HEAP_SUMMARY);
        stream.enable(HEAP_CONFIGURATION).with("period", "beginChunk");
        enableSampling(stream, settings);
        stream.enable(MONITOR_ENTER).withStackTrace().withThreshold(settings.contentionThreshold());
        stream.enable(THREAD_PARK).withoutStackTrace().withThreshold(settings.parkThreshold());
        stream.enable(SAFEPOINT_BEGIN).withThreshold(Duration.ZERO);
        stream.enable(SAFEPOINT_END).withThreshold(Duration.ZERO);
    }

    /** Turns the two sampling events on: what the circuit breaker pauses under stress. */
    static void enableSampling(RecordingStream stream, JfrSettings settings) {
        stream.enable(ALLOCATION_SAMPLE).withoutStackTrace()
                .with("throttle", settings.allocationSamplesPerSecond() + "/s");
        stream.enable(EXECUTION_SAMPLE).withPeriod(settings.executionSamplePeriod());
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
