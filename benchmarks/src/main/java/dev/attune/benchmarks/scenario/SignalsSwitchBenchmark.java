package dev.attune.benchmarks.scenario;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Issue 3's benchmark in one JVM: the sample app under one fixed open-loop load, its signals switched off and
 * on over JMX ({@code dev.attune:type=Signals}, attribute {@code Enabled}) phase by phase, whole-process CPU
 * time and client-side p99 compared per pair of neighbouring phases.
 *
 * <p>Why one JVM: separate JVMs for "on" and "off" differ by their JIT's choices, their heap and the machine's
 * moment, which on this 2-core machine spread a run's CPU by ±15% and hide a 1% effect. Here both sides share
 * one warmed-up JVM and the same minute, and each pair runs off-on or on-off in turn (ABBA), so drift cancels.
 *
 * <p>What "off" is: every JFR event paused (the recording stays open and flushes an empty stream once a second)
 * and the OS counters not sampled. So the ratio is the steady-state cost of the signals' events, parsing and
 * sampling; JFR's one-time start (set-up, class loading, the JIT compiling its parser) is not in it, and the
 * separate-JVM {@link SignalsOverheadBenchmark} shows it. Run from the project root after
 * {@code mvn -q -DskipTests package}:
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar dev.attune.benchmarks.scenario.SignalsSwitchBenchmark [pairs] [phase-seconds] [rate] [jvm-arg...]
 * </pre>
 * (extra arguments go to the sample app's JVM, e.g. {@code -Dattune.jfr.sample-period=10s} to see what one event
 * costs)
 * defaults: 30 pairs of 8 s phases at 300 requests a second, after a 60 s warm-up with the signals on; each
 * phase's CPU time (the JVM's own process CPU time, read over the same JMX connection) is measured over its last
 * 6 s (all but the first 2 s, {@code -Dattune.bench.settle}). Short neighbouring phases cancel slow drift; many
 * pairs shrink the noise of the median.
 */
public final class SignalsSwitchBenchmark {

    private static final long WARMUP_SECONDS = 60;

    // JFR hands events over about once a second: events of the second before a switch are still parsed after
    // it. Each phase's CPU is measured from this long after its start, so that neither side pays for the other
    // (-Dattune.bench.settle=N to leave more, e.g. for the JIT to recompile what a switch threw away).
    private static final long SETTLE_SECONDS = Long.getLong("attune.bench.settle", 2);

    private SignalsSwitchBenchmark() {
    }

    /** Runs the phases and prints one line a pair and the medians. */
    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int phaseSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        if (phaseSeconds <= SETTLE_SECONDS) {
            throw new IllegalArgumentException("phases must be longer than " + SETTLE_SECONDS + " s");
        }
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        ForkedSampleApp jars = ForkedSampleApp.fromProjectRoot();
        int phases = 2 * pairs;
        // Each phase has a side; pairs alternate off-on and on-off (ABBA) so that drift within a pair cancels.
        boolean[] on = new boolean[phases];
        for (int pair = 0; pair < pairs; pair++) {
            boolean offFirst = pair % 2 == 0;
            on[2 * pair] = !offFirst;
            on[2 * pair + 1] = offFirst;
        }
        double[] cpuSeconds = new double[phases];
        // CPU ticks by thread group, summed over each side's measured time: where a difference comes from.
        Map<String, long[]> byGroup = new TreeMap<>();
        double[] p99;
        String agentLines;
        try (SwitchableSampleApp app = SwitchableSampleApp.start(jars, phases, phaseSeconds, rate, WARMUP_SECONDS,
                Arrays.asList(args).subList(Math.min(3, args.length), args.length))) {
            for (int k = 0; k < phases; k++) {
                long phaseStart = app.phaseStartNanos(k);
                // Switch a moment before the phase, so the agent thread has applied it when the phase begins.
                SwitchableSampleApp.sleepUntil(phaseStart - TimeUnit.MILLISECONDS.toNanos(50));
                app.signals(on[k]);
                SwitchableSampleApp.sleepUntil(phaseStart + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS));
                long cpuBefore = app.cpuNanos();
                Map<String, Long> threadsBefore = app.threadTicks();
                SwitchableSampleApp.sleepUntil(phaseStart + TimeUnit.SECONDS.toNanos(phaseSeconds));
                cpuSeconds[k] = (app.cpuNanos() - cpuBefore) / 1e9;
                ThreadCpuTicks.addByGroup(threadsBefore, app.threadTicks(), byGroup, on[k] ? 1 : 0);
            }
            app.signals(true);
            agentLines = app.awaitEnd();
            p99 = app.p99ByPhase(phases);
        }
        System.out.printf("switches the agent applied: %d paused, %d resumed%n",
                agentLines.split("event=signals_paused", -1).length - 1,
                agentLines.split("event=signals_resumed", -1).length - 1);
        System.out.printf("%-5s %-7s %10s %10s %9s %10s %10s %9s%n", "pair", "order", "cpu off s", "cpu on s",
                "cpu ratio", "p99 off", "p99 on", "p99 ratio");
        double[] cpuRatios = new double[pairs];
        double[] p99Ratios = new double[pairs];
        double cpuOff = 0;
        double cpuOn = 0;
        for (int pair = 0; pair < pairs; pair++) {
            int offPhase = on[2 * pair] ? 2 * pair + 1 : 2 * pair;
            int onPhase = on[2 * pair] ? 2 * pair : 2 * pair + 1;
            cpuRatios[pair] = cpuSeconds[onPhase] / cpuSeconds[offPhase];
            p99Ratios[pair] = p99[onPhase] / p99[offPhase];
            cpuOff += cpuSeconds[offPhase];
            cpuOn += cpuSeconds[onPhase];
            System.out.printf("%-5d %-7s %10.2f %10.2f %9.3f %8.2fms %8.2fms %9.3f%n", pair + 1,
                    on[2 * pair] ? "on-off" : "off-on", cpuSeconds[offPhase], cpuSeconds[onPhase], cpuRatios[pair],
                    p99[offPhase], p99[onPhase], p99Ratios[pair]);
        }
        System.out.printf("%nCPU by thread group, summed over each side's measured %d s (ticks of 10 ms; threads"
                + " that ended within a phase are missing):%n", pairs * (phaseSeconds - SETTLE_SECONDS));
        System.out.printf("%-36s %10s %10s %12s%n", "threads", "off s", "on s", "on - off");
        for (Map.Entry<String, long[]> e : byGroup.entrySet()) {
            long[] t = e.getValue();
            System.out.printf("%-36s %10.2f %10.2f %+11.1f%%%n", e.getKey(), t[0] / 100.0, t[1] / 100.0,
                    100.0 * (t[1] - t[0]) / 100.0 / cpuOff);
        }
        double[] sorted = cpuRatios.clone();
        Arrays.sort(sorted);
        System.out.printf("signals on/off in one JVM, %d pairs of %d s at %d/s: cpu median %.3f (middle half of the"
                        + " pairs %.3f to %.3f; all pairs summed %.3f), p99 median %.3f%n", pairs, phaseSeconds, rate,
                SignalsOverheadBenchmark.median(cpuRatios), sorted[pairs / 4], sorted[(3 * pairs) / 4],
                cpuOn / cpuOff, SignalsOverheadBenchmark.median(p99Ratios));
        System.out.printf("  whole-process CPU: %s%n", new PairedRatios(cpuRatios).describe());
    }
}
