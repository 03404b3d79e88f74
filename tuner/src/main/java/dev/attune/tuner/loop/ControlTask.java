package dev.attune.tuner.loop;

/**
 * Work that runs on the agent thread once a control period, after the pools' task times have rolled: the tuner's
 * measure → decide → act step. Its period is shorter than the reporting interval, so tuning reacts within seconds
 * while figures and alerts keep their interval. An exception is caught and logged.
 */
@FunctionalInterface
public interface ControlTask {

    /** Runs once per control period ending at {@code nowNanos}. Agent thread only; must not block. */
    void afterPeriod(long nowNanos);
}
