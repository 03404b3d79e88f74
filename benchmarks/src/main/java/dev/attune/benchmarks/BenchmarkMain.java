package dev.attune.benchmarks;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * JMH's command line, plus what every forked JVM needs: the real agent jar timing
 * {@code TimedTarget#timed}, and Agrona's access to {@code jdk.internal.misc} for the drain benchmark.
 *
 * <p>The agent jar is {@code -Dattune.agent.jar=...}, or {@code agent/target/attune-agent.jar} below the
 * current directory.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        File agent = new File(System.getProperty("attune.agent.jar", "agent/target/attune-agent.jar"));
        if (!agent.isFile()) {
            System.err.println("agent jar not found at " + agent.getAbsolutePath()
                    + ": build with `mvn -DskipTests package` from the project root, or pass -Dattune.agent.jar=");
            System.exit(2);
        }
        CommandLineOptions commandLine = new CommandLineOptions(args);
        List<String> jvmArgs = new ArrayList<>(List.of(
                "-javaagent:" + agent.getAbsolutePath(),
                "-Dattune.methods=" + TimedTarget.class.getName() + "#timed",
                "-Dattune.jmx.enabled=false",
                "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"));
        // The builder's own list would replace the command line's -jvmArgsAppend: keep both, the command line's
        // last so that it can override the agent's settings (e.g. -jvmArgsAppend -Dattune.signals.enabled=false).
        jvmArgs.addAll(commandLine.getJvmArgsAppend().orElse(List.of()));
        ChainedOptionsBuilder options = new OptionsBuilder()
                .parent(commandLine)
                .jvmArgsAppend(jvmArgs.toArray(new String[0]));
        new Runner(options.build()).run();
    }
}
