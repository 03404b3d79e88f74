package dev.attune.tuner.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.instrumentation.encode.MethodIds;
import dev.attune.tuner.aggregate.MethodAggregator;
import dev.attune.tuner.aggregate.MethodFigures;
import dev.attune.tuner.aggregate.SyntheticEvents;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyAlertRuleTest {

    private static final String METHOD = "com.acme.OrderService#place";

    private final MethodIds ids = new MethodIds(4);
    private final int id = ids.idFor(METHOD);
    private final MethodAggregator aggregator = new MethodAggregator(ids, 0);
    private final SyntheticEvents events = new SyntheticEvents();
    private long now;

    /** One interval in which every call takes {@code millis}; no calls when negative. */
    private MethodFigures interval(double millis) {
        if (millis >= 0) {
            for (int i = 0; i < 100; i++) {
                events.exit(aggregator, id, (long) (millis * 1_000_000), false);
            }
        }
        now += 1_000_000_000L;
        aggregator.discoverMethods();
        aggregator.roll(now);
        return aggregator.figures(METHOD);
    }

    private static LatencyAlertRule rule(String expression) {
        LatencyAlertRule.Parsed parsed = LatencyAlertRule.parse("slow-orders", expression);
        assertNull(parsed.error(), expression);
        return parsed.rule();
    }

    private List<AlertTransition> run(LatencyAlertRule rule, double... millisPerInterval) {
        List<AlertTransition> out = new ArrayList<>();
        for (double ms : millisPerInterval) {
            out.add(rule.evaluate(interval(ms)));
        }
        return out;
    }

    @Test
    void firesOnceAfterNIntervalsAndResolvesOnceAfterNClear() {
        LatencyAlertRule rule = rule(METHOD + " p99 > 50ms for 3 intervals");
        List<AlertTransition> t = run(rule, 10, 80, 80, 80, 80, 80, 10, 10, 10, 10);
        assertEquals(List.of(
                AlertTransition.NONE, AlertTransition.NONE, AlertTransition.NONE, AlertTransition.FIRING,
                AlertTransition.NONE, AlertTransition.NONE, AlertTransition.NONE, AlertTransition.NONE,
                AlertTransition.RESOLVED, AlertTransition.NONE), t);
        assertEquals(10.0, rule.lastValueInLogUnit(), 0.1);
        assertEquals(50.0, rule.thresholdInLogUnit(), 1e-9);
        assertEquals("ms", rule.logUnit());
    }

    @Test
    void aBriefSpikeOrDipChangesNothing() {
        LatencyAlertRule rule = rule(METHOD + " p99 > 50ms for 2 intervals");
        assertEquals(List.of(AlertTransition.NONE, AlertTransition.NONE, AlertTransition.NONE,
                AlertTransition.FIRING, AlertTransition.NONE, AlertTransition.NONE),
                run(rule, 80, 10, 80, 80, 10, 80));
        assertTrue(rule.firing());
    }

    @Test
    void defaultIsOneIntervalAndEmptyIntervalsClearALatencyAlert() {
        LatencyAlertRule rule = rule(METHOD + " max >= 2s");
        assertEquals(List.of(AlertTransition.FIRING, AlertTransition.RESOLVED), run(rule, 2500, -1));
    }

    @Test
    void unseenMethodNeverFires() {
        LatencyAlertRule rule = rule("x.Y#z p50 > 1us");
        assertEquals(AlertTransition.NONE, rule.evaluate(null));
    }

    @Test
    void throughputAndErrorStatsCompareCounts() {
        LatencyAlertRule low = rule(METHOD + " throughput < 50");
        assertEquals(List.of(AlertTransition.NONE, AlertTransition.FIRING), run(low, 1, -1));
        LatencyAlertRule errors = rule(METHOD + " errors > 0");
        assertEquals(AlertTransition.NONE, errors.evaluate(interval(1)));
    }

    @Test
    void unitsConvert() {
        assertEquals(0.5, rule(METHOD + " p50 > 500us").thresholdInLogUnit(), 1e-9);
        assertEquals(1500.0, rule(METHOD + " p50 > 1.5s").thresholdInLogUnit(), 1e-9);
        assertEquals(0.0001, rule(METHOD + " p50 > 100ns").thresholdInLogUnit(), 1e-12);
    }

    @Test
    void badExpressionsSayWhatIsExpected() {
        String[][] cases = {
                {"", "expected <Class#method>"},
                {"OrderService p99 > 50ms", "expected <Class#method>"},
                {METHOD + " p98 > 50ms", "unknown stat \"p98\""},
                {METHOD + " p99 > 50", "needs a unit"},
                {METHOD + " p99 > 50 parsecs", "needs a unit"},
                {METHOD + " p99 > 50xs", "needs a unit"},
                {METHOD + " errors > 5ms", "plain number"},
                {METHOD + " p99 > 50ms for 0 intervals", "from 1 to 1000"},
                {METHOD + " p99 = 50ms", "expected <Class#method>"},
        };
        for (String[] c : cases) {
            LatencyAlertRule.Parsed parsed = LatencyAlertRule.parse("a", c[0]);
            assertNull(parsed.rule(), c[0]);
            assertNotNull(parsed.error(), c[0]);
            assertTrue(parsed.error().contains(c[1]), c[0] + " -> " + parsed.error());
        }
    }
}
