package dev.attune.agent.wiring;

import dev.attune.agent.config.AgentConfig;
import dev.attune.agent.config.ConfigProblem;
import dev.attune.agent.config.JdkTools;
import dev.attune.tuner.report.log.AgentLog;
import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * First code run inside the isolated agent class loader: decides whether the agent starts at all, and
 * prepares the JVM for it before anything that needs the bootstrap classes or Agrona is loaded.
 *
 * <p>Order matters: the JDK-tool check and the configuration come first and touch nothing; only then is
 * {@code jdk.internal.misc} exported to this loader (Agrona 2.x reads {@code jdk.internal.misc.Unsafe};
 * the bootstrap injection uses it too), so the user needs no JVM flag, and the bootstrap classes are
 * put in the boot loader. This class itself refers
 * to no bootstrap or Agrona type, so it links before either is available.
 */
public final class AgentStarter {

    private AgentStarter() {
    }

    /**
     * Starts the agent; returns what to run once premain has returned (null when not started).
     * Called reflectively by {@code dev.attune.agent.AttuneAgent}, {@code startNanos} when it was called.
     */
    public static Runnable start(Instrumentation instrumentation, String agentArgs, File agentJar, boolean attached,
                                 long startNanos) throws Exception {
        if (JdkTools.isJdkTool(System.getProperty("sun.java.command"))) {
            return null; // jcmd, jps, javac... started with JAVA_TOOL_OPTIONS: stay silent and absent
        }
        AgentConfig config = AgentConfig.load(agentArgs, System.getProperties(), System.getenv());
        AgentLog log = AgentLogs.open(config);
        AgentLogs.reportProblems(log, config);
        if (!config.enabled()) {
            log.info("agent_disabled").kv("key", "attune.enabled").kv("value", false)
                    .kv("effect", "no transformer, no agent thread").emit();
            return null;
        }
        Module self = AgentStarter.class.getModule();
        Module javaBase = Object.class.getModule();
        if (!javaBase.isExported("jdk.internal.misc", self)) {
            instrumentation.redefineModule(javaBase, Set.of(), Map.of("jdk.internal.misc", Set.of(self)),
                    Map.of(), Set.of(), Map.of());
        }
        String bootstrap = BootstrapInjection.inject(instrumentation, agentJar);
        if (bootstrap.equals("appended")) {
            log.debug("bootstrap_appended").kv("detail", "Unsafe.defineClass unavailable; appended to the boot path")
                    .emit();
        }
        List<String> problems = new ArrayList<>();
        for (ConfigProblem p : config.problems()) {
            problems.add(p.toString());
        }
        Settings settings = new Settings(config.methods(), config.intervalNanos(), config.tunerPeriodNanos(),
                config.bufferBytes(), config.hotMethodRate(), config.memoryMaxBytes(), config.logSummary(),
                config.jmxEnabled(), config.jmxDelayNanos(), config.jmxMethods(), config.alerts(), config.source(),
                problems, PoolTuningConfig.from(config), SignalsWiring.Options.from(config));
        return AgentRuntime.start(instrumentation, settings, log, attached, startNanos);
    }
}
