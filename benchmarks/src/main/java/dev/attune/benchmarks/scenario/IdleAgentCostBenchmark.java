package dev.attune.benchmarks.scenario;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What the agent costs a service that is doing nothing: the sample app in {@code serve} mode, no requests, once
 * without the agent and once with it (its defaults: signals on, all methods of the sample's services timed),
 * each JVM's threads' CPU read from {@code /proc} over the same measured span after the same settling time.
 *
 * <p>Usage, from the project root after {@code mvn -q -DskipTests package} (Linux only):
 * {@code java -cp benchmarks/target/benchmarks.jar dev.attune.benchmarks.scenario.IdleAgentCostBenchmark
 * [measure-s=60] [jvm-args for the agent run...]}.
 */
public final class IdleAgentCostBenchmark {

    // The agent starts its signals a second after premain and JIT-compiles for a while: measure after that.
    private static final long SETTLE_SECONDS = 20;

    private IdleAgentCostBenchmark() {
    }

    /** Runs both JVMs in turn and prints CPU milliseconds a second by thread group. */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        List<String> agentArgs = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        ForkedSampleApp jars = ForkedSampleApp.fromProjectRoot();
        Map<String, long[]> byGroup = new TreeMap<>();
        measure(jars, false, List.of(), seconds, byGroup, 0);
        measure(jars, true, agentArgs, seconds, byGroup, 1);
        System.out.printf("idle sample app (serve, no requests), CPU ms a second over %d s after %d s:%n", seconds,
                SETTLE_SECONDS);
        System.out.printf("%-36s %12s %12s%n", "threads", "no agent", "agent");
        long[] total = new long[2];
        for (Map.Entry<String, long[]> e : byGroup.entrySet()) {
            long[] t = e.getValue();
            if (!e.getKey().equals(ThreadCpuTicks.APPLICATION)) { // that row is the sum of the application's roles
                total[0] += t[0];
                total[1] += t[1];
            }
            System.out.printf("%-36s %12.1f %12.1f%n", e.getKey(), perSecondMillis(t[0], seconds),
                    perSecondMillis(t[1], seconds));
        }
        System.out.printf("%-36s %12.1f %12.1f%n", "whole process", perSecondMillis(total[0], seconds),
                perSecondMillis(total[1], seconds));
    }

    private static void measure(ForkedSampleApp jars, boolean agent, List<String> jvmArgs, int seconds,
                                Map<String, long[]> byGroup, int side) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(new File(System.getProperty("java.home"), "bin/java").getPath()));
        if (agent) {
            command.add("-javaagent:" + jars.agentJar().getAbsolutePath());
            command.add("-Dattune.methods=dev.attune.sample.OrderService#*,dev.attune.sample.PriceCalculator#compute");
        }
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jars.sampleJar().getAbsolutePath(), "serve", "--port", "0"));
        Process app = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            TimeUnit.SECONDS.sleep(SETTLE_SECONDS);
            if (!app.isAlive()) {
                throw new IllegalStateException("the sample app ended early, exit " + app.exitValue());
            }
            Map<String, Long> before = ThreadCpuTicks.read(app.pid());
            TimeUnit.SECONDS.sleep(seconds);
            ThreadCpuTicks.addByGroup(before, ThreadCpuTicks.read(app.pid()), byGroup, side);
        } finally {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    private static double perSecondMillis(long ticks, int seconds) {
        return ticks / ThreadCpuTicks.TICKS_PER_SECOND * 1000.0 / seconds;
    }
}
