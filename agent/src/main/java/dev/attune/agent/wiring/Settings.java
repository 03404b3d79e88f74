package dev.attune.agent.wiring;

import dev.attune.tuner.loop.PoolTuningSettings;
import java.util.List;
import java.util.Map;

/**
 * The configuration values the runtime wiring uses, already validated.
 *
 * @param methods method patterns as written ({@code attune.methods})
 * @param intervalNanos aggregation interval
 * @param tunerPeriodNanos the tuner's control period (at most the interval)
 * @param bufferBytes total ring buffer capacity
 * @param hotMethodRate calls a second from which a method is counted in place; 0 for never
 * @param memoryMaxBytes most heap the agent holds
 * @param summary whether to log per-method summary lines
 * @param jmxEnabled whether to register MBeans
 * @param jmxDelayNanos delay after premain before registering MBeans
 * @param jmxMethods most method MBeans, for the busiest methods
 * @param alerts alert expressions by name, in declaration order
 * @param configSource where the configuration came from, for display
 * @param problems configuration problems, one line each, for display
 * @param tuner the thread-pool tuner's settings, or null when pools are not instrumented
 * @param signals the process signals' settings (JFR, OS counters, breaker, right-sizing, snapshots)
 */
record Settings(List<String> methods, long intervalNanos, long tunerPeriodNanos, long bufferBytes, long hotMethodRate,
                long memoryMaxBytes, boolean summary, boolean jmxEnabled, long jmxDelayNanos, int jmxMethods,
                Map<String, String> alerts, String configSource, List<String> problems,
                PoolTuningSettings tuner, SignalsWiring.Options signals) {
}
