package dev.attune.agent.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.attune.agent.config.AgentConfig;
import dev.attune.tuner.act.TunerMode;
import dev.attune.tuner.loop.PoolTuningSettings;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The configuration as the tuner gets it: global keys, per-pool settings, and nothing at all when pools are off. */
class PoolTuningConfigTest {

    private static AgentConfig load(String... keyValues) {
        Properties system = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            system.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return AgentConfig.load(null, system, Map.of());
    }

    @Test
    void defaultsAdviseWithTheDocumentedBounds() {
        PoolTuningSettings s = PoolTuningConfig.from(load());
        assertEquals(PoolTuningSettings.defaults(), s, "the configuration's defaults are the tuner's own");
    }

    @Test
    void globalAndPerPoolValuesArrive() {
        PoolTuningSettings s = PoolTuningConfig.from(load("attune.tuner.mode", "auto", "attune.tuner.max-step", "4",
                "attune.tuner.cooldown", "5", "attune.tuner.min-samples", "6", "attune.tuner.growth-limit", "3",
                "attune.tuner.slo-method", "com.acme.OrderService#place", "attune.jmx.readOnly", "true",
                "attune.pool.orders.match", "orders-io", "attune.pool.orders.mode", "off",
                "attune.pool.orders.max", "12", "attune.pool.orders.target-wait", "20ms"));
        assertEquals(new PoolTuningSettings(TunerMode.AUTO, List.of(new PoolTuningSettings.PoolSettings("orders",
                "orders-io", TunerMode.OFF, 0, 12, 20_000_000L)), 4.0, 5, 6, 3, "com.acme.OrderService#place", true,
                PoolTuningConfig.AUDIT_SIZE), s);
    }

    @Test
    void poolsOffMeansNoTuner() {
        assertNull(PoolTuningConfig.from(load("attune.tuner.pools", "false", "attune.tuner.mode", "auto")));
    }
}
