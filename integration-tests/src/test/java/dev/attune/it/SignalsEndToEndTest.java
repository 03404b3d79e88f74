package dev.attune.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.it.fixture.ProbeApp;
import dev.attune.it.fixture.SignalsApp;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javax.management.Attribute;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * Issue 3 end to end: the real agent jar on forked JVMs whose phases press on one signal each, read over a real
 * JMX connection; a firing alert writes a flight recording that the JDK's own {@code jfr} tool reads; the
 * breaker opens under heap stress and closes after relief; and every degrade path leaves the application's
 * output and exit code as they are without the agent.
 */
class SignalsEndToEndTest {

    private static final String SIGNALS = "dev.attune:type=Signals";
    private static final String HOT = "dev.attune:type=HotMethods";
    // OSHI's native part on JDK 24 and later needs native access granted by the user; JDK 17 accepts the flag.
    private static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    @Test
    void phasesMoveTheirSignalsAndHotMethodsNameTheBusyMethod() throws Exception {
        ForkedJvm.Running app = ForkedJvm.java().agent(null)
                .jvmArg(NATIVE_ACCESS)
                .property("attune.interval", "500ms")
                .fixture(SignalsApp.class)
                .args("--hold-first", "--alloc-ms", "4000", "--contend-ms", "4000", "--busy-ms", "4000", "--hold")
                .start();
        boolean[] saw = new boolean[5];
        String[] hot = {""};
        try {
            Waits.until(() -> app.stdoutSoFar().contains("ready"), 30, "app ready");
            try (JmxClient jmx = JmxClient.connect(app.pid())) {
                // The OS and JFR sources start just after premain: wait for their first figures, then run the phases.
                Waits.until(() -> !jmx.names(SIGNALS).isEmpty()
                        && (Double) jmx.get(SIGNALS, "ProcessCpuCores") >= 0
                        && (Long) jmx.get(SIGNALS, "LiveThreadCount") > 0, 30, "first OS and JFR figures");
                assertTrue((Long) jmx.get(SIGNALS, "ResidentMemoryBytes") > 0);
                assertTrue((Long) jmx.get(SIGNALS, "OpenFileDescriptorCount") > 0);
                assertTrue((Long) jmx.get(SIGNALS, "AvailableMemoryBytes") > 0);
                assertTrue((Double) jmx.get(SIGNALS, "AvailableCores") >= 1);
                assertTrue((Long) jmx.get(SIGNALS, "HeapMaxBytes") > 0);
                app.process.getOutputStream().write('\n');
                app.process.getOutputStream().flush();
                Waits.until(() -> {
                    saw[0] |= (Double) jmx.get(SIGNALS, "AllocationBytesPerSec") > 100e6;
                    saw[1] |= (Long) jmx.get(SIGNALS, "GcPauseCount") > 0;
                    saw[2] |= (Long) jmx.get(SIGNALS, "MonitorBlockedCount") > 0;
                    for (String line : (String[]) jmx.get(HOT, "TopFrameLines")) {
                        if (line.contains(SignalsApp.Busy.class.getName() + "#spin")) {
                            saw[3] = true;
                            hot[0] = line;
                        }
                    }
                    saw[4] |= (Double) jmx.get(SIGNALS, "ProcessCpuCores") > 0.5;
                    return saw[0] && saw[1] && saw[2] && saw[3] && saw[4];
                }, 40, "allocation, GC, contention, the busy method and CPU in the figures");
                assertFalse(((String) jmx.get("dev.attune:type=RightSizing", "Recommendation")).isEmpty());
                assertEquals(false, jmx.get(SIGNALS, "BreakerOpen"));
                assertOnlyFewDaemonAgentThreads(jmx);

                // The user's switch, over the same remote connection: off pauses every signal, on resumes them.
                jmx.server.setAttribute(new ObjectName(SIGNALS), new Attribute("Enabled", false));
                assertEquals(false, jmx.get(SIGNALS, "Enabled"));
                Waits.until(() -> app.stderrSoFar().contains("event=signals_paused"), 10, "the agent pausing signals");
                jmx.server.setAttribute(new ObjectName(SIGNALS), new Attribute("Enabled", true));
                Waits.until(() -> app.stderrSoFar().contains("event=signals_resumed"), 10, "the agent resuming them");
                assertEquals(true, jmx.get(SIGNALS, "Enabled"));
            }
        } finally {
            app.closeInput();
        }
        ForkedJvm.Result result = app.await(60);
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.agentEvents("signal_skipped").isEmpty(), result.toString());
        assertTrue(hot[0].contains("%"), hot[0]);
    }

    private static void assertOnlyFewDaemonAgentThreads(JmxClient jmx) throws Exception {
        ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(jmx.server,
                ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
        Set<String> ours = new TreeSet<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("attune")) {
                assertTrue(info.isDaemon(), info.getThreadName() + " must be a daemon");
                ours.add(info.getThreadName());
            }
        }
        assertTrue(Set.of("attune-agent", "attune-jfr", "attune-signals-start", "attune-start")
                .containsAll(ours), ours.toString());
        assertTrue(ours.contains("attune-agent") && ours.contains("attune-jfr"), ours.toString());
    }

    @Test
    void firingAlertWritesARecordingThatJfrPrintReads() throws Exception {
        Path dir = Scratch.dir("attune-jfr");
        String work = ProbeApp.Work.class.getName();
        ForkedJvm.Result result = ForkedJvm.java().agent(null)
                .property("attune.methods", work + "#pause")
                .property("attune.interval", "300ms")
                .property("attune.jfr.dir", dir.toString())
                // Twelve intervals: the recording has started (a second after premain) by the time the alert fires.
                .property("attune.alert.slow-pause", work + "#pause p99 > 5ms for 12 intervals")
                .fixture(ProbeApp.class).args("--calls", "10", "--slow-ms", "5000").run(60);
        assertEquals(0, result.exitCode, result.toString());
        List<String> firing = result.agentEvents("alert").stream().filter(l -> l.contains("state=firing")).toList();
        assertEquals(1, firing.size(), result.toString());
        String line = firing.get(0);
        int at = line.indexOf(" jfr=");
        assertTrue(at > 0, "the alert line names its recording: " + line);
        Path file = Path.of(line.substring(at + 5).split(" ")[0]);
        assertEquals(dir, file.getParent());
        assertTrue(Files.size(file) > 0, file.toString());

        Path jfrTool = Path.of(System.getProperty("java.home"), "bin", "jfr");
        Process print = new ProcessBuilder(jfrTool.toString(), "print", "--events", "CPULoad,GCHeapSummary",
                file.toString())
                .redirectErrorStream(true).start();
        String out = new String(print.getInputStream().readAllBytes());
        assertTrue(print.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, print.exitValue(), out);
        // The application sleeps in this phase, so execution samples may be absent; CPU load comes every second.
        assertTrue(out.contains("jdk.CPULoad {") && out.contains("jvmUser = "), out);
    }

    @Test
    void breakerOpensUnderHeapStressAndClosesAfterRelief() throws Exception {
        ForkedJvm.Result result = ForkedJvm.java().agent(null)
                .jvmArg("-Xmx256m")
                .property("attune.interval", "300ms")
                .property("attune.breaker.heap-after-gc", "0.45")
                .property("attune.jfr.dir", Scratch.dir("attune-jfr").toString())
                .fixture(SignalsApp.class).args("--busy-ms", "2500", "--heap-stress-ms", "5000").run(90);
        assertEquals(0, result.exitCode, result.toString());
        List<String> breaker = result.agentEvents("breaker");
        assertEquals(2, breaker.size(), result.toString());
        assertTrue(breaker.get(0).contains("state=open monitor=heap_after_gc"), breaker.get(0));
        assertTrue(breaker.get(0).contains("heap_after_gc_ratio="), breaker.get(0));
        assertTrue(breaker.get(1).contains("state=closed"), breaker.get(1));
    }

    @Test
    void degradePathsLeaveTheApplicationAsItIs() throws Exception {
        // Long enough for the sources to start (they start just after premain, off the application's threads).
        String[] args = {"--alloc-ms", "1500", "--busy-ms", "1500"};
        ForkedJvm.Result plain = ForkedJvm.java().fixture(SignalsApp.class).args(args).run(60);
        assertEquals(0, plain.exitCode, plain.toString());

        // A runtime without JFR (as a jlink image without jdk.jfr would be).
        ForkedJvm.Result noJfr = ForkedJvm.java().agent(null).property("attune.interval", "200ms")
                .jvmArg(NATIVE_ACCESS).jvmArg("--limit-modules", "java.base,java.instrument,java.management,jdk.management,jdk.unsupported,"
                        + "java.logging,jdk.attach")
                .fixture(SignalsApp.class).args(args).run(60);
        sameApplication(plain, noJfr);
        assertEquals(1, noJfr.agentEvents("signal_skipped").size(), noJfr.toString());
        assertTrue(noJfr.agentEvents("signal_skipped").get(0).contains("source=jfr"), noJfr.toString());

        // OSHI's native part cannot load: the JDK's own counters take over.
        ForkedJvm.Result noNative = ForkedJvm.java().agent(null).property("attune.interval", "200ms")
                .jvmArg(NATIVE_ACCESS).property("jna.nosys", "true").property("jna.nounpack", "true")
                .fixture(SignalsApp.class).args(args).run(60);
        sameApplication(plain, noNative);
        assertEquals(1, noNative.agentEvents("signal_skipped").size(), noNative.toString());
        assertTrue(noNative.agentEvents("signal_skipped").get(0).contains("source=oshi"), noNative.toString());

        // A ring buffer far too small for the load: events are dropped and counted, nothing else changes. With
        // 16 KB stripes one writer outruns the reader even though it wakes the reader at every quarter: five
        // runs by hand dropped 2.3 to 3.6 million of the 6 million events.
        String work = ProbeApp.Work.class.getName();
        ForkedJvm.Result probePlain = ForkedJvm.java().fixture(ProbeApp.class).args("--calls", "3000000").run(60);
        ForkedJvm.Result full = ForkedJvm.java().agent(null).property("attune.buffer.bytes", "64KB")
                .property("attune.methods", work + "#call," + work + "#fail")
                .fixture(ProbeApp.class).args("--calls", "3000000").run(60);
        sameApplication(probePlain, full);
        String stopped = full.agentEvents("agent_stopped").get(0);
        assertFalse(stopped.contains("events_dropped=0 ") || stopped.endsWith("events_dropped=0"), stopped);
    }

    private static void sameApplication(ForkedJvm.Result expected, ForkedJvm.Result actual) {
        assertEquals(expected.exitCode, actual.exitCode, actual.toString());
        assertEquals(expected.stdout, actual.stdout, actual.toString());
        List<String> foreign = actual.stderr.lines().filter(l -> !l.contains(" logger=attune ")).toList();
        assertEquals(expected.stderr.lines().toList(), foreign, actual.toString());
    }
}
