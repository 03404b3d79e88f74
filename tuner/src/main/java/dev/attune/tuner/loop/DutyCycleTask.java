package dev.attune.tuner.loop;

import dev.attune.tuner.report.jmx.JmxConsole;

/**
 * Small work that runs on the agent thread every duty cycle, between drains: requests from JMX, registration of
 * newly seen pools. Must be quick and must not block.
 */
@FunctionalInterface
public interface DutyCycleTask {

    /**
     * Does what is pending; returns how much it did (0 when nothing).
     *
     * @param jmx the console once MBeans may be registered, else null
     */
    int doWork(JmxConsole jmx);
}
