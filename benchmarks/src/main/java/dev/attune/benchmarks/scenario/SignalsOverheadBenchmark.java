package dev.attune.benchmarks.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Issue 3's benchmark: whole-process CPU time and client-side p99 of the sample app under one fixed open-loop
 * load, with the agent's signals (JFR stream, OS sampler) on against off, alternating off/on in one run so
 * drift of the machine hits both alike. Reported as ratios on/off per pair and their median.
 *
 * <p>Both sides run the agent with the same timed methods; only the signals differ, so the ratio is the cost
 * of the signals alone. Run from the project root after {@code mvn -q -DskipTests package}:
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar dev.attune.benchmarks.scenario.SignalsOverheadBenchmark [pairs] [phases]
 * </pre>
 * defaults: 4 pairs of {@code 30s@300} runs, each after a 20 s warm-up, so that the JIT's compilation of the
 * JFR parser and the agent (seconds of CPU on 2 cores) is over before the measured load. Target: CPU ratio at
 * most 1.01, p99 ratio at most 1.01. Two CPU ratios are printed: the whole process (start-up included: JFR's
 * set-up, OSHI's first use and their compilation, a one-time cost large against a one-minute run), and the
 * measured load alone (the steady state a long-running service pays).
 */
public final class SignalsOverheadBenchmark {


    private SignalsOverheadBenchmark() {
    }

    /** Runs the pairs and prints one line per run and the medians. */
    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        String phases = args.length > 1 ? args[1] : "30s@300";
        ForkedSampleApp app = ForkedSampleApp.fromProjectRoot();
        String methods = "attune.methods=dev.attune.sample.OrderService#*,dev.attune.sample.PriceCalculator#compute";
        List<String> appArgs = List.of("demo", "--phases", phases, "--warmup", "20s", "--settle", "0s");
        double[] cpuRatios = new double[pairs];
        double[] loadCpuRatios = new double[pairs];
        double[] p99Ratios = new double[pairs];
        System.out.printf("%-6s %-4s %10s %12s %10s%n", "pair", "side", "cpu s", "load cpu s", "p99 ms");
        for (int i = 0; i < pairs; i++) {
            double[] off = measure(app, "off", List.of("-D" + methods, "-Dattune.signals.jfr=false",
                    "-Dattune.signals.os=false"), appArgs, i);
            double[] on = measure(app, "on", List.of("-D" + methods), appArgs, i);
            cpuRatios[i] = on[0] / off[0];
            p99Ratios[i] = on[1] / off[1];
            loadCpuRatios[i] = on[2] / off[2];
        }
        System.out.printf("signals on/off, median of %d pairs: whole-process cpu %.3f (pairs %s), cpu during the load"
                        + " %.3f (pairs %s), p99 %.3f (pairs %s)%n", pairs, median(cpuRatios), fmt(cpuRatios),
                median(loadCpuRatios), fmt(loadCpuRatios), median(p99Ratios), fmt(p99Ratios));
    }

    private static double[] measure(ForkedSampleApp app, String side, List<String> jvmArgs, List<String> appArgs,
                                    int pair) throws Exception {
        ForkedSampleApp.Run run = app.run(side, jvmArgs, "", appArgs, 600);
        if (run.exit() != 0) {
            throw new IllegalStateException(side + " exited " + run.exit() + "\n" + run.stderr());
        }
        double p99 = p99Millis(run.stdout());
        System.out.printf("%-6d %-4s %10.3f %12.3f %10.2f%n", pair + 1, side, run.cpuSeconds(), run.loadCpuSeconds(),
                p99);
        return new double[] {run.cpuSeconds(), p99, run.loadCpuSeconds()};
    }

    /** The total row's p99 of the load table (single phase: the phase row). */
    static double p99Millis(String stdout) {
        for (String line : stdout.split("\n")) {
            String[] cols = line.trim().split("\\s+");
            // The first phase row starts with "1 " and has 14 columns: label(2) target sent ok errors (503)
            // dropped timeouts ok/s p50 p99 p99.9 max.
            if (cols.length == 14 && cols[0].equals("1")) {
                return Double.parseDouble(cols[11]);
            }
        }
        throw new IllegalStateException("no load table in:\n" + stdout);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String fmt(double[] values) {
        List<String> parts = new ArrayList<>();
        for (double v : values) {
            parts.add(String.format("%.3f", v));
        }
        return String.join(",", parts);
    }
}
