package dev.attune.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.it.fixture.ProbeApp;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real agent jar on a forked JVM: methods timed exactly, read over a real JMX connection and in the log. */
class AgentEndToEndTest {

    private static final String WORK = ProbeApp.Work.class.getName();

    @Test
    void figuresOverRemoteJmxCountEveryCallAndEveryThrow() throws Exception {
        ForkedJvm.Running app = ForkedJvm.java().agent(null)
                .property("attune.methods", WORK + "#call," + WORK + "#fail")
                .property("attune.interval", "200ms")
                .fixture(ProbeApp.class).args("--calls", "20000", "--hold").start();
        try {
            Waits.until(() -> app.stdoutSoFar().contains("holding"), 30, "app ready");
            try (JmxClient jmx = JmxClient.connect(app.pid())) {
                String call = "dev.attune:type=Method,name=" + WORK + "#call";
                String fail = "dev.attune:type=Method,name=" + WORK + "#fail";
                Waits.until(() -> !jmx.names(fail).isEmpty() && (Long) jmx.get(fail, "TotalCount") == 20_000L, 30,
                        "figures for 20,000 calls");
                assertEquals(20_000L, jmx.get(call, "TotalCount"));
                assertEquals(0L, jmx.get(call, "TotalErrors"));
                assertEquals(2_000L, jmx.get(fail, "TotalErrors"), "every tenth call threw");
                double p50 = (Double) jmx.get(call, "TotalP50Micros");
                double p99 = (Double) jmx.get(call, "TotalP99Micros");
                double max = (Double) jmx.get(call, "TotalMaxMicros");
                assertTrue(p50 > 0 && p50 <= p99 && p99 <= max, "p50 " + p50 + " p99 " + p99 + " max " + max);
                assertTrue((Double) jmx.get(call, "TotalThroughputPerSec") > 0);

                String agent = "dev.attune:type=Agent";
                assertEquals(40_000L, jmx.get(agent, "EventsRecorded"));
                assertEquals(0L, jmx.get(agent, "EventsDropped"));
                assertEquals(2, jmx.get(agent, "MethodsTimed"));
                assertEquals(true, jmx.get(agent, "Enabled"));
                assertEquals("system-properties", jmx.get(agent, "ConfigSource"));
                assertTrue(((String) jmx.get(agent, "Version")).matches("\\d+\\.\\d+\\.\\d+.*"));
                assertEquals(0.2, (Double) jmx.get(agent, "IntervalSeconds"), 1e-9);
            }
        } finally {
            app.closeInput();
        }
        ForkedJvm.Result result = app.await(30);
        assertEquals(0, result.exitCode, result.toString());
        assertEquals(1, result.agentEvents("agent_started").size(), result.toString());
        assertTrue(result.agentEvents("agent_stopped").get(0).contains("events_recorded=60000 events_dropped=0"),
                result.toString());
    }

    @Test
    void aHotMethodIsCountedInPlaceAndStillEveryCallIsCounted() throws Exception {
        ForkedJvm.Result result = ForkedJvm.java().agent(null)
                .property("attune.methods", WORK + "#call")
                .property("attune.interval", "200ms")
                .fixture(ProbeApp.class).args("--calls", "1000", "--hot-ms", "3000", "--report").run(60);
        assertEquals(0, result.exitCode, result.toString());
        long hotCalls = Long.parseLong(result.stdout.replaceAll("(?s).*hot calls=(\\d+).*", "$1"));
        long expected = 1000 + hotCalls;
        assertTrue(hotCalls > 1_000_000, result.toString());
        assertTrue(result.stdout.contains("figure method=" + WORK + "#call totalCount=" + expected + " "),
                "every call counted, those through the ring and those counted in place: " + result);
        assertEquals(1, result.agentEvents("method_counted_in_place").size(), result.toString());
        assertTrue(result.agentEvents("method_counted_in_place").get(0).contains("method=" + WORK + "#call"),
                result.toString());
        assertTrue(result.agentEvents("agent_stopped").get(0)
                .contains("events_recorded=" + expected + " events_dropped=0"), result.toString());
    }

    @Test
    void alertFiresOnceAndResolvesOnceWithSummariesInJson() throws Exception {
        ForkedJvm.Result result = ForkedJvm.java().agent(null)
                .property("attune.methods", WORK + "#pause")
                .property("attune.interval", "200ms")
                .property("attune.log.summary", "true")
                .property("attune.log.format", "json")
                .property("attune.alert.slow-pause", WORK + "#pause p99 > 5ms for 2 intervals")
                // Phases of 3 s: the 1 ms pauses start once the agent's own start-up (JFR, JMX, the pool advice,
                // a second or two on a cold 2-core JVM) is over, so that it cannot lift their p99 past 5 ms.
                .fixture(ProbeApp.class).args("--calls", "10", "--slow-ms", "3000").run(60);
        assertEquals(0, result.exitCode, result.toString());
        List<String> json = result.stderr.lines().filter(l -> l.startsWith("{")).toList();
        assertTrue(json.stream().allMatch(l -> l.endsWith("}") && l.contains("\"logger\":\"attune\"")), result.toString());
        List<String> alerts = json.stream().filter(l -> l.contains("\"event\":\"alert\"")).toList();
        assertEquals(2, alerts.size(), result.toString());
        assertTrue(alerts.get(0).contains("\"state\":\"firing\",\"alert\":\"slow-pause\",\"method\":\"" + WORK + "#pause\""),
                alerts.get(0));
        assertTrue(alerts.get(1).contains("\"state\":\"resolved\""), alerts.get(1));
        assertTrue(json.stream().anyMatch(l -> l.contains("\"event\":\"method_summary\"")), result.toString());
    }

    @Test
    void logFileTakesTheAgentLinesAndStdoutNeverGetsAny() throws Exception {
        java.nio.file.Path dir = Scratch.dir("attune-log");
        java.nio.file.Path file = dir.resolve("attune.log");
        ForkedJvm.Result result = ForkedJvm.java().agent(null)
                .property("attune.methods", WORK + "#call")
                .property("attune.log.file", file.toString())
                .property("attune.log.summary", "true")
                .property("attune.interval", "200ms")
                .fixture(ProbeApp.class).args("--calls", "100", "--report").run(60);
        assertEquals(0, result.exitCode, result.toString());
        assertEquals(List.of(), result.agentLines(), "nothing on stderr when a file is set");
        assertTrue(result.stdout.lines().noneMatch(l -> l.contains("logger=attune")));
        List<String> lines = java.nio.file.Files.readAllLines(file);
        assertTrue(lines.stream().anyMatch(l -> l.contains(" event=agent_started ")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains(" event=method_total method=" + WORK + "#call count=100 ")),
                String.join("\n", lines));
    }

    @Test
    void disabledAgentStartsNoThreadRegistersNothingAndSaysSo() throws Exception {
        ForkedJvm.Result result = ForkedJvm.java().agent(null)
                .property("attune.enabled", "false")
                .property("attune.methods", WORK + "#call")
                .fixture(ProbeApp.class).args("--calls", "100", "--threads").run(60);
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("attune-threads=[]"), result.toString());
        assertEquals(1, result.agentLines().size(), result.toString());
        assertTrue(result.agentEvents("agent_disabled").get(0).contains("key=attune.enabled value=false"));
    }

    @Test
    void agentThreadsAreFewNamedDaemons() throws Exception {
        ForkedJvm.Result result = ForkedJvm.java().agent(null)
                .property("attune.methods", WORK + "#call")
                .fixture(ProbeApp.class).args("--calls", "100", "--threads").run(60);
        // attune-agent always; attune-signals-start and attune-start (one-shot) and attune-jfr once the
        // signals have started.
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("attune-threads=\\[([^]]*)]").matcher(result.stdout);
        assertTrue(m.find(), result.toString());
        List<String> threads = List.of(m.group(1).split(", "));
        assertTrue(threads.contains("attune-agent"), result.toString());
        assertTrue(List.of("attune-agent", "attune-jfr", "attune-signals-start", "attune-start")
                        .containsAll(threads),
                result.toString());
    }

    @Test
    void dynamicAttachTimesMethodsOfClassesAlreadyLoaded() throws Exception {
        ForkedJvm.Running app = ForkedJvm.java()
                .fixture(ProbeApp.class).args("--calls", "3000", "--hold", "--report", "--expect", "3000").start();
        try {
            Waits.until(() -> app.stdoutSoFar().contains("holding"), 30, "app ready");
            com.sun.tools.attach.VirtualMachine vm = com.sun.tools.attach.VirtualMachine.attach(Long.toString(app.pid()));
            try {
                java.nio.file.Path config = Scratch.file("attune", ".properties");
                java.nio.file.Files.writeString(config, "attune.methods=" + WORK + "#call\n"
                        + "attune.interval=200ms\n");
                vm.loadAgent(ForkedJvm.AGENT_JAR.getAbsolutePath(), "config=" + config);
            } finally {
                vm.detach();
            }
        } finally {
            app.closeInput();
        }
        ForkedJvm.Result result = app.await(60);
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("figure method=" + WORK + "#call totalCount=3000 "), result.toString());
        assertTrue(result.agentEvents("agent_started").get(0).contains("attached=true"), result.toString());
    }
}
