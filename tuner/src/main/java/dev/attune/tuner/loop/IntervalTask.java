package dev.attune.tuner.loop;

/**
 * Work that runs on the agent thread once an interval, after the aggregators have rolled: rules that
 * decide, actuators that act, reporters. Runs in registration order; an exception is caught and logged.
 */
@FunctionalInterface
public interface IntervalTask {

    /** Runs once per interval ending at {@code nowNanos}. Agent thread only; must not block. */
    void afterRoll(long nowNanos);
}
