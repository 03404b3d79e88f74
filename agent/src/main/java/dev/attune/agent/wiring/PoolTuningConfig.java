package dev.attune.agent.wiring;

import dev.attune.agent.config.AgentConfig;
import dev.attune.agent.config.PoolConfig;
import dev.attune.tuner.act.TunerMode;
import dev.attune.tuner.loop.PoolTuningSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the validated {@code attune.tuner.*}, {@code attune.jmx.readOnly} and {@code attune.pool.<name>.*} values
 * into the tuner's settings. Bad values were already reported (and left out) when the configuration was loaded.
 */
final class PoolTuningConfig {

    /** Changes kept in the audit trail ({@code dev.attune:type=Tuner} AuditTrail). */
    static final int AUDIT_SIZE = 100;

    private PoolTuningConfig() {
    }

    /** The tuner's settings, or null when pool discovery is off ({@code attune.tuner.pools=false}). */
    static PoolTuningSettings from(AgentConfig config) {
        if (!config.tunerPools()) {
            return null;
        }
        List<PoolTuningSettings.PoolSettings> pools = new ArrayList<>();
        for (PoolConfig p : config.poolConfigs()) {
            pools.add(new PoolTuningSettings.PoolSettings(p.name(), p.match(), TunerMode.parse(p.mode()), p.min(),
                    p.max(), p.targetWaitNanos()));
        }
        return new PoolTuningSettings(TunerMode.parse(config.tunerMode()), List.copyOf(pools), config.tunerMaxStep(),
                config.tunerCooldown(), config.tunerMinSamples(), config.tunerGrowthLimit(), config.tunerSloMethod(),
                config.jmxReadOnly(), AUDIT_SIZE);
    }
}
