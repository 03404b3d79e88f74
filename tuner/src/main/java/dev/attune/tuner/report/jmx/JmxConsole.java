package dev.attune.tuner.report.jmx;

import dev.attune.tuner.aggregate.MethodFigures;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Registers the agent's MXBeans in the domain {@code dev.attune} on the platform MBeanServer.
 *
 * <p>Called from the agent thread only, and only after premain has returned: touching the platform
 * MBeanServer initialises JMX and java.util.logging, which an application may still want to configure
 * in its main method.
 */
public final class JmxConsole {

    /** The JMX domain of every Attune MBean. */
    public static final String DOMAIN = "dev.attune";

    private final MBeanServer server;
    private final List<ObjectName> registered = new ArrayList<>();

    private JmxConsole(MBeanServer server) {
        this.server = server;
    }

    /** A console on the platform MBeanServer; this is the call that initialises JMX. */
    public static JmxConsole onPlatformServer() {
        return new JmxConsole(ManagementFactory.getPlatformMBeanServer());
    }

    /** Registers {@code dev.attune:type=Agent}. */
    public ObjectName registerAgent(AgentMXBean agent) throws JMException {
        return register(new ObjectName(DOMAIN + ":type=Agent"), new DescribedMXBean<>(agent, AgentMXBean.class));
    }

    /** Registers {@code dev.attune:type=Method,name=<Class#method>} for one method's figures. */
    public ObjectName registerMethod(MethodFigures figures) throws JMException {
        return register(methodName(figures.name()),
                new DescribedMXBean<>(new MethodView(figures), MethodMXBean.class));
    }

    /** Registers {@code dev.attune:type=Tuner}, which also sends a notification for every change. */
    public ObjectName registerTuner(TunerView tuner) throws JMException {
        return register(new ObjectName(DOMAIN + ":type=Tuner"),
                new DescribedEmitterMXBean<>(tuner, TunerMXBean.class, tuner));
    }

    /** Registers {@code dev.attune:type=ThreadPool,name=<pool>}. */
    public ObjectName registerPool(ThreadPoolView pool) throws JMException {
        return register(poolName(pool.getName()), new DescribedMXBean<>(pool, ThreadPoolMXBean.class));
    }

    /** Registers {@code dev.attune:type=Signals}: the last interval's process signals and the breaker. */
    public ObjectName registerSignals(SignalsMXBean signals) throws JMException {
        return register(new ObjectName(DOMAIN + ":type=Signals"), new DescribedMXBean<>(signals, SignalsMXBean.class));
    }

    /** Registers {@code dev.attune:type=HotMethods}: the top sampled frames of the last interval. */
    public ObjectName registerHotMethods(HotMethodsMXBean hotMethods) throws JMException {
        return register(new ObjectName(DOMAIN + ":type=HotMethods"),
                new DescribedMXBean<>(hotMethods, HotMethodsMXBean.class));
    }

    /** Registers {@code dev.attune:type=RightSizing}: the recommendation and the figures behind it. */
    public ObjectName registerRightSizing(RightSizingMXBean rightSizing) throws JMException {
        return register(new ObjectName(DOMAIN + ":type=RightSizing"),
                new DescribedMXBean<>(rightSizing, RightSizingMXBean.class));
    }

    /** Unregisters one MBean registered here (a pool that was collected). */
    public void unregister(ObjectName name) {
        try {
            if (registered.remove(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException e) {
            // already gone
        }
    }

    /** The object name of a pool's MBean. */
    public static ObjectName poolName(String pool) throws JMException {
        String value = pool.matches("[^,=:\"*?\\n]*") ? pool : ObjectName.quote(pool);
        return new ObjectName(DOMAIN + ":type=ThreadPool,name=" + value);
    }

    /** The object name of a method's MBean; the name is quoted only when it holds characters JMX reserves. */
    public static ObjectName methodName(String method) throws JMException {
        String value = method.matches("[^,=:\"*?\\n]*") ? method : ObjectName.quote(method);
        return new ObjectName(DOMAIN + ":type=Method,name=" + value);
    }

    private ObjectName register(ObjectName name, Object mbean) throws JMException {
        if (server.isRegistered(name)) {
            server.unregisterMBean(name); // a second agent start in this JVM replaces the first one's view
        }
        server.registerMBean(mbean, name);
        registered.add(name);
        return name;
    }

    /** Unregisters every MBean this console registered. */
    public void unregisterAll() {
        for (ObjectName name : registered) {
            try {
                server.unregisterMBean(name);
            } catch (JMException e) {
                // already gone: nothing to undo
            }
        }
        registered.clear();
    }
}
