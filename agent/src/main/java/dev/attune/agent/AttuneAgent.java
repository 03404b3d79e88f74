package dev.attune.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;

/**
 * The agent's entry point ({@code Premain-Class} and {@code Agent-Class}). JDK types only.
 *
 * <p>It does almost nothing: opens the isolated {@link AgentClassLoader} on its own jar and hands over
 * to the wiring inside it. Whatever goes wrong, it catches, says so in one line on standard error, and
 * returns, so the application always starts.
 */
public final class AttuneAgent {

    private static final String STARTER = "dev.attune.agent.wiring.AgentStarter";

    private AttuneAgent() {
    }

    /** Called by the JVM for {@code -javaagent:attune-agent.jar[=config=<file>]}. */
    public static void premain(String agentArgs, Instrumentation instrumentation) {
        start(agentArgs, instrumentation, false);
    }

    /** Called by the JVM when the agent is attached to a running JVM. */
    public static void agentmain(String agentArgs, Instrumentation instrumentation) {
        start(agentArgs, instrumentation, true);
    }

    private static void start(String agentArgs, Instrumentation instrumentation, boolean attached) {
        long startNanos = System.nanoTime(); // the agent's start-up cost is logged: premain holds up the application
        try {
            File jar = new File(AttuneAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            ClassLoader loader = new AgentClassLoader(jar, ClassLoader.getPlatformClassLoader());
            Class<?> starter = Class.forName(STARTER, true, loader);
            Method start = starter.getMethod("start", Instrumentation.class, String.class, File.class, boolean.class,
                    long.class);
            Object started = start.invoke(null, instrumentation, agentArgs, jar, attached, startNanos);
            // Only now has premain (or agentmain) as good as returned: the agent thread may touch JMX.
            if (started instanceof Runnable) {
                ((Runnable) started).run();
            }
        } catch (Throwable t) {
            Throwable cause = t instanceof java.lang.reflect.InvocationTargetException && t.getCause() != null
                    ? t.getCause() : t;
            System.err.println("attune: agent not started, the application runs without it: " + cause);
        }
    }
}
