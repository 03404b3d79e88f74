package dev.attune.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.attune.it.fixture.PoolsApp;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.Attribute;
import javax.management.Notification;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * The thread-pool tuner in forked JVMs with the real agent jar: the stepped demo tuned in auto mode, every kind of
 * pool found (also after a dynamic attach) without breaking {@code java.util.concurrent}, the JMX console over a
 * real remote connection, advise mode and read-only JMX changing nothing, and a pool that becomes garbage leaving.
 */
class PoolTuningTest {

    private static final String TUNER = "dev.attune:type=Tuner";
    private static final String IO = "dev.attune:type=ThreadPool,name=fixture-io";
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final java.io.File DEMO_CONFIG = new java.io.File(
            ForkedJvm.SAMPLE_JAR.getParentFile().getParentFile(), "attune-demo.properties");

    /** The value of {@code key} in a logfmt line, or null. */
    static String field(String line, String key) {
        Matcher m = Pattern.compile(" " + key + "=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S*)").matcher(line);
        return m.find() ? m.group(1) : null;
    }

    private static int intField(String line, String key) {
        return Integer.parseInt(field(line, key));
    }

    private static void assertNoLinkageTrouble(ForkedJvm.Result result) {
        for (String bad : List.of("VerifyError", "ClassCircularityError", "NoClassDefFoundError", "LinkageError",
                "UnsupportedOperationException: class redefinition", "event=instrumentation_failed",
                "event=pool_instrumentation_failed", "event=interval_task_failed", "event=pool_tuning_failed")) {
            assertFalse(result.stderr.contains(bad) || result.stdout.contains(bad), bad + "\n" + result);
        }
    }

    @Test
    void steppedDemoInAutoModeGrowsTheIoPoolKeepsTheCpuPoolWithinTheCoresAndShrinksAfter() throws Exception {
        // The demo's own configuration, sped up: quarter-second intervals, shorter steps, a lighter CPU side.
        ForkedJvm.Result result = ForkedJvm.java().agent("config=" + DEMO_CONFIG.getAbsolutePath())
                .property("attune.interval", "250ms")
                .jar(ForkedJvm.SAMPLE_JAR)
                .args("stepped", "--steps", "3s@1,6s@4,6s@1", "--warmup", "1s", "--compute-n", "500000")
                .run(120);
        assertEquals(0, result.exitCode, result.toString());
        assertNoLinkageTrouble(result);

        List<String> resizes = result.agentEvents("pool_resize");
        List<String> ioGrows = resizes.stream().filter(l -> l.contains(" pool=orders-io ")
                && l.contains(" action=grow ")).toList();
        assertFalse(ioGrows.isEmpty(), "the I/O pool grew\n" + result);
        String grow = ioGrows.get(0);
        assertTrue(intField(grow, "new_core") > intField(grow, "old_core"), grow);
        assertTrue(grow.contains(" mode=auto ") && grow.contains(" reason=\"tasks wait and threads are mostly blocked")
                && field(grow, "queue_wait_p99_ms") != null && field(grow, "blocked") != null
                && field(grow, "cpu") != null, "one line with reason and evidence: " + grow);

        for (String line : resizes) {
            if (line.contains(" pool=orders-cpu ")) {
                assertTrue(intField(line, "new_core") <= Math.max(CORES, 2),
                        "the CPU pool never grows past the cores (" + CORES + "): " + line);
            }
        }

        // Back down, or on the way: a shrink of the I/O pool after its last grow.
        int lastGrow = resizes.lastIndexOf(ioGrows.get(ioGrows.size() - 1));
        assertTrue(resizes.subList(lastGrow, resizes.size()).stream()
                .anyMatch(l -> l.contains(" pool=orders-io ") && l.contains(" action=shrink ")), result.toString());

        // The demo's tables show the same from outside, and the agent's actions per step.
        String table = result.stdout.substring(result.stdout.indexOf("/orders on the I/O pool"));
        String step2 = table.lines().filter(l -> l.startsWith("6s@4x")).findFirst().orElseThrow();
        assertTrue(step2.contains("grow 2>"), step2);
        assertTrue(result.stdout.contains("agent actions and their reasons"), result.stdout);
        // The alert's flight-recorder snapshot ran on the agent's own pool: never found, never tuned.
        assertTrue(result.agentEvents("alert").stream().anyMatch(l -> l.contains(" jfr=")), result.toString());
        assertTrue(result.agentEvents("pool_found").stream().noneMatch(l -> l.contains(" pool=attune")),
                result.toString());
    }

    @Test
    void everyKindOfPoolIsFoundAndTheConsoleWorksOverRemoteJmx() throws Exception {
        ForkedJvm.Running app = ForkedJvm.java().agent(null)
                .property("attune.interval", "200ms")
                .property("attune.pool.worker-pool.match", PoolsApp.CountingPool.class.getName())
                .property("attune.pool.worker-pool.max", "lots")
                .fixture(PoolsApp.class).start();
        Queue<Notification> received = new ConcurrentLinkedQueue<>();
        try {
            Waits.until(() -> app.stdoutSoFar().contains("ready"), 30, "the pools to run");
            try (JmxClient jmx = JmxClient.connect(app.pid())) {
                Waits.until(() -> jmx.names("dev.attune:type=ThreadPool,*").size() >= 5, 30,
                        "every pool's MBean");
                assertEquals("java.util.concurrent.ThreadPoolExecutor", jmx.get(IO, "PoolClass"));
                assertEquals(PoolsApp.CountingPool.class.getName(),
                        jmx.get("dev.attune:type=ThreadPool,name=worker-pool", "PoolClass"),
                        "named as configured, by its class");
                assertEquals("java.util.concurrent.ScheduledThreadPoolExecutor",
                        jmx.get("dev.attune:type=ThreadPool,name=fixture-sched", "PoolClass"));
                assertEquals(1, jmx.names("dev.attune:type=ThreadPool,name=pool-*").size(),
                        "Executors.newFixedThreadPool, named from its threads pool-N-thread-M");

                for (String attribute : List.of("CoreSize", "MaxSize", "OriginalCoreSize", "OriginalMaxSize",
                        "Threads", "ActiveThreads", "QueueLength", "ArrivalsPerSec", "CompletedPerSec", "Rejected",
                        "Utilization", "QueueWaitP50Millis", "QueueWaitP99Millis", "RunP50Millis", "RunP99Millis",
                        "BlockedShare", "LastDecision", "LastReason", "Mode", "TuningEnabled")) {
                    jmx.get(IO, attribute);
                }
                assertEquals(2, jmx.get(IO, "OriginalCoreSize"));
                Waits.until(() -> (Double) jmx.get(IO, "RunP50Millis") >= 15, 30, "task run times measured");
                Waits.until(() -> (Double) jmx.get(IO, "BlockedShare") > 0.5, 30, "sleeping tasks are blocked");
                assertEquals("advise", jmx.get(TUNER, "Mode"), "the safe default");

                ObjectName tuner = new ObjectName(TUNER);
                jmx.server.addNotificationListener(tuner, (n, handback) -> received.add(n), null, null);
                assertEquals("tuning of fixture-io off", invoke(jmx, "disablePool", "fixture-io"));
                Waits.until(() -> !(Boolean) jmx.get(IO, "TuningEnabled"), 10, "tuning off on the pool's MBean");
                assertEquals("off", jmx.get(IO, "Mode"));
                assertEquals("tuning of fixture-io on", invoke(jmx, "enablePool", "fixture-io"));
                Waits.until(() -> (Boolean) jmx.get(IO, "TuningEnabled"), 10, "tuning on again");

                jmx.server.setAttribute(tuner, new Attribute("Mode", "auto"));
                assertEquals("auto", jmx.get(TUNER, "Mode"));
                assertEquals("fixture-io pinned at 3", jmx.server.invoke(tuner, "pinPool",
                        new Object[] {"fixture-io", 3}, new String[] {String.class.getName(), int.class.getName()}));
                Waits.until(() -> (Integer) jmx.get(IO, "CoreSize") == 3, 10, "the pinned size");
                assertEquals("fixture-io back to 2/2", invoke(jmx, "revertPool", "fixture-io"));
                Waits.until(() -> (Integer) jmx.get(IO, "CoreSize") == 2, 10, "the original size");
                assertTrue(((String) jmx.server.invoke(tuner, "pinPool", new Object[] {"fixture-io", 17},
                        new String[] {String.class.getName(), int.class.getName()}))
                        .startsWith("refused: 17 is above fixture-io's tuning maximum of 16"));
                assertTrue(((String) jmx.server.invoke(tuner, "pinPool", new Object[] {"nonesuch", 2},
                        new String[] {String.class.getName(), int.class.getName()})).startsWith("refused: no pool"));

                // One notification for each change (other pools' changes, if any, left aside).
                Waits.until(() -> mine(received).size() >= 5, 10, "a notification for each change");
                List<String> messages = mine(received);
                assertTrue(messages.get(0).contains("event=pool_tuning pool=fixture-io enabled=false"), messages.get(0));
                assertTrue(messages.get(1).contains("event=pool_tuning pool=fixture-io enabled=true"), messages.get(1));
                assertTrue(messages.get(2).contains("event=tuner_mode old=advise new=auto"), messages.get(2));
                assertTrue(messages.get(3).contains("action=pin old_core=2 new_core=3"), messages.get(3));
                assertTrue(messages.get(4).contains("action=revert old_core=3 new_core=2"), messages.get(4));
                String[] audit = (String[]) jmx.get(TUNER, "AuditTrail");
                assertTrue(audit.length >= 5 && audit[audit.length - 1].contains("action=revert"), List.of(audit)
                        .toString());

                // A pool that becomes garbage leaves: MBean unregistered, one pool_gone line.
                Waits.until(() -> !jmx.names("dev.attune:type=ThreadPool,name=fixture-temp").isEmpty(), 10,
                        "the temporary pool's MBean");
                send(app, "drop");
                Waits.until(() -> jmx.names("dev.attune:type=ThreadPool,name=fixture-temp").isEmpty(), 60,
                        "the collected pool's MBean to leave");
            }
        } finally {
            app.closeInput();
        }
        ForkedJvm.Result result = endedWell(app);
        assertTrue(result.agentEvents("pool_gone").stream()
                .anyMatch(l -> l.contains(" pool=fixture-temp reason=collected")), result.toString());
        List<String> invalid = result.agentEvents("config_invalid");
        assertEquals(1, invalid.size(), result.toString());
        assertTrue(invalid.get(0).contains("attune.pool.worker-pool.max") && invalid.get(0).contains("skipped"),
                invalid.get(0));
        assertTrue(result.agentEvents("pool_found").stream()
                .anyMatch(l -> l.contains(" pool=worker-pool ") && "16".equals(field(l, "tuning_max"))),
                "the bad max is skipped: the default, 8 x its core size\n" + result);
    }

    @Test
    void adviseModeAndReadOnlyJmxChangeNothing() throws Exception {
        // Four times the I/O pool's capacity: the tuner would grow it, but only says so.
        ForkedJvm.Running app = ForkedJvm.java().agent(null)
                .property("attune.interval", "200ms")
                .property("attune.jmx.readOnly", "true")
                .fixture(PoolsApp.class).args("--io-rate", "200", "--io-ms", "20").start();
        try {
            Waits.until(() -> app.stdoutSoFar().contains("ready"), 30, "the pools to run");
            try (JmxClient jmx = JmxClient.connect(app.pid())) {
                Waits.until(() -> app.stderrSoFar().contains("event=pool_advice pool=fixture-io action=grow"), 30,
                        "advice to grow the I/O pool");
                Waits.until(() -> ((String) jmx.get(IO, "LastDecision")).startsWith("grow 2 -> "), 30,
                        "the advice shown on the pool's MBean");
                assertEquals(2, jmx.get(IO, "CoreSize"));
                assertEquals(true, jmx.get(TUNER, "ReadOnly"));

                ObjectName tuner = new ObjectName(TUNER);
                assertRefused(() -> jmx.server.setAttribute(tuner, new Attribute("Mode", "auto")));
                for (String op : List.of("enablePool", "disablePool", "unpinPool", "revertPool")) {
                    assertRefused(() -> invoke(jmx, op, "fixture-io"));
                }
                assertRefused(() -> jmx.server.invoke(tuner, "pinPool", new Object[] {"fixture-io", 4},
                        new String[] {String.class.getName(), int.class.getName()}));
                assertRefused(() -> jmx.server.invoke(tuner, "revertAll", new Object[0], new String[0]));
                assertEquals("advise", jmx.get(TUNER, "Mode"));
                ObjectName signals = new ObjectName("dev.attune:type=Signals");
                Waits.until(() -> !jmx.names(signals.toString()).isEmpty(), 30, "the Signals MBean");
                assertRefused(() -> jmx.server.setAttribute(signals, new Attribute("Enabled", false)));
                assertEquals(true, jmx.get(signals.toString(), "Enabled"));
            }
        } finally {
            app.closeInput();
        }
        ForkedJvm.Result result = endedWell(app);
        assertTrue(result.stdout.contains("io core=2 max=2 largest-core-seen=2"), "never resized\n" + result);
        assertEquals(List.of(), result.agentEvents("pool_resize"), result.toString());
        assertEquals(List.of(), result.agentEvents("tuner_mode"), result.toString());
        assertTrue(result.agentEvents("pool_advice").get(0).contains(" mode=advise "), result.toString());
    }

    @Test
    void dynamicAttachFindsPoolsThatExistedBefore() throws Exception {
        ForkedJvm.Running app = ForkedJvm.java().fixture(PoolsApp.class).start();
        try {
            Waits.until(() -> app.stdoutSoFar().contains("ready"), 30, "the pools to run");
            java.nio.file.Path config = Scratch.file("attune", ".properties");
            java.nio.file.Files.writeString(config, "attune.interval=200ms\n");
            com.sun.tools.attach.VirtualMachine vm = com.sun.tools.attach.VirtualMachine.attach(Long.toString(app.pid()));
            try {
                vm.loadAgent(ForkedJvm.AGENT_JAR.getAbsolutePath(), "config=" + config);
            } finally {
                vm.detach();
            }
            Waits.until(() -> app.stderrSoFar().contains("event=pool_found pool=fixture-io ")
                    && app.stderrSoFar().contains("event=pool_found pool=fixture-sched ")
                    && app.stderrSoFar().contains("event=pool_found pool=fixture-sub "), 30,
                    "the pools created before the attach, found when next used");
        } finally {
            app.closeInput();
        }
        ForkedJvm.Result result = endedWell(app);
        assertTrue(result.agentEvents("agent_started").get(0).contains("attached=true"), result.toString());
    }

    /** Waits for the child's end: exit 0, nothing broken. */
    private static ForkedJvm.Result endedWell(ForkedJvm.Running app) throws Exception {
        ForkedJvm.Result result = app.await(30);
        assertEquals(0, result.exitCode, result.toString());
        assertNoLinkageTrouble(result);
        return result;
    }

    private static List<String> mine(Queue<Notification> received) {
        return received.stream().map(Notification::getMessage)
                .filter(m -> m.contains(" pool=fixture-io ") || m.contains(" event=tuner_mode ")).toList();
    }

    private static Object invoke(JmxClient jmx, String operation, String pool) throws Exception {
        return jmx.server.invoke(new ObjectName(TUNER), operation, new Object[] {pool},
                new String[] {String.class.getName()});
    }

    private static void send(ForkedJvm.Running app, String line) throws Exception {
        OutputStream in = app.process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    private interface Call {
        void run() throws Exception;
    }

    private static void assertRefused(Call call) {
        try {
            call.run();
            fail("not refused");
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SecurityException || String.valueOf(t.getMessage()).contains("readOnly")) {
                    return;
                }
            }
            throw new AssertionError("refused for another reason", e);
        }
    }
}
