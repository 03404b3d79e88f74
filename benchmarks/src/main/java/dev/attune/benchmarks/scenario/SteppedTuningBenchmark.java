package dev.attune.benchmarks.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 4's benchmark: the sample app's stepped demo (1x, 4x, 1x on an undersized I/O pool) run with no agent,
 * with the tuner in advise mode, in auto mode, and without the agent at each fixed I/O pool size of a sweep. For
 * each step it prints the I/O side's p99 and its ratio to the best fixed size (the size whose worst step p99 is
 * lowest), and in auto mode how long after each step's start the tuner's first resize came, in intervals.
 * Target: auto within 1.2 times the best fixed p99 in every step, reached within 3 tuning intervals of a step.
 *
 * <p>Run from the project root after {@code mvn -q -DskipTests package}:
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar dev.attune.benchmarks.scenario.SteppedTuningBenchmark [sizes] [steps]
 * </pre>
 * defaults: sizes {@code 2,4,6,8,12,16}, steps as the demo's ({@code 6s@1,12s@4,12s@1}).
 */
public final class SteppedTuningBenchmark {

    static final double INTERVAL_SECONDS = 1.0;
    private static final Pattern STARTS = Pattern.compile("step starts \\(epoch ms\\): \\[([0-9, ]+)]");

    private SteppedTuningBenchmark() {
    }

    /** Runs every configuration once and prints the comparison. */
    public static void main(String[] args) throws Exception {
        String[] sizes = (args.length > 0 ? args[0] : "2,4,6,8,12,16").split(",");
        String steps = args.length > 1 ? args[1] : "6s@1,12s@4,12s@1";
        ForkedSampleApp app = ForkedSampleApp.fromProjectRoot();
        List<String> base = List.of("stepped", "--steps", steps);
        String interval = "-Dattune.interval=" + (long) (INTERVAL_SECONDS * 1000) + "ms";
        Map<String, ForkedSampleApp.Run> runs = new LinkedHashMap<>();
        runs.put("no agent", app.run("no agent", List.of(), null, base, 900));
        runs.put("advise", app.run("advise", List.of(interval, "-Dattune.tuner.mode=advise"), "", base, 900));
        runs.put("auto", app.run("auto", List.of(interval, "-Dattune.tuner.mode=auto"), "", base, 900));
        String best = null;
        double bestWorst = Double.MAX_VALUE;
        for (String size : sizes) {
            List<String> a = new ArrayList<>(base);
            a.addAll(List.of("--io-core", size, "--io-max", size));
            String label = "fixed " + size;
            ForkedSampleApp.Run run = app.run(label, List.of(), null, a, 900);
            runs.put(label, run);
            double worst = ioP99s(run).stream().mapToDouble(Double::doubleValue).max().orElse(Double.MAX_VALUE);
            if (worst < bestWorst) {
                bestWorst = worst;
                best = label;
            }
        }
        List<Double> bestP99 = ioP99s(runs.get(best));
        System.out.println("I/O pool (/orders) p99 ms per step, and ratio to the best fixed size (" + best + "):");
        for (Map.Entry<String, ForkedSampleApp.Run> e : runs.entrySet()) {
            List<Double> p99 = ioP99s(e.getValue());
            StringBuilder row = new StringBuilder(String.format("%-10s", e.getKey()));
            for (int i = 0; i < p99.size(); i++) {
                row.append(String.format("  step %d: %9.1f ms (x%.2f)", i + 1, p99.get(i), p99.get(i) / bestP99.get(i)));
            }
            row.append(String.format("  cpu %.1f s", e.getValue().cpuSeconds()));
            System.out.println(row);
        }
        System.out.println("auto: first resize of orders-io after each step start, in intervals of "
                + INTERVAL_SECONDS + " s: " + firstActionDelays(runs.get("auto")));
        System.out.println();
        System.out.println("auto run, agent lines about pools:");
        for (String line : runs.get("auto").agentLines()) {
            if (line.contains("pool")) {
                System.out.println("  " + line);
            }
        }
        System.out.println();
        System.out.println("auto run, demo output:");
        System.out.println(runs.get("auto").stdout());
    }

    /** The p99 column of the /orders table, one value a step. */
    static List<Double> ioP99s(ForkedSampleApp.Run run) {
        List<Double> p99 = new ArrayList<>();
        boolean inTable = false;
        for (String line : run.stdout().split("\n")) {
            if (line.startsWith("/orders on the I/O pool")) {
                inTable = true;
                continue;
            }
            if (inTable) {
                String[] cols = line.trim().split("\\s+");
                if (line.isBlank()) {
                    break;
                }
                if (cols.length >= 11 && !cols[0].equals("step")) { // the last column, agent actions, may hold spaces
                    p99.add(cols[4].equals("-") ? Double.NaN : Double.parseDouble(cols[4]));
                }
            }
        }
        if (p99.isEmpty()) {
            throw new IllegalStateException(run.label() + ": no /orders table in:\n" + run.stdout() + run.stderr());
        }
        return p99;
    }

    /** Per step: intervals from its start to the first agent line that resized orders-io, or "-" if none. */
    static List<String> firstActionDelays(ForkedSampleApp.Run run) {
        Matcher m = STARTS.matcher(run.stdout());
        List<String> delays = new ArrayList<>();
        if (!m.find()) {
            return delays;
        }
        List<Long> starts = new ArrayList<>();
        for (String s : m.group(1).split(",\\s*")) {
            starts.add(Long.parseLong(s.trim()));
        }
        return ActionDelays.after(starts, run.agentLines(), line -> line.contains("pool=orders-io")
                && line.contains("resize") && !line.contains("mode=advise"), INTERVAL_SECONDS);
    }
}
