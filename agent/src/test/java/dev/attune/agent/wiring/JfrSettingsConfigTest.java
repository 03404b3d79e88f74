package dev.attune.agent.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.agent.config.AgentConfig;
import dev.attune.instrumentation.signals.JfrSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The JFR settings as the stream gets them from the configuration: the execution sample period (following the
 * interval unless set, never below 10 ms) and the contention stack traces (off unless asked for).
 */
class JfrSettingsConfigTest {

    private static JfrSettings settings(String... keyValues) {
        Properties system = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            system.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return SignalsWiring.Options.from(AgentConfig.load(null, system, Map.of())).jfrSettings();
    }

    private static Duration period(String... keyValues) {
        return settings(keyValues).executionSamplePeriod();
    }

    @Test
    void monitorWaitsCarryStackTracesOnlyWhenAskedFor() {
        assertFalse(settings().contentionStackTraces());
        assertFalse(JfrSettings.defaults().contentionStackTraces());
        assertTrue(settings("attune.jfr.contention-stacks", "true").contentionStackTraces());
        assertFalse(settings("attune.jfr.contention-stacks", "maybe").contentionStackTraces(), "a bad value: default");
    }

    @Test
    void byDefaultFiftyRoundsAnInterval() {
        assertEquals(Duration.ofMillis(200), period());
        assertEquals(Duration.ofMillis(200), JfrSettings.defaults().executionSamplePeriod());
        assertEquals(Duration.ofMillis(100), period("attune.interval", "5s"));
        assertEquals(Duration.ofMillis(20), period("attune.interval", "1s"));
    }

    @Test
    void followingTheIntervalStaysWithinTwentyMillisecondsAndOneSecond() {
        assertEquals(Duration.ofMillis(20), period("attune.interval", "100ms"));
        assertEquals(Duration.ofSeconds(1), period("attune.interval", "1h"));
        assertEquals(Duration.ofMillis(20), JfrSettings.samplePeriodFor(Duration.ofMillis(999)));
        assertEquals(Duration.ofSeconds(1), JfrSettings.samplePeriodFor(Duration.ofSeconds(51)));
    }

    @Test
    void aSetPeriodWinsAndIsAtLeastTenMilliseconds() {
        assertEquals(Duration.ofMillis(100), period("attune.jfr.sample-period", "100ms"));
        assertEquals(Duration.ofMillis(50), period("attune.jfr.sample-period", "50ms", "attune.interval", "1h"));
        assertEquals(Duration.ofMillis(10), period("attune.jfr.sample-period", "1ms"));
    }
}
