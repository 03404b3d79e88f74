package dev.attune.instrumentation.signals;

import dev.attune.instrumentation.encode.ManyToOneRingBufferStripes;
import dev.attune.instrumentation.encode.MethodIds;
import dev.attune.instrumentation.encode.Signal;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingStream;

/**
 * Turns the events of the cut-down JFR set into {@link Signal}s and execution samples on the ring
 * buffers. Runs on the stream's thread ({@code attune-jfr}) only, so its state needs no locking.
 *
 * <p>Event by event:
 * <ul>
 *   <li>{@code jdk.CPULoad}: JVM user + system, and machine total; the all-zero first reading is skipped.</li>
 *   <li>{@code jdk.GarbageCollection}: the sum of the collection's pauses (concurrent collectors pause
 *       several times per collection).</li>
 *   <li>{@code jdk.GCHeapSummary} "After GC": heap used; {@code jdk.GCHeapConfiguration} (at each chunk
 *       start): the maximum heap.</li>
 *   <li>{@code jdk.ObjectAllocationSample}: its weight, the bytes this sample stands for.</li>
 *   <li>{@code jdk.JavaMonitorEnter}, {@code jdk.ThreadPark}: the duration of each one over the threshold.</li>
 *   <li>Safepoints, on JDK 17 and 25 alike: {@code jdk.SafepointBegin} lasts from the request until every
 *       thread has stopped (and cleanup), {@code jdk.SafepointEnd} only the resume; the VM operation runs
 *       between them. So one safepoint's pause is SafepointBegin's start to the matching SafepointEnd's end,
 *       paired by {@code safepointId}. Safepoints never overlap, and the VM thread posts both events, so they
 *       come in its commit order even on the unordered stream: one pending begin is enough (a begin whose end
 *       never matches is dropped, not paired with another).</li>
 *   <li>{@code jdk.JavaThreadStatistics}: live threads.</li>
 *   <li>{@code jdk.ExecutionSample}: the top frame's {@code Class#method}, named through {@link MethodIds}.</li>
 * </ul>
 * A handler that throws (a field renamed in some JDK) is one problem per event type; the event is skipped.
 */
final class JfrEventTranslator {

    private final ManyToOneRingBufferStripes stripes;
    private final MethodIds frames;
    private final SignalProblems problems;
    private long pendingSafepointId = -1;
    private long pendingSafepointStartNanos;

    JfrEventTranslator(ManyToOneRingBufferStripes stripes, MethodIds frames, SignalProblems problems) {
        this.stripes = stripes;
        this.frames = frames;
        this.problems = problems;
    }

    /** Registers one handler per event type of the set on {@code stream}. */
    void register(RecordingStream stream) {
        on(stream, JfrEventSet.CPU_LOAD, this::cpuLoad);
        on(stream, JfrEventSet.GARBAGE_COLLECTION,
                e -> write(Signal.GC_PAUSE, e.getDuration("sumOfPauses").toNanos()));
        on(stream, JfrEventSet.HEAP_SUMMARY, this::heapSummary);
        on(stream, JfrEventSet.HEAP_CONFIGURATION, e -> write(Signal.HEAP_MAX, e.getLong("maxSize")));
        on(stream, JfrEventSet.ALLOCATION_SAMPLE, e -> write(Signal.ALLOCATED, e.getLong("weight")));
        on(stream, JfrEventSet.MONITOR_ENTER, e -> write(Signal.MONITOR_BLOCKED, e.getDuration().toNanos()));
        on(stream, JfrEventSet.THREAD_PARK, e -> write(Signal.THREAD_PARKED, e.getDuration().toNanos()));
        on(stream, JfrEventSet.SAFEPOINT_BEGIN, this::safepointBegin);
        on(stream, JfrEventSet.SAFEPOINT_END, this::safepointEnd);
        on(stream, JfrEventSet.THREAD_STATISTICS, e -> write(Signal.THREADS_LIVE, e.getLong("activeCount")));
        on(stream, JfrEventSet.EXECUTION_SAMPLE, this::executionSample);
    }

    private void on(RecordingStream stream, String eventName, Consumer<RecordedEvent> handler) {
        stream.onEvent(eventName, event -> {
            try {
                handler.accept(event);
            } catch (RuntimeException e) {
                problems.skipped("jfr", eventName, ProblemsOnce.describe(e) + "; these events are skipped");
            }
        });
    }

    private void cpuLoad(RecordedEvent e) {
        float jvm = e.getFloat("jvmUser") + e.getFloat("jvmSystem");
        float machine = e.getFloat("machineTotal");
        // JFR's first reading after it starts is all zeros (nothing to compare with yet): not an idle machine.
        if (jvm != 0 || machine != 0) {
            write(Signal.JVM_CPU_LOAD, jvm);
            write(Signal.MACHINE_CPU_LOAD, machine);
        }
    }

    private void heapSummary(RecordedEvent e) {
        if ("After GC".equals(e.getString("when"))) {
            write(Signal.HEAP_AFTER_GC, e.getLong("heapUsed"));
        }
    }

    private void safepointBegin(RecordedEvent e) {
        pendingSafepointId = e.getLong("safepointId");
        pendingSafepointStartNanos = nanos(e.getStartTime());
    }

    private void safepointEnd(RecordedEvent e) {
        if (pendingSafepointId >= 0 && e.getLong("safepointId") == pendingSafepointId) {
            write(Signal.SAFEPOINT, Math.max(0, nanos(e.getEndTime()) - pendingSafepointStartNanos));
        }
        pendingSafepointId = -1;
    }

    private void executionSample(RecordedEvent e) {
        RecordedStackTrace trace = e.getStackTrace();
        List<RecordedFrame> stack = trace == null ? List.of() : trace.getFrames();
        if (stack.isEmpty()) {
            return;
        }
        RecordedMethod method = stack.get(0).getMethod();
        if (method == null || method.getType() == null) {
            return;
        }
        int id = frames.idFor(method.getType().getName() + '#' + method.getName());
        if (id != MethodIds.NONE) {
            stripes.writeExecutionSample(id);
        }
    }

    private void write(Signal signal, double value) {
        stripes.writeSignal(signal, value);
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
