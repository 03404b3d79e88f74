package dev.attune.benchmarks;

import java.io.File;
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
        ChainedOptionsBuilder options = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .jvmArgsAppend(
                        "-javaagent:" + agent.getAbsolutePath(),
                        "-Dattune.methods=" + TimedTarget.class.getName() + "#timed",
                        "-Dattune.jmx.enabled=false",
                        "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED");
        new Runner(options.build()).run();
    }
}
