package dev.attune.tuner.loop;

import dev.attune.tuner.act.TunerMode;
import dev.attune.tuner.decide.PoolBounds;
import java.util.List;

/**
 * The tuner's configuration.
 *
 * @param mode           global mode ({@code attune.tuner.mode})
 * @param pools          per-pool settings ({@code attune.pool.<name>.*})
 * @param maxStepFactor  largest factor by which one grow multiplies a pool's core size
 * @param cooldownPeriods control periods between two actions on one pool
 * @param minSamples     control periods observed before the first action on a pool
 * @param growthLimit    default ceiling as a multiple of a pool's own core size
 * @param sloMethod      {@code Class#method} whose p99 also judges each change; empty for none
 * @param readOnly       refuse every JMX write and operation
 * @param auditSize      changes kept in the audit trail
 */
public record PoolTuningSettings(TunerMode mode, List<PoolSettings> pools, double maxStepFactor, int cooldownPeriods,
                                 int minSamples, int growthLimit, String sloMethod, boolean readOnly, int auditSize) {

    /**
     * One configured pool.
     *
     * @param name            the name it is shown under
     * @param match           prefix of its thread names, or its class name (empty: the name itself as prefix)
     * @param mode            its mode, or null for the global one
     * @param min             smallest core size, 0 for the default (its own core size)
     * @param max             largest core size, 0 for the default (growth limit × its own core size)
     * @param targetWaitNanos queue wait p99 target, 0 to learn a baseline
     */
    public record PoolSettings(String name, String match, TunerMode mode, int min, int max, long targetWaitNanos) {
    }

    /** Defaults: advise mode, nothing configured per pool. */
    public static PoolTuningSettings defaults() {
        return new PoolTuningSettings(TunerMode.ADVISE, List.of(), PoolBounds.DEFAULT_MAX_STEP_FACTOR,
                PoolBounds.DEFAULT_COOLDOWN_PERIODS, PoolBounds.DEFAULT_MIN_SAMPLES, PoolBounds.DEFAULT_GROWTH_LIMIT,
                "", false, 100);
    }
}
