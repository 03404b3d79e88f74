package dev.attune.tuner.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.instrumentation.encode.MethodIds;
import dev.attune.instrumentation.encode.Signal;
import dev.attune.tuner.aggregate.SignalAggregator;
import dev.attune.tuner.report.jfr.JfrSnapshotFiles;
import dev.attune.tuner.report.jmx.JmxConsole;
import dev.attune.tuner.report.log.AgentLog;
import dev.attune.tuner.report.log.LogFormat;
import dev.attune.tuner.report.log.LogLevel;
import dev.attune.tuner.report.log.LogOutput;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signals task on synthetic snapshots of 10-second intervals: breaker lines, right-sizing lines, MBeans. */
class SignalsTaskTest {

    private static final long SECOND = 1_000_000_000L;
    private static final double MB = 1 << 20;

    private final LogOutput.Memory out = LogOutput.memory();
    private final AgentLog log = new AgentLog(LogFormat.LOGFMT, LogLevel.INFO, out);
    private final SignalAggregator signals = new SignalAggregator(new MethodIds(4), 0);
    private long now;
    private JmxConsole console;

    @AfterEach
    void unregister() {
        if (console != null) {
            console.unregisterAll();
        }
    }

    /** Breaker as by default; right sizing judged from 5 entries, a line every 100 s (10 intervals). */
    private static SignalsSettings settings(boolean breaker) {
        SignalsSettings d = SignalsSettings.defaults();
        return new SignalsSettings(breaker, d.breakerHeapAfterGc(), d.breakerCpu(), d.breakerIntervals(),
                d.breakerReliefIntervals(), d.breakerMargin(), 3600 * SECOND, 5, 100 * SECOND);
    }

    /** One 10-second interval of an 8-core process with a 1000 MB heap. */
    private void interval(SignalsTask task, double cpuCores, double heapAfterGcMb) {
        signals.record(Signal.PROCESS_CPU_CORES, cpuCores);
        signals.record(Signal.CORES_AVAILABLE, 8);
        signals.record(Signal.HEAP_AFTER_GC, heapAfterGcMb * MB);
        signals.record(Signal.HEAP_MAX, 1000 * MB);
        now += 10 * SECOND;
        signals.roll(now);
        task.afterRoll(now);
    }

    private List<String> lines(String event) {
        return out.lines().stream().filter(l -> l.contains(" event=" + event + " ")).collect(Collectors.toList());
    }

    @Test
    void theBreakerOpensPausesClosesAndSaysSoOnceEachWithTheFlightRecording(@TempDir Path dir) throws Exception {
        JfrSnapshotFiles jfr = new JfrSnapshotFiles(dir, 5, 1 << 20, path -> {
            Files.write(path, new byte[64]);
            return true;
        }, log);
        SignalsTask task = new SignalsTask(settings(true), signals::snapshot, log, jfr::snapshot, now);
        BooleanSupplier paused = task.paused();
        for (int i = 0; i < 2; i++) {
            interval(task, 1, 950);
        }
        assertFalse(paused.getAsBoolean());
        interval(task, 1, 950);
        assertTrue(paused.getAsBoolean(), "open after 3 intervals above 90%");
        for (int i = 0; i < 5; i++) {
            interval(task, 1, 850); // below the threshold, inside the margin: still open
        }
        assertTrue(paused.getAsBoolean());
        for (int i = 0; i < 3; i++) {
            interval(task, 1, 500);
        }
        assertFalse(paused.getAsBoolean());

        List<String> breaker = lines("breaker");
        assertEquals(2, breaker.size(), String.join("\n", out.lines()));
        String open = breaker.get(0);
        assertTrue(open.contains("level=warn") && open.contains("state=open monitor=heap_after_gc reason=\"heap after GC"
                + " at or above 90% of the max heap for 3 intervals\" heap_after_gc_ratio=0.95"), open);
        assertTrue(open.contains("cpu_cores=1 cores_available=8 effect=\"sampling and tuning paused\""), open);
        String file = open.substring(open.indexOf(" jfr=") + 5);
        assertTrue(file.matches(".*attune-breaker-heap_after_gc-\\d{8}T\\d{6}Z-pid\\d+\\.jfr"), file);
        assertTrue(Files.exists(Path.of(file)), "the line names the file written");
        assertTrue(breaker.get(1).contains("level=info") && breaker.get(1).contains("state=closed monitor=heap_after_gc"),
                breaker.get(1));
        assertEquals("closed", task.breaker().reason());
    }

    @Test
    void aDisabledBreakerNeverPauses() {
        SignalsTask task = new SignalsTask(settings(false), signals::snapshot, log, null, now);
        for (int i = 0; i < 10; i++) {
            interval(task, 8, 990);
        }
        assertFalse(task.paused().getAsBoolean());
        assertTrue(lines("breaker").isEmpty());
    }

    @Test
    void rightSizingIsLoggedOnceEnoughThenEveryPeriodAndSoonerOnAMaterialChange() {
        SignalsTask task = new SignalsTask(settings(true), signals::snapshot, log, null, now);
        for (int i = 0; i < 4; i++) {
            interval(task, 1.2, 100);
        }
        assertTrue(lines("right_sizing").isEmpty(), "4 of 5 samples: nothing to say yet");
        assertEquals("not enough data yet: 4 of 5 samples", task.rightSizingView().getRecommendation());
        interval(task, 1.2, 100);
        List<String> first = lines("right_sizing");
        assertEquals(1, first.size());
        assertTrue(first.get(0).contains("recommendation=\"p95 1.2 of 8 cores used (peak 1.2): 2 cores would do;"
                + " heap after GC p95 100 MB of 1000 MB (peak 100 MB): a 384 MB max heap would do\" cpu=smaller"
                + " heap=smaller cpu_cores_p95=1.2 cpu_cores_peak=1.2 cores_available=8 cores_low=2 cores_high=2"
                + " heap_after_gc_p95_mb=100 heap_after_gc_peak_mb=100 heap_max_mb=1000 heap_recommended_mb=384"
                + " cpu_samples=5 heap_samples=5 window_covered_s=40 window_s=3600"), first.get(0));
        for (int i = 0; i < 9; i++) {
            interval(task, 1.2, 100); // the same: on JMX only, until the period has passed
        }
        assertEquals(1, lines("right_sizing").size());
        interval(task, 1.2, 100);
        assertEquals(2, lines("right_sizing").size(), "100 s later, again");
        interval(task, 1.2, 100);
        assertEquals(2, lines("right_sizing").size(), "a material change waits a tenth of the period: 10 s");
        interval(task, 2.5, 100); // 17 entries: the nearest-rank p95 is the largest, so 4 cores now
        assertEquals(3, lines("right_sizing").size());
        assertTrue(lines("right_sizing").get(2).contains("p95 2.5 of 8 cores used (peak 2.5): 4 cores would do"),
                lines("right_sizing").get(2));
    }

    @Test
    void registersItsThreeMBeansOnceWhenJmxMayBeTouched() throws Exception {
        SignalsTask task = new SignalsTask(settings(true), signals::snapshot, log, null, now);
        assertEquals(0, task.doWork(null), "not before JMX may be touched");
        console = JmxConsole.onPlatformServer();
        assertEquals(1, task.doWork(console));
        assertEquals(0, task.doWork(console));
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (String type : List.of("Signals", "HotMethods", "RightSizing")) {
            assertTrue(server.isRegistered(new ObjectName("dev.attune:type=" + type)), type);
        }
        interval(task, 2, 300);
        assertEquals(2.0, server.getAttribute(new ObjectName("dev.attune:type=Signals"), "ProcessCpuCores"));
        assertEquals(1L, server.getAttribute(new ObjectName("dev.attune:type=RightSizing"), "CpuSampleCount"));
    }
}
