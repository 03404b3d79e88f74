package dev.attune.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.it.fixture.ProbeApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad configuration costs the application nothing: same stdout, same exit code; the agent says what it skipped. */
class BadConfigTest {

    private static final String WORK = ProbeApp.Work.class.getName();

    private static ForkedJvm.Result probe(ForkedJvm jvm) throws Exception {
        return jvm.fixture(ProbeApp.class).args("--calls", "500").run(60);
    }

    private static long count(ForkedJvm.Result r, String fragment) {
        return r.agentLines().stream().filter(l -> l.contains(fragment)).count();
    }

    @Test
    void everyKindOfBadInputIsReportedOnceAndTheRestRuns() throws Exception {
        Path config = Scratch.file("attune-bad", ".properties");
        Files.writeString(config, String.join("\n",
                "attune.intervall=5s",
                "attune.log.level=loud",
                "attune.buffer.bytes=12",
                "attune.methods=no-hash-here, " + WORK + "#call",
                "attune.alert.broken=" + WORK + "#call p98 > 5ms",
                "attune.alert.bad!name=x"));
        ForkedJvm.Result baseline = probe(ForkedJvm.java());
        ForkedJvm.Result bad = probe(ForkedJvm.java().agent("config=" + config)
                .property("attune.jmx.enabled", "maybe")
                .env("ATTUNE_LOG_SUMARY", "true"));

        assertEquals(baseline.exitCode, bad.exitCode, bad.toString());
        assertEquals(baseline.stdout, bad.stdout, "the application's output is unchanged");
        assertEquals(1, count(bad, "unknown key attune.intervall (from file "), bad.toString());
        assertEquals(1, count(bad, "did you mean attune.interval?"), bad.toString());
        assertEquals(1, count(bad, "invalid value for attune.log.level"), bad.toString());
        assertEquals(1, count(bad, "\\\"loud\\\"; expected one of error, warn, info, debug"), bad.toString());
        assertEquals(1, count(bad, "invalid value for attune.buffer.bytes"), bad.toString());
        assertEquals(1, count(bad, "invalid value for attune.jmx.enabled (from system-property): \\\"maybe\\\"; expected true or false"),
                bad.toString());
        assertEquals(1, count(bad, "unknown environment variable ATTUNE_LOG_SUMARY; did you mean ATTUNE_LOG_SUMMARY?"),
                bad.toString());
        assertEquals(1, count(bad, "key=attune.methods value=no-hash-here"), bad.toString());
        assertEquals(1, count(bad, "key=attune.alert.broken"), bad.toString());
        assertEquals(1, count(bad, "unknown stat"), bad.toString());
        assertEquals(1, count(bad, "invalid alert name"), bad.toString());
        // What was valid still runs: the good pattern is timed.
        List<String> started = bad.agentEvents("agent_started");
        assertEquals(1, started.size(), bad.toString());
        assertTrue(started.get(0).contains("methods=no-hash-here," + WORK + "#call"), started.get(0));
        assertTrue(bad.agentEvents("agent_stopped").get(0).contains("events_recorded=500"), bad.toString());
    }

    @Test
    void missingFileAndBadAgentArgumentNeverStopTheApplication() throws Exception {
        ForkedJvm.Result baseline = probe(ForkedJvm.java());
        ForkedJvm.Result missing = probe(ForkedJvm.java().agent("config=/nonexistent/attune.properties"));
        assertEquals(baseline.stdout, missing.stdout);
        assertEquals(baseline.exitCode, missing.exitCode);
        assertEquals(1, count(missing, "config file /nonexistent/attune.properties does not exist"), missing.toString());
        assertEquals(1, missing.agentEvents("agent_started").size(), missing.toString());

        ForkedJvm.Result directory = probe(ForkedJvm.java().agent("config=/tmp"));
        assertEquals(baseline.stdout, directory.stdout);
        assertEquals(1, count(directory, "is not a readable file"), directory.toString());

        ForkedJvm.Result garbage = probe(ForkedJvm.java().agent("verbose,fast"));
        assertEquals(baseline.stdout, garbage.stdout);
        assertEquals(baseline.exitCode, garbage.exitCode);
        assertEquals(1, count(garbage, "invalid agent argument"), garbage.toString());
    }

    @Test
    void sampleAppCheckIsUnchangedUnderABadConfig() throws Exception {
        Path config = Scratch.file("attune-bad", ".properties");
        Files.writeString(config, "attune.methods=dev.attune.sample.OrderService#place,###\nattune.interval=never\n");
        ForkedJvm.Result baseline = ForkedJvm.java().jar(ForkedJvm.SAMPLE_JAR).args("check").run(120);
        ForkedJvm.Result bad = ForkedJvm.java().agent("config=" + config).jar(ForkedJvm.SAMPLE_JAR).args("check").run(120);
        assertEquals(0, baseline.exitCode, baseline.toString());
        assertEquals(baseline.exitCode, bad.exitCode, bad.toString());
        assertEquals(baseline.stdout, bad.stdout);
        assertEquals(1, count(bad, "invalid value for attune.interval"), bad.toString());
        assertEquals(1, count(bad, "key=attune.methods value=###"), bad.toString());
    }
}
