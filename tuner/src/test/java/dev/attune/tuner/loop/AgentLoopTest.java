package dev.attune.tuner.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.instrumentation.advice.TransformEvents;
import dev.attune.instrumentation.encode.ManyToOneRingBufferStripes;
import dev.attune.instrumentation.encode.MethodIds;
import dev.attune.tuner.decide.LatencyAlertRule;
import dev.attune.tuner.report.jmx.AgentView;
import dev.attune.tuner.report.log.AgentLog;
import dev.attune.tuner.report.log.LogFormat;
import dev.attune.tuner.report.log.LogLevel;
import dev.attune.tuner.report.log.LogOutput;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.stream.Collectors;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentLoopTest {

    private static final long MS = 1_000_000L;
    private static final String METHOD = "com.acme.OrderService#place";

    private long now = 1_000 * MS;
    private final MethodIds ids = new MethodIds(16);
    private final ManyToOneRingBufferStripes stripes = new ManyToOneRingBufferStripes(1 << 20, 2);
    private final LogOutput.Memory out = LogOutput.memory();
    private final AgentLog log = new AgentLog(LogFormat.LOGFMT, LogLevel.INFO, out);
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    private AgentLoop loop(boolean summary, boolean jmx, List<LatencyAlertRule> alerts) {
        AgentView view = new AgentView("test", "defaults", List.of(), List.of(METHOD), 1.0, 1 << 20,
                () -> 0, stripes::dropped, ids::count, () -> 0, () -> 0);
        return new AgentLoop(new LoopSettings(1_000 * MS, summary, jmx, 0), stripes, ids, new TransformEvents(),
                alerts, log, view, () -> now);
    }

    @AfterEach
    void unregister() throws Exception {
        for (ObjectName name : server.queryNames(new ObjectName("dev.attune:*"), null)) {
            server.unregisterMBean(name);
        }
    }

    /** Writes {@code calls} exits of {@code millis} and runs one interval of the loop. */
    private void interval(AgentLoop loop, int id, int calls, long millis) {
        for (int i = 0; i < calls; i++) {
            stripes.writeMethodExit(id, millis * MS, false);
        }
        loop.doWork();
        now += 1_000 * MS;
        loop.doWork();
    }

    private List<String> lines(String event) {
        return out.lines().stream().filter(l -> l.contains(" event=" + event + " ")).collect(Collectors.toList());
    }

    @Test
    void theNextParkEndsAtTheIntervalDeadlineAndNotAtAllOnceClosing() {
        AgentLoop loop = loop(false, false, List.of());
        assertEquals(1_000 * MS, loop.nanosToNextRoll());
        now += 400 * MS;
        assertEquals(600 * MS, loop.nanosToNextRoll());
        now += 700 * MS;
        assertTrue(loop.nanosToNextRoll() < 0, "overdue: no park");
        loop.doWork(); // rolls
        assertEquals(900 * MS, loop.nanosToNextRoll());
        loop.wakeToClose(); // before onStart: nothing to unpark, and no park from now on
        assertEquals(0, loop.nanosToNextRoll());
    }

    @Test
    void alertWritesOneFiringAndOneResolvedLine() {
        LatencyAlertRule rule = LatencyAlertRule.parse("slow-orders", METHOD + " p99 > 50ms for 2 intervals").rule();
        AgentLoop loop = loop(false, false, List.of(rule));
        int id = ids.idFor(METHOD);
        long[] latencies = {10, 80, 80, 80, 80, 10, 10, 10};
        for (long ms : latencies) {
            interval(loop, id, 50, ms);
        }
        List<String> alerts = lines("alert");
        assertEquals(2, alerts.size(), String.join("\n", out.lines()));
        assertTrue(alerts.get(0).contains("level=warn"), alerts.get(0));
        assertTrue(alerts.get(0).contains(" state=firing alert=slow-orders method=" + METHOD + " stat=p99 value_ms=80"),
                alerts.get(0));
        assertTrue(alerts.get(0).contains(" threshold_ms=50 intervals=2 rule="), alerts.get(0));
        assertTrue(alerts.get(1).contains(" state=resolved "), alerts.get(1));
    }

    @Test
    void summaryLinesPerIntervalOnlyForMethodsWithCalls() {
        AgentLoop loop = loop(true, false, List.of());
        int id = ids.idFor(METHOD);
        ids.idFor("com.acme.Idle#never");
        interval(loop, id, 10, 5);
        interval(loop, id, 0, 5);
        List<String> summaries = lines("method_summary");
        assertEquals(1, summaries.size(), String.join("\n", out.lines()));
        assertTrue(summaries.get(0).contains("method=" + METHOD + " count=10 throughput_per_s=10 errors=0 mean_us=4997"),
                summaries.get(0));
        loop.onClose();
        assertEquals(1, lines("method_total").size());
        assertTrue(lines("agent_stopped").get(0).contains("events_recorded=10 events_dropped=0 methods_timed=2"));
    }

    @Test
    void mbeansAreRegisteredOnlyAfterPremainReturnedWithDescribedUnitAttributes() throws Exception {
        AgentLoop loop = loop(false, true, List.of());
        int id = ids.idFor(METHOD);
        interval(loop, id, 100, 3);
        assertFalse(server.isRegistered(new ObjectName("dev.attune:type=Agent")), "not before premain returned");

        loop.premainReturned();
        loop.doWork();
        ObjectName agent = new ObjectName("dev.attune:type=Agent");
        ObjectName method = new ObjectName("dev.attune:type=Method,name=" + METHOD);
        assertTrue(server.isRegistered(agent));
        assertTrue(server.isRegistered(method));
        assertEquals(100L, server.getAttribute(method, "Count"));
        assertEquals(3_000.0, (double) server.getAttribute(method, "P99Micros"), 3_000 * 0.01);
        assertEquals(100L, server.getAttribute(method, "TotalCount"));
        assertEquals("test", server.getAttribute(agent, "Version"));

        MBeanInfo info = server.getMBeanInfo(method);
        assertTrue(info.getDescription().startsWith("Timings of one method"));
        for (MBeanAttributeInfo attribute : info.getAttributes()) {
            assertFalse(attribute.getDescription().isEmpty(), attribute.getName());
            assertFalse(attribute.isWritable(), attribute.getName());
            assertTrue(attribute.getDescriptor().getFieldValue("openType") != null, "open type for " + attribute.getName());
        }

        int later = ids.idFor("com.acme.Later#found");
        ids.idFor("com.acme.Later#neverCalled");
        interval(loop, later, 1, 1);
        assertTrue(server.isRegistered(new ObjectName("dev.attune:type=Method,name=com.acme.Later#found")),
                "methods first called later are registered too");
        assertFalse(server.isRegistered(new ObjectName("dev.attune:type=Method,name=com.acme.Later#neverCalled")),
                "a method never called has no figures, so no MBean");
    }
}
