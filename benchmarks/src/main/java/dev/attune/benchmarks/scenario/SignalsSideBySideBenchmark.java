package dev.attune.benchmarks.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Issue 3's benchmark, side by side: two identical sample apps under the same fixed open-loop load at the same
 * time, the signals on in one and off in the other, swapped every phase over JMX; whole-process CPU time and
 * client-side p99 compared between the two JVMs over the same seconds.
 *
 * <p>Why two JVMs at once: on this 2-core KVM guest a phase's CPU time moves by ±10% with the machine's moment
 * (what a wake-up costs the hypervisor just then), and two JVMs running side by side move together (correlation
 * 0.93 over 7 s phases). Comparing them at the same moment cancels that; {@link SignalsSwitchBenchmark}, which
 * compares one JVM's neighbouring phases, cannot. Each pair of phases has the signals on in one JVM, then in the
 * other, so the JVMs' own difference (their JIT's choices, their heap) cancels in the pair's ratio, the geometric
 * mean of its two phases' on/off ratios. Pairs alternate which JVM goes first (ABBA) so drift cancels too.
 *
 * <p>What "off" is: as in {@link SignalsSwitchBenchmark}, every JFR event paused (the recording stays open) and the
 * OS counters not sampled, so the ratio is the signals' steady-state cost, not JFR's one-time start. Run from the
 * project root after {@code mvn -q -DskipTests package}:
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar dev.attune.benchmarks.scenario.SignalsSideBySideBenchmark [pairs] [phase-seconds] [rate] [jvm-arg...]
 * </pre>
 * defaults: 30 pairs of 12 s phases at 300 requests a second, after a 60 s warm-up at the demo's warm-up rate and
 * then 10 phases at the full rate with the signals on in both (not measured: the JIT is still busy for minutes);
 * each phase is measured over its last 7 s ({@code -Dattune.bench.settle=5}: JFR hands events over about once a
 * second, so the first seconds after a switch still parse the other side's; {@code -Dattune.bench.warmup-phases}).
 * About 15 minutes.
 */
public final class SignalsSideBySideBenchmark {

    private static final long WARMUP_SECONDS = 60;
    private static final long SETTLE_SECONDS = Long.getLong("attune.bench.settle", 5);
    private static final int WARMUP_PHASES = Integer.getInteger("attune.bench.warmup-phases", 10);
    // Diagnostic: A on and B off for the whole run, never switched. Shows what switching itself costs (the JIT
    // recompiling what a switch threw away), but a ratio of two JVMs that each keep their own JIT's choices.
    private static final boolean FIXED_ROLES = "fixed".equals(System.getProperty("attune.bench.roles"));

    private SignalsSideBySideBenchmark() {
    }

    /** Runs the phases and prints one line a pair, the CPU by thread group and the summary ratios. */
    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int phaseSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        if (phaseSeconds <= SETTLE_SECONDS + 1) {
            throw new IllegalArgumentException("phases must be longer than " + (SETTLE_SECONDS + 1) + " s");
        }
        List<String> jvmArgs = Arrays.asList(args).subList(Math.min(3, args.length), args.length);
        int phases = WARMUP_PHASES + 2 * pairs;
        ForkedSampleApp jars = ForkedSampleApp.fromProjectRoot();
        // Started together so that their phases line up to within their start-up times' difference.
        CompletableFuture<SwitchableSampleApp> startA = CompletableFuture.supplyAsync(
                () -> start(jars, phases, phaseSeconds, rate, jvmArgs));
        CompletableFuture<SwitchableSampleApp> startB = CompletableFuture.supplyAsync(
                () -> start(jars, phases, phaseSeconds, rate, jvmArgs));
        // If one fails to start, the other is stopped rather than left running its phases.
        startA.whenComplete((app, failed) -> stopIf(failed, startB));
        startB.whenComplete((app, failed) -> stopIf(failed, startA));
        try (SwitchableSampleApp a = startA.join(); SwitchableSampleApp b = startB.join()) {
            SwitchableSampleApp[] apps = {a, b};
            System.out.printf("two sample apps, pids %d and %d; their loads start %.0f ms apart%n",
                    a.pid(), b.pid(), Math.abs(a.phaseStartNanos(0) - b.phaseStartNanos(0)) / 1e6);
            // onApp[m]: which app has the signals on in measured phase m; pairs alternate A-B, B-A. With fixed roles,
            // A is on and B off throughout (B from the first warm-up phase on), so no switch is ever measured.
            int[] onApp = new int[2 * pairs];
            for (int pair = 0; pair < pairs && !FIXED_ROLES; pair++) {
                onApp[2 * pair] = pair % 2;
                onApp[2 * pair + 1] = 1 - pair % 2;
            }
            if (FIXED_ROLES) {
                b.signals(false);
            }
            double[][] cpu = new double[2 * pairs][2]; // [phase][app]
            Map<String, long[]> byGroup = new TreeMap<>(); // ticks by thread group, [off side, on side]
            for (int m = 0; m < 2 * pairs; m++) {
                int k = WARMUP_PHASES + m;
                // Each app switches a moment before its own phase begins, so its phase table's p99 is one side's.
                int first = a.phaseStartNanos(k) <= b.phaseStartNanos(k) ? 0 : 1;
                for (int app : new int[] {first, 1 - first}) {
                    SwitchableSampleApp.sleepUntil(apps[app].phaseStartNanos(k) - TimeUnit.MILLISECONDS.toNanos(50));
                    apps[app].signals(onApp[m] == app);
                }
                long from = Math.max(a.phaseStartNanos(k), b.phaseStartNanos(k)) + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS);
                long to = Math.min(a.phaseStartNanos(k + 1), b.phaseStartNanos(k + 1));
                SwitchableSampleApp.sleepUntil(from);
                long[] cpuBefore = {a.cpuNanos(), b.cpuNanos()};
                List<Map<String, Long>> ticksBefore = List.of(a.threadTicks(), b.threadTicks());
                SwitchableSampleApp.sleepUntil(to);
                for (int app = 0; app < 2; app++) {
                    cpu[m][app] = (apps[app].cpuNanos() - cpuBefore[app]) / 1e9;
                    ThreadCpuTicks.addByGroup(ticksBefore.get(app), apps[app].threadTicks(), byGroup,
                            onApp[m] == app ? 1 : 0);
                }
            }
            a.signals(true);
            b.signals(true);
            String[] logs = {a.awaitEnd(), b.awaitEnd()};
            double[][] p99 = {a.p99ByPhase(phases), b.p99ByPhase(phases)};
            report(pairs, phaseSeconds, rate, onApp, cpu, p99, byGroup, logs);
        }
    }

    private static SwitchableSampleApp start(ForkedSampleApp jars, int phases, int phaseSeconds, int rate,
            List<String> jvmArgs) {
        try {
            return SwitchableSampleApp.start(jars, phases, phaseSeconds, rate, WARMUP_SECONDS, jvmArgs);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void stopIf(Throwable failed, CompletableFuture<SwitchableSampleApp> other) {
        if (failed != null) {
            other.thenAccept(app -> {
                try {
                    app.close();
                } catch (Exception e) {
                    // stopping is best effort; the failure that caused it is what the caller sees
                }
            });
        }
    }

    private static void report(int pairs, int phaseSeconds, int rate, int[] onApp, double[][] cpu, double[][] p99,
            Map<String, long[]> byGroup, String[] logs) {
        for (int app = 0; app < 2; app++) {
            System.out.printf("app %s: the agent applied %d pauses and %d resumptions of its signals%n",
                    app == 0 ? "A" : "B", logs[app].split("event=signals_paused", -1).length - 1,
                    logs[app].split("event=signals_resumed", -1).length - 1);
        }
        System.out.printf("%-5s %-6s %9s %9s %9s %9s %10s%n", "pair", "on", "cpu on s", "cpu off s", "cpu ratio",
                "p99 ratio", "p99 on ms");
        double[] cpuRatios = new double[pairs];
        double[] p99Ratios = new double[pairs];
        double cpuOn = 0;
        double cpuOff = 0;
        for (int pair = 0; pair < pairs; pair++) {
            // A pair's ratio: the geometric mean of its two phases' on/off ratios. With alternating roles each JVM
            // is "on" in one of them, so what differs between the two JVMs themselves cancels.
            double cpuProduct = 1;
            double p99Product = 1;
            double pairOn = 0;
            double pairOff = 0;
            double p99On = 0;
            for (int m = 2 * pair; m < 2 * pair + 2; m++) {
                int on = onApp[m];
                int k = WARMUP_PHASES + m;
                cpuProduct *= cpu[m][on] / cpu[m][1 - on];
                p99Product *= p99[on][k] / p99[1 - on][k];
                pairOn += cpu[m][on];
                pairOff += cpu[m][1 - on];
                p99On += p99[on][k] / 2;
            }
            cpuRatios[pair] = Math.sqrt(cpuProduct);
            p99Ratios[pair] = Math.sqrt(p99Product);
            cpuOn += pairOn;
            cpuOff += pairOff;
            System.out.printf("%-5d %-6s %9.3f %9.3f %9.3f %9.3f %10.2f%n", pair + 1,
                    (onApp[2 * pair] == 0 ? "A" : "B") + "," + (onApp[2 * pair + 1] == 0 ? "A" : "B"), pairOn, pairOff,
                    cpuRatios[pair], p99Ratios[pair], p99On);
        }
        long measured = pairs * 2L * (phaseSeconds - SETTLE_SECONDS);
        System.out.printf("%nCPU by thread group, both apps, summed over each side's measured %d s (ticks of 10 ms;"
                + " threads that ended within a phase are missing):%n", measured);
        System.out.printf("%-36s %10s %10s %12s%n", "threads", "off s", "on s", "on - off");
        for (Map.Entry<String, long[]> e : byGroup.entrySet()) {
            long[] t = e.getValue();
            System.out.printf("%-36s %10.2f %10.2f %+11.2f%%%n", e.getKey(), t[0] / ThreadCpuTicks.TICKS_PER_SECOND,
                    t[1] / ThreadCpuTicks.TICKS_PER_SECOND,
                    100.0 * (t[1] - t[0]) / ThreadCpuTicks.TICKS_PER_SECOND / cpuOff);
        }
        System.out.printf("%nsignals on/off side by side%s, %d pairs of %d s at %d/s:%n",
                FIXED_ROLES ? " (fixed roles: A on, B off)" : "", pairs, phaseSeconds, rate);
        System.out.printf("  whole-process CPU: %s; all pairs summed %.3f%n", new PairedRatios(cpuRatios).describe(),
                cpuOn / cpuOff);
        System.out.printf("  client p99:        %s%n", new PairedRatios(p99Ratios).describe());
    }
}
