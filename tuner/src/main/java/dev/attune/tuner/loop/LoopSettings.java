package dev.attune.tuner.loop;

/**
 * What the agent loop needs from the configuration.
 *
 * @param intervalNanos length of one aggregation interval
 * @param controlPeriodNanos length of one control period of the tuner (at most the interval)
 * @param summary whether to log one summary line per method per interval (and totals at shutdown)
 * @param jmxEnabled whether to register MBeans
 * @param jmxDelayNanos how long after premain returns to wait before registering MBeans
 */
public record LoopSettings(long intervalNanos, long controlPeriodNanos, boolean summary, boolean jmxEnabled,
                           long jmxDelayNanos) {

    /** Settings whose control period is the interval. */
    public LoopSettings(long intervalNanos, boolean summary, boolean jmxEnabled, long jmxDelayNanos) {
        this(intervalNanos, intervalNanos, summary, jmxEnabled, jmxDelayNanos);
    }
}
