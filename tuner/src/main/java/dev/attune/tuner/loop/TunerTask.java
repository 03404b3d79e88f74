package dev.attune.tuner.loop;

import dev.attune.tuner.control.ControlStep;
import dev.attune.tuner.report.jmx.JmxConsole;
import dev.attune.tuner.report.log.AgentLog;
import javax.management.JMException;

/**
 * The shared control step's duty-cycle work on the agent thread: the operators' JMX commands, carried out as soon as
 * they come (they wake the agent thread), and the tuner's MBean, registered once JMX is up. Every kind of resource
 * is changed on this thread only.
 */
public final class TunerTask implements DutyCycleTask {

    private final ControlStep step;
    private final AgentLog log;
    private boolean registered;

    public TunerTask(ControlStep step, AgentLog log) {
        this.step = step;
        this.log = log;
    }

    @Override
    public int doWork(JmxConsole jmx) {
        int work = step.carryOutRequests();
        if (jmx != null && !registered) {
            registered = true;
            try {
                jmx.registerTuner(step.view());
                work++;
            } catch (JMException e) {
                log.warn("jmx_failed").kv("error", e.toString()).kv("effect", "the tuner's MBean is missing").emit();
            }
        }
        return work;
    }
}
