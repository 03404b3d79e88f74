package dev.attune.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {

    @TempDir
    Path dir;

    private final Properties system = new Properties();
    private final Map<String, String> env = new HashMap<>();

    private Path file(String... lines) throws Exception {
        Path f = dir.resolve("attune.properties");
        Files.writeString(f, String.join("\n", lines));
        return f;
    }

    private AgentConfig load(Path file) {
        return AgentConfig.load(file == null ? null : "config=" + file, system, env);
    }

    private static List<String> messages(AgentConfig c) {
        return c.problems().stream().map(ConfigProblem::message).collect(Collectors.toList());
    }

    @Test
    void defaultsWithoutAnySource() {
        AgentConfig c = load(null);
        assertTrue(c.enabled());
        assertEquals(List.of(), c.methods());
        assertEquals(10_000_000_000L, c.intervalNanos());
        assertEquals(4L << 20, c.bufferBytes());
        assertEquals("logfmt", c.logFormat());
        assertEquals("", c.logFile());
        assertEquals(10L << 20, c.logFileMaxBytes());
        assertEquals("info", c.logLevel());
        assertFalse(c.logSummary());
        assertTrue(c.jmxEnabled());
        assertEquals(1_000_000_000L, c.jmxDelayNanos());
        assertEquals(Map.of(), c.alerts());
        assertEquals("defaults", c.source());
        assertEquals("default", c.sourceOf("attune.interval"));
        assertEquals(List.of(), c.problems());
    }

    @Test
    void systemPropertyBeatsEnvironmentBeatsFileBeatsDefault() throws Exception {
        Path f = file("attune.interval=1s", "attune.log.format=json", "attune.log.level=warn", "attune.buffer.bytes=1MB");
        env.put("ATTUNE_INTERVAL", "2s");
        env.put("ATTUNE_LOG_FORMAT", "logfmt");
        system.setProperty("attune.interval", "3s");
        AgentConfig c = load(f);
        assertEquals(3_000_000_000L, c.intervalNanos(), "system property over env and file");
        assertEquals("system-property", c.sourceOf("attune.interval"));
        assertEquals("logfmt", c.logFormat(), "env over file");
        assertEquals("env", c.sourceOf("attune.log.format"));
        assertEquals("warn", c.logLevel(), "file over default");
        assertEquals("file:" + f.toAbsolutePath(), c.sourceOf("attune.log.level"));
        assertEquals(1L << 20, c.bufferBytes());
        assertEquals("default", c.sourceOf("attune.log.summary"));
        assertEquals("file:" + f.toAbsolutePath() + " + env + system-properties", c.source());
        assertEquals(List.of(), c.problems());
    }

    @Test
    void fileNamedBySystemPropertyOrEnvironmentWhenNoAgentArgument() throws Exception {
        Path f = file("attune.log.summary=true");
        env.put("ATTUNE_CONFIG", f.toString());
        assertTrue(load(null).logSummary());
        Path other = dir.resolve("other.properties");
        Files.writeString(other, "attune.log.summary=false");
        system.setProperty("attune.config", other.toString());
        assertFalse(load(null).logSummary(), "attune.config system property over ATTUNE_CONFIG");
        assertTrue(load(f).logSummary(), "the agent argument over both");
    }

    @Test
    void environmentNamesMapDotsAndDashesToUnderscores() {
        env.put("ATTUNE_LOG_FILE_MAX_BYTES", "128KB");
        env.put("ATTUNE_JMX_DELAY", "1.5s");
        env.put("ATTUNE_METHODS", "a.B#c, d.E#f ,,");
        AgentConfig c = load(null);
        assertEquals(128L << 10, c.logFileMaxBytes());
        assertEquals(1_500_000_000L, c.jmxDelayNanos());
        assertEquals(List.of("a.B#c", "d.E#f"), c.methods());
        assertEquals("env", c.source());
        assertEquals("ATTUNE_LOG_FILE_MAX_BYTES", ConfigKeys.LOG_FILE_MAX_BYTES.envName());
    }

    @Test
    void valueFormats() {
        system.setProperty("attune.enabled", "FALSE");
        system.setProperty("attune.interval", "250ms");
        system.setProperty("attune.jmx.delay", "1m");
        system.setProperty("attune.buffer.bytes", "64kb");
        system.setProperty("attune.log.file.max-bytes", "1GB");
        system.setProperty("attune.log.level", "DEBUG");
        AgentConfig c = load(null);
        assertFalse(c.enabled());
        assertEquals(250_000_000L, c.intervalNanos());
        assertEquals(60_000_000_000L, c.jmxDelayNanos());
        assertEquals(64L << 10, c.bufferBytes());
        assertEquals(1L << 30, c.logFileMaxBytes());
        assertEquals("debug", c.logLevel());
    }

    @Test
    void unknownKeysGetOneWarningEachWithTheNearestValidKey() throws Exception {
        Path f = file("attune.intervall=5s", "attune.completely.different=1", "interval=5s");
        system.setProperty("attune.log.sumary", "true");
        env.put("ATTUNE_JMX_ENABLE", "false");
        AgentConfig c = load(f);
        List<String> m = messages(c);
        assertTrue(m.contains("unknown key attune.intervall (from file " + f.toAbsolutePath()
                + "); did you mean attune.interval?; ignored"), m.toString());
        assertTrue(m.contains("unknown key attune.completely.different (from file " + f.toAbsolutePath()
                + "); no similar key (see the configuration reference); ignored"), m.toString());
        assertTrue(m.stream().anyMatch(s -> s.startsWith("unknown key interval (from file")), m.toString());
        assertTrue(m.contains("unknown key attune.log.sumary (from system property); did you mean attune.log.summary?;"
                + " ignored"), m.toString());
        assertTrue(m.contains("unknown environment variable ATTUNE_JMX_ENABLE; did you mean ATTUNE_JMX_ENABLED?;"
                + " ignored"), m.toString());
        assertEquals(5, c.problems().size(), m.toString());
        assertTrue(c.problems().stream().allMatch(p -> p.severity() == ConfigProblem.Severity.WARN));
        assertEquals(10_000_000_000L, c.intervalNanos(), "an unknown key changes nothing");
    }

    @Test
    void aListOfNamesTakesOnlyNamesOfItsSet() {
        system.setProperty("attune.jfr.exclude", "jdk.ThreadPark , jdk.ExecutionSample");
        assertEquals(List.of("jdk.ThreadPark", "jdk.ExecutionSample"), load(null).value(ConfigKeys.JFR_EXCLUDE));
        system.setProperty("attune.jfr.exclude", "jdk.ThreadPark,jdk.threadpark");
        AgentConfig c = load(null);
        assertEquals(List.of("jdk.ThreadPark"), c.value(ConfigKeys.JFR_EXCLUDE),
                "one unknown name: the whole value is refused, the default taken");
        system.setProperty("attune.jfr.exclude", "");
        assertEquals(List.of(), load(null).value(ConfigKeys.JFR_EXCLUDE), "empty: every event recorded");
        assertEquals(1, c.problems().size(), messages(c).toString());
        assertTrue(messages(c).get(0).contains("expected a comma-separated list of jdk.CPULoad, "), messages(c).toString());
    }

    @Test
    void invalidValuesGetOneErrorNamingKeyValueAndExpectationAndTakeTheDefault() throws Exception {
        Path f = file("attune.enabled=yes", "attune.interval=fast", "attune.buffer.bytes=12",
                "attune.log.format=xml", "attune.jmx.delay=11m", "attune.log.file.max-bytes=10 parsecs");
        AgentConfig c = load(f);
        List<String> m = messages(c);
        String from = "(from file:" + f.toAbsolutePath() + ")";
        assertTrue(m.contains("invalid value for attune.enabled " + from + ": \"yes\"; expected true or false;"
                + " using the default true"), m.toString());
        assertTrue(m.contains("invalid value for attune.interval " + from + ": \"fast\"; expected a duration such as"
                + " 500ms, 10s or 1m (units ns, us, ms, s, m, h) from 100ms to 1h; using the default 10s"), m.toString());
        assertTrue(m.contains("invalid value for attune.buffer.bytes " + from + ": \"12\"; expected a size such as"
                + " 64KB, 4MB or 1GB from 64KB to 1GB; using the default 4MB"), m.toString());
        assertTrue(m.contains("invalid value for attune.log.format " + from + ": \"xml\"; expected one of logfmt,"
                + " json; using the default logfmt"), m.toString());
        assertTrue(m.stream().anyMatch(s -> s.startsWith("invalid value for attune.jmx.delay " + from + ": \"11m\"")));
        assertTrue(m.stream().anyMatch(s -> s.startsWith("invalid value for attune.log.file.max-bytes")));
        assertEquals(6, c.problems().size(), m.toString());
        assertTrue(c.problems().stream().allMatch(p -> p.severity() == ConfigProblem.Severity.ERROR));
        assertTrue(c.enabled());
        assertEquals(10_000_000_000L, c.intervalNanos());
        assertEquals(4L << 20, c.bufferBytes());
        assertEquals("logfmt", c.logFormat());
        assertEquals("default", c.sourceOf("attune.interval"));
    }

    @Test
    void emptyValuesAreInvalidWhereAValueIsNeededAndFineForLists() throws Exception {
        AgentConfig c = load(file("attune.interval=", "attune.methods=", "attune.log.file="));
        assertEquals(List.of("invalid value for attune.interval (from file:" + dir.resolve("attune.properties")
                        .toAbsolutePath() + "): \"\"; expected a duration such as 500ms, 10s or 1m (units ns, us, ms,"
                        + " s, m, h) from 100ms to 1h; using the default 10s"), messages(c));
        assertEquals(List.of(), c.methods());
        assertEquals("", c.logFile());
    }

    @Test
    void missingOrUnreadableFileIsOneErrorAndTheOtherSourcesStillApply() {
        system.setProperty("attune.log.summary", "true");
        AgentConfig missing = load(dir.resolve("nope.properties"));
        assertEquals(List.of("config file " + dir.resolve("nope.properties").toAbsolutePath()
                + " does not exist; running with system properties, environment and defaults"), messages(missing));
        assertTrue(missing.logSummary());
        AgentConfig directory = load(dir);
        assertEquals(1, directory.problems().size());
        assertTrue(messages(directory).get(0).contains(" is not a readable file; "), messages(directory).toString());
        assertEquals("system-properties", directory.source());
    }

    @Test
    void agentArgumentTakesOnlyConfig() {
        for (String bad : new String[] {"verbose", "config=", "interval=5s", "config"}) {
            AgentConfig c = AgentConfig.load(bad, system, env);
            assertEquals(1, c.problems().size(), bad);
            assertEquals("invalid agent argument \"" + bad + "\"; expected config=<path to a properties file>, as in"
                    + " -javaagent:attune-agent.jar=config=attune.properties; ignored", messages(c).get(0));
        }
        assertEquals(List.of(), AgentConfig.load("  ", system, env).problems());
    }

    @Test
    void alertsFromEverySourceInOrderWithHigherSourcesReplacingLower() throws Exception {
        Path f = file("attune.alert.slow-orders=a.B#c p99 > 50ms", "attune.alert.errors=a.B#c errors > 0");
        env.put("ATTUNE_ALERT_SLOW_ORDERS", "a.B#c p99 > 60ms");
        env.put("ATTUNE_ALERT_LOW_TRAFFIC", "a.B#c throughput < 1");
        system.setProperty("attune.alert.errors", "a.B#c errors > 5");
        system.setProperty("attune.alert.bad name!", "x");
        AgentConfig c = load(f);
        assertEquals(List.of("low-traffic", "slow-orders", "errors"), List.copyOf(c.alerts().keySet()));
        assertEquals("a.B#c p99 > 60ms", c.alerts().get("slow-orders"));
        assertEquals("a.B#c errors > 5", c.alerts().get("errors"));
        assertEquals(List.of("invalid alert name in attune.alert.bad name! (from system-properties); expected letters,"
                + " digits, - and _; this alert is skipped"), messages(c));
    }

    @Test
    void tunerKeysHaveSafeDefaults() {
        AgentConfig c = load(null);
        assertTrue(c.tunerPools());
        assertEquals("advise", c.tunerMode());
        assertEquals(1_000_000_000L, c.tunerPeriodNanos());
        assertEquals(2.0, c.tunerMaxStep());
        assertEquals(2, c.tunerCooldown());
        assertEquals(3, c.tunerMinSamples());
        assertEquals(8, c.tunerGrowthLimit());
        assertEquals("", c.tunerSloMethod());
        assertFalse(c.jmxReadOnly());
        assertEquals(List.of(), c.poolConfigs());
    }

    @Test
    void theControlPeriodStaysWithinTheInterval() {
        system.setProperty("attune.interval", "250ms");
        AgentConfig shortInterval = load(null);
        assertEquals(250_000_000L, shortInterval.tunerPeriodNanos(), "the default becomes the interval");
        assertEquals(List.of(), messages(shortInterval));

        system.setProperty("attune.interval", "2s");
        system.setProperty("attune.tuner.period", "5s");
        AgentConfig tooLong = load(null);
        assertEquals(1_000_000_000L, tooLong.tunerPeriodNanos());
        assertEquals(List.of("invalid value for attune.tuner.period (from system-property): 5s is longer than"
                + " attune.interval=2s; using the default 1s (at most the interval)"), messages(tooLong));

        system.setProperty("attune.tuner.period", "50ms");
        AgentConfig tooShort = load(null);
        assertEquals(1_000_000_000L, tooShort.tunerPeriodNanos());
        assertEquals(1, messages(tooShort).size(), messages(tooShort).toString());
        assertTrue(messages(tooShort).get(0).contains("from 100ms to 1h"), messages(tooShort).get(0));

        system.setProperty("attune.tuner.period", "500ms");
        assertEquals(500_000_000L, load(null).tunerPeriodNanos());
    }

    @Test
    void poolSettingsFromEverySourceEachBadValueOneErrorAndSkipped() throws Exception {
        Path f = file("attune.pool.orders-io.match=orders-io-", "attune.pool.orders-io.min=2",
                "attune.pool.orders-io.max=24", "attune.pool.orders-io.target-wait=50ms",
                "attune.pool.batch.mode=sometimes", "attune.pool.batch.min=0", "attune.pool.batch.max=4",
                "attune.pool.narrow.min=8", "attune.pool.narrow.max=4");
        env.put("ATTUNE_POOL_ORDERS_IO_MODE", "auto");
        system.setProperty("attune.pool.batch.target-wait", "soon");
        AgentConfig c = load(f);

        PoolConfig io = c.poolConfigs().stream().filter(p -> p.name().equals("orders-io")).findFirst().orElseThrow();
        assertEquals(new PoolConfig("orders-io", "orders-io-", "auto", 2, 24, 50_000_000L), io);
        PoolConfig batch = c.poolConfigs().stream().filter(p -> p.name().equals("batch")).findFirst().orElseThrow();
        assertEquals(new PoolConfig("batch", "", null, 0, 4, 0), batch, "bad mode, min and target-wait skipped");
        PoolConfig narrow = c.poolConfigs().stream().filter(p -> p.name().equals("narrow")).findFirst().orElseThrow();
        assertEquals(8, narrow.min());
        assertEquals(0, narrow.max(), "a max below the min is skipped");

        List<String> errors = messages(c);
        assertEquals(4, errors.size(), errors.toString());
        assertTrue(errors.contains("invalid value for attune.pool.batch.mode: \"sometimes\"; expected one of off,"
                + " advise, auto; this setting is skipped"), errors.toString());
        assertTrue(errors.contains("invalid value for attune.pool.batch.min: \"0\"; expected a whole number from 1"
                + " to 512; this setting is skipped"), errors.toString());
        assertTrue(errors.stream().anyMatch(m -> m.startsWith("invalid value for attune.pool.batch.target-wait:"
                + " \"soon\"; expected a duration")), errors.toString());
        assertTrue(errors.contains("invalid value for attune.pool.narrow.max: 4 is below attune.pool.narrow.min=8;"
                + " this setting is skipped"), errors.toString());
        assertTrue(c.problems().stream().allMatch(p -> p.severity() == ConfigProblem.Severity.ERROR));
    }
}
