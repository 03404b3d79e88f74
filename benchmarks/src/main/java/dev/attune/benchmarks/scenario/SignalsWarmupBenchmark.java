package dev.attune.benchmarks.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * How the signals' cost changes with the age of a JVM whose signals stay on: two sample apps side by side under the
 * same fixed open-loop load, one with the signals on from its start, the other with them never started
 * ({@code attune.signals.jfr=false}, {@code attune.signals.os=false}); never switched. Per window of minutes, the
 * CPU of both, and of the JIT, the signals' own threads, the agent's thread and the application's threads in both,
 * as a share of the "off" app's whole-process CPU.
 *
 * <p>Why: {@link SignalsSideBySideBenchmark} finds the JIT busier while the signals are on, even in 60 s phases.
 * The code that reads the signals (JFR's parser, the OS counters' parsing) runs once a second or once an interval,
 * so it reaches the compilers' thresholds only after minutes or hours; this shows whether that JIT work fades as
 * the JVM ages. The whole-process ratio also holds what differs between the two JVMs themselves (which the switched
 * benchmark cancels): read the JIT and the signals' own threads as the signals' cost here. Compiler threads that
 * the JVM stopped within a window are missing from it ({@code /proc} lists live threads only).
 * Run from the project root after {@code mvn -q -DskipTests package}:
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar dev.attune.benchmarks.scenario.SignalsWarmupBenchmark [minutes] [window-minutes] [rate] [jvm-arg...]
 * </pre>
 * defaults: 40 minutes in windows of 5 at 300 requests a second, after a 30 s warm-up at the demo's warm-up rate.
 */
public final class SignalsWarmupBenchmark {

    private static final long WARMUP_SECONDS = 30;
    private static final List<String> OFF = List.of("-Dattune.signals.jfr=false", "-Dattune.signals.os=false");

    private SignalsWarmupBenchmark() {
    }

    /** Runs both apps and prints one line a window. */
    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int window = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        List<String> jvmArgs = Arrays.asList(args).subList(Math.min(3, args.length), args.length);
        List<String> offArgs = new ArrayList<>(jvmArgs);
        offArgs.addAll(OFF);
        ForkedSampleApp jars = ForkedSampleApp.fromProjectRoot();
        int seconds = (minutes + 1) * 60; // a minute past the last window, so both still run when it is read
        CompletableFuture<SwitchableSampleApp> startOn = CompletableFuture.supplyAsync(
                () -> start(jars, seconds, rate, jvmArgs));
        CompletableFuture<SwitchableSampleApp> startOff = CompletableFuture.supplyAsync(
                () -> start(jars, seconds, rate, offArgs));
        try (SwitchableSampleApp on = startOn.join(); SwitchableSampleApp off = startOff.join()) {
            long loadStart = Math.max(on.phaseStartNanos(0), off.phaseStartNanos(0));
            System.out.printf("signals on in pid %d from its start, never in pid %d; %d/s each%n", on.pid(), off.pid(),
                    rate);
            // The application's threads are the same from start to end (the load generator's HTTP client has a
            // fixed set of workers), so their column holds all their CPU: none ended within a window.
            System.out.printf("%-9s %9s %9s %8s %9s %9s %8s %8s %8s %8s%n", "minutes", "cpu on s", "cpu off s",
                    "ratio", "JIT on s", "JIT off s", "JIT", "signals", "agent", "app");
            for (int from = 0; from + window <= minutes; from += window) {
                SwitchableSampleApp.sleepUntil(loadStart + TimeUnit.MINUTES.toNanos(from));
                long[] cpuBefore = {on.cpuNanos(), off.cpuNanos()};
                List<Map<String, Long>> before = List.of(on.threadTicks(), off.threadTicks());
                SwitchableSampleApp.sleepUntil(loadStart + TimeUnit.MINUTES.toNanos(from + window));
                double cpuOn = (on.cpuNanos() - cpuBefore[0]) / 1e9;
                double cpuOff = (off.cpuNanos() - cpuBefore[1]) / 1e9;
                Map<String, long[]> byGroup = new TreeMap<>(); // ticks by thread group, [off, on]
                ThreadCpuTicks.addByGroup(before.get(0), on.threadTicks(), byGroup, 1);
                ThreadCpuTicks.addByGroup(before.get(1), off.threadTicks(), byGroup, 0);
                long[] jit = byGroup.getOrDefault("jvm: JIT compilers", new long[2]);
                System.out.printf("%-9s %9.2f %9.2f %8.3f %9.2f %9.2f %+7.2f%% %+7.2f%% %+7.2f%% %+7.2f%%%n",
                        from + "-" + (from + window), cpuOn, cpuOff, cpuOn / cpuOff,
                        jit[1] / ThreadCpuTicks.TICKS_PER_SECOND, jit[0] / ThreadCpuTicks.TICKS_PER_SECOND,
                        share(byGroup, "jvm: JIT compilers", cpuOff), share(byGroup, "signals: ", cpuOff),
                        share(byGroup, "agent: ", cpuOff), share(byGroup, ThreadCpuTicks.APPLICATION + ": ", cpuOff));
            }
        }
    }

    /** The on − off difference of the groups whose name starts with {@code prefix}, in % of {@code cpuOff}. */
    private static double share(Map<String, long[]> byGroup, String prefix, double cpuOff) {
        long difference = 0;
        for (Map.Entry<String, long[]> e : byGroup.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                difference += e.getValue()[1] - e.getValue()[0];
            }
        }
        return 100.0 * difference / ThreadCpuTicks.TICKS_PER_SECOND / cpuOff;
    }

    private static SwitchableSampleApp start(ForkedSampleApp jars, int seconds, int rate, List<String> jvmArgs) {
        try {
            return SwitchableSampleApp.start(jars, 1, seconds, rate, WARMUP_SECONDS, jvmArgs);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
