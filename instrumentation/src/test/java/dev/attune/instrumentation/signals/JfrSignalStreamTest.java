package dev.attune.instrumentation.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.instrumentation.encode.ManyToOneRingBufferStripes;
import dev.attune.instrumentation.encode.MethodIds;
import dev.attune.instrumentation.encode.Signal;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real JFR stream in this JVM: a busy method, allocation, a contended monitor, a park and a GC come
 * back as the right signals and a named hot frame, and a dump is a recording JFR can read.
 */
class JfrSignalStreamTest {

    private static final String HOT_FRAME = JfrSignalStreamTest.class.getName() + "#spin";
    private static final Set<Signal> EXPECTED = EnumSet.of(Signal.JVM_CPU_LOAD, Signal.MACHINE_CPU_LOAD,
            Signal.GC_PAUSE, Signal.HEAP_AFTER_GC, Signal.HEAP_MAX, Signal.ALLOCATED, Signal.MONITOR_BLOCKED,
            Signal.THREAD_PARKED, Signal.SAFEPOINT, Signal.THREADS_LIVE);

    private static volatile boolean spinning = true;
    private static volatile long sink;

    // The hot method: all its time is its own loop, so it is the top frame of its samples.
    static void spin() {
        long x = 1;
        while (spinning) {
            for (int i = 0; i < 100_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            sink = x;
        }
    }

    @Test
    void streamsTheCutDownSetAsSignalsAndDumpsTheRetainedRecording(@TempDir Path dir) throws Exception {
        ManyToOneRingBufferStripes stripes = new ManyToOneRingBufferStripes(1 << 20, 2);
        MethodIds frames = new MethodIds(4096);
        List<String> problems = new CopyOnWriteArrayList<>();
        SignalTally tally = new SignalTally();
        spinning = true;
        Thread spinner = new Thread(JfrSignalStreamTest::spin, "spinner");
        spinner.setDaemon(true);
        Thread jfrThread;
        try (JfrSignalStream jfr = new JfrSignalStream(JfrSettings.defaults(), stripes, frames,
                (source, what, reason) -> problems.add(source + " " + what + ": " + reason))) {
            assertTrue(jfr.start());
            assertTrue(jfr.start(), "a second start is a no-op");
            jfrThread = thread(JfrSession.THREAD_NAME);
            assertTrue(jfrThread.isDaemon());
            spinner.start();

            // The recording starts on attune-jfr a moment after start(): repeat the workload until all arrived.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(tally.counts.keySet().containsAll(EXPECTED) && hotFrameSamples(frames, tally) > 0)
                    && System.nanoTime() < deadline) {
                allocate();
                contendMonitor();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(30));
                if (!tally.seen(Signal.GC_PAUSE) || !tally.seen(Signal.SAFEPOINT)) {
                    System.gc();
                }
                Thread.sleep(200);
                tally.drainAll(stripes);
            }
            Set<Signal> missing = EnumSet.copyOf(EXPECTED);
            missing.removeAll(tally.counts.keySet());
            assertEquals(Set.of(), missing, "signals that never arrived");
            assertTrue(hotFrameSamples(frames, tally) > 0, "samples of " + HOT_FRAME + ": " + tally.frameSamples);

            assertTrue(tally.max.get(Signal.MONITOR_BLOCKED) >= TimeUnit.MILLISECONDS.toNanos(10));
            assertTrue(tally.max.get(Signal.THREAD_PARKED) >= TimeUnit.MILLISECONDS.toNanos(10));
            assertEquals(Runtime.getRuntime().maxMemory(), tally.last.get(Signal.HEAP_MAX),
                    0.1 * Runtime.getRuntime().maxMemory(), "JFR's maximum heap is the JVM's");
            assertTrue(tally.last.get(Signal.ALLOCATED) > 0);
            assertTrue(tally.max.get(Signal.JVM_CPU_LOAD) > 0 && tally.max.get(Signal.JVM_CPU_LOAD) <= 1);

            Path dump = dir.resolve("last.jfr");
            assertTrue(jfr.dump(dump));
            List<RecordedEvent> recorded = RecordingFile.readAllEvents(dump);
            assertTrue(recorded.stream().anyMatch(e -> e.getEventType().getName().equals("jdk.ExecutionSample")),
                    "the dump holds the stream's events");
            assertTrue(recorded.stream().noneMatch(e -> e.getEventType().getName().equals("jdk.ClassLoad")),
                    "and only the cut-down set");
            assertTrue(recorded.stream().anyMatch(JfrSignalStreamTest::isMonitorEnter), "the dump holds a wait");
            assertTrue(recorded.stream().filter(JfrSignalStreamTest::isMonitorEnter)
                    .allMatch(e -> e.getStackTrace() == null), "monitor waits carry no stack trace by default");
        } finally {
            spinning = false;
        }
        jfrThread.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(jfrThread.isAlive(), "close() ends attune-jfr");
        assertEquals(List.of(), problems);
    }

    @Test
    void monitorWaitsCarryStackTracesIntoTheDumpOnlyWhenAskedFor(@TempDir Path dir) throws Exception {
        JfrSettings d = JfrSettings.defaults();
        JfrSettings withStacks = new JfrSettings(d.executionSamplePeriod(), d.contentionThreshold(),
                d.parkThreshold(), d.periodicPeriod(), d.allocationSamplesPerSecond(), d.maxAge(), d.maxSizeBytes(),
                d.excluded(), true);
        ManyToOneRingBufferStripes stripes = new ManyToOneRingBufferStripes(1 << 20, 2);
        try (JfrSignalStream jfr = new JfrSignalStream(withStacks, stripes, new MethodIds(4096),
                (source, what, reason) -> { })) {
            assertTrue(jfr.start());
            Path dump = dir.resolve("contention.jfr");
            List<RecordedEvent> waits = List.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // The recording starts on attune-jfr a moment after start(): contend until a wait is in the dump.
            while (waits.isEmpty() && System.nanoTime() < deadline) {
                contendMonitor();
                Thread.sleep(1200); // a flush
                new SignalTally().drainAll(stripes);
                assertTrue(jfr.dump(dump));
                waits = RecordingFile.readAllEvents(dump).stream().filter(JfrSignalStreamTest::isMonitorEnter)
                        .toList();
            }
            assertFalse(waits.isEmpty(), "a monitor wait past the threshold is in the dump");
            assertTrue(waits.stream().allMatch(e -> e.getStackTrace() != null), "with its stack trace");
        }
    }

    private static boolean isMonitorEnter(RecordedEvent e) {
        return e.getEventType().getName().equals(JfrEventSet.MONITOR_ENTER);
    }

    @Test
    void pausedSamplingStopsExecutionSamplesWhileCpuKeepsFlowingAndResumesAndTheSwitchPausesEverything() throws Exception {
        ManyToOneRingBufferStripes stripes = new ManyToOneRingBufferStripes(1 << 20, 2);
        MethodIds frames = new MethodIds(4096);
        spinning = true;
        Thread spinner = new Thread(JfrSignalStreamTest::spin, "spinner");
        spinner.setDaemon(true);
        try (JfrSignalStream jfr = new JfrSignalStream(JfrSettings.defaults(), stripes, frames,
                (source, what, reason) -> { })) {
            assertTrue(jfr.start());
            spinner.start();
            assertTrue(samplesWithin(stripes, frames, 30) > 0, "samples before the pause");

            jfr.sampling(false);
            SignalTally paused = afterFlushFor3Seconds(stripes);
            assertEquals(0, hotFrameSamples(frames, paused), "no execution samples while paused");
            assertTrue(paused.seen(Signal.JVM_CPU_LOAD), "CPU load keeps flowing while sampling is paused");

            jfr.sampling(true);
            assertTrue(samplesWithin(stripes, frames, 30) > 0, "samples again after resuming");

            // The user's switch: every event pauses, and the breaker's resume does not bring sampling back.
            jfr.events(false);
            jfr.sampling(true);
            SignalTally off = afterFlushFor3Seconds(stripes);
            assertEquals(0, hotFrameSamples(frames, off), "no execution samples while the signals are off");
            assertFalse(off.seen(Signal.JVM_CPU_LOAD), "no CPU load events either while the signals are off");

            jfr.events(true);
            assertTrue(samplesWithin(stripes, frames, 30) > 0, "samples again once the signals are on");
        } finally {
            spinning = false;
        }
    }

    @Test
    void anExcludedEventIsNeverRecordedAndTheOthersAre() throws Exception {
        JfrSettings d = JfrSettings.defaults();
        JfrSettings noSamples = new JfrSettings(d.executionSamplePeriod(), d.contentionThreshold(), d.parkThreshold(),
                d.periodicPeriod(), d.allocationSamplesPerSecond(), d.maxAge(), d.maxSizeBytes(),
                Set.of("jdk.ExecutionSample"), d.contentionStackTraces());
        ManyToOneRingBufferStripes stripes = new ManyToOneRingBufferStripes(1 << 20, 2);
        MethodIds frames = new MethodIds(4096);
        spinning = true;
        Thread spinner = new Thread(JfrSignalStreamTest::spin, "spinner");
        spinner.setDaemon(true);
        try (JfrSignalStream jfr = new JfrSignalStream(noSamples, stripes, frames, (source, what, reason) -> { })) {
            assertTrue(jfr.start());
            spinner.start();
            SignalTally tally = afterFlushFor3Seconds(stripes);
            assertEquals(0, hotFrameSamples(frames, tally), "no execution samples: excluded");
            assertTrue(tally.seen(Signal.JVM_CPU_LOAD), "CPU load is recorded as ever");
            // Resuming the sampling the breaker paused does not bring an excluded event back.
            jfr.sampling(false);
            jfr.sampling(true);
            assertEquals(0, hotFrameSamples(frames, afterFlushFor3Seconds(stripes)));
        } finally {
            spinning = false;
        }
        assertThrows(IllegalArgumentException.class, () -> new JfrSettings(d.executionSamplePeriod(),
                d.contentionThreshold(), d.parkThreshold(), d.periodicPeriod(), d.allocationSamplesPerSecond(),
                d.maxAge(), d.maxSizeBytes(), Set.of("jdk.ClassLoad"), false), "only events of the set can be excluded");
    }

    /** What arrives over 3 s, once the events already in JFR's buffers when a change applied are flushed. */
    private static SignalTally afterFlushFor3Seconds(ManyToOneRingBufferStripes stripes) throws InterruptedException {
        new SignalTally().drainAll(stripes);
        Thread.sleep(1500);
        new SignalTally().drainAll(stripes);
        SignalTally tally = new SignalTally();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < end) {
            Thread.sleep(200);
            tally.drainAll(stripes);
        }
        return tally;
    }

    private static int samplesWithin(ManyToOneRingBufferStripes stripes, MethodIds frames, int seconds)
            throws InterruptedException {
        SignalTally tally = new SignalTally();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (hotFrameSamples(frames, tally) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            tally.drainAll(stripes);
        }
        return hotFrameSamples(frames, tally);
    }

    @Test
    void afterCloseNothingStartsAndDumpSaysNo(@TempDir Path dir) {
        List<String> problems = new CopyOnWriteArrayList<>();
        JfrSignalStream jfr = new JfrSignalStream(JfrSettings.defaults(), new ManyToOneRingBufferStripes(1 << 16, 1),
                new MethodIds(16), (source, what, reason) -> problems.add(what));
        jfr.close();
        assertFalse(jfr.start());
        assertFalse(jfr.dump(dir.resolve("x.jfr")));
        assertEquals(List.of("dump to " + dir.resolve("x.jfr")), problems);
    }

    private static int hotFrameSamples(MethodIds frames, SignalTally tally) {
        int sum = 0;
        for (var e : tally.frameSamples.entrySet()) {
            if (HOT_FRAME.equals(frames.nameOf(e.getKey()))) {
                sum += e.getValue();
            }
        }
        return sum;
    }

    private static void allocate() {
        for (int i = 0; i < 256; i++) {
            sink += new byte[64 * 1024].length;
        }
    }

    // Another thread holds the monitor for 50 ms while this one waits to enter it.
    private static void contendMonitor() throws InterruptedException {
        Object monitor = new Object();
        CountDownLatch held = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            synchronized (monitor) {
                held.countDown();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }, "holder");
        holder.start();
        held.await();
        synchronized (monitor) {
            sink++;
        }
        holder.join();
    }

    private static Thread thread(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no thread " + name));
    }
}
