package dev.attune.tuner.loop;

/**
 * What the agent loop needs from the configuration.
 *
 * @param intervalNanos length of one aggregation interval
 * @param summary whether to log one summary line per method per interval (and totals at shutdown)
 * @param jmxEnabled whether to register MBeans
 * @param jmxDelayNanos how long after premain returns to wait before registering MBeans
 */
public record LoopSettings(long intervalNanos, boolean summary, boolean jmxEnabled, long jmxDelayNanos) {
}
