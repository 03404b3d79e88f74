package dev.attune.benchmarks.scenario;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tuner's pace at the default settings: an I/O-bound {@code newFixedThreadPool(4)} under a stepped open-loop
 * load (1x, 5x, 1x of 15 s, 30 s and 15 s; 100 tasks a second of 20 ms at 1x) run with the agent and nothing
 * configured but {@code attune.tuner.mode=auto}, and without the agent at each fixed size of a sweep. Per step it
 * prints the p99 of the tasks due in the step's second half and its ratio to the best fixed size (the one with
 * the lowest such p99 in the 5x step). Target: the 5x step and the 1x step after it within 2x of it. Then a
 * CPU-bound pool of as many threads as cores, on a machine a second JVM keeps saturated, under the same steps:
 * its largest core size must stay within the cores.
 *
 * <p>Run from the project root after {@code mvn -q -DskipTests package}:
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar dev.attune.benchmarks.scenario.PoolStepBenchmark [sizes] [steps]
 * </pre>
 * defaults: sizes {@code 4,8,12,16,24,32}, steps {@code 15s@1,30s@5,15s@1}.
 */
public final class PoolStepBenchmark {

    private static final Pattern STARTS = Pattern.compile("step \\d+ starts epoch_ms=(\\d+)");
    private static final Pattern STEP = Pattern.compile(
            "step (\\d+) x(\\S+) p50_ms=(\\S+) p99_ms=(\\S+) late_p99_ms=(\\S+) max_core=(\\d+) done=(\\d+)");

    private PoolStepBenchmark() {
    }

    /** One step's line. */
    record Step(String multiplier, double p99, double lateP99, int maxCore) {
    }

    public static void main(String[] args) throws Exception {
        String[] sizes = (args.length > 0 ? args[0] : "4,8,12,16,24,32").split(",");
        String steps = args.length > 1 ? args[1] : "15s@1,30s@5,15s@1";
        ForkedSampleApp app = ForkedSampleApp.fromProjectRoot();
        List<String> io = List.of("--kind", "io", "--size", "4", "--rate", "100", "--task-ms", "20", "--steps", steps);
        Map<String, List<Step>> runs = new LinkedHashMap<>();
        ForkedSampleApp.Run auto = app.runMain("auto", List.of("-Dattune.tuner.mode=auto"), "", StepLoadApp.class, io,
                600);
        runs.put("auto (size 4)", steps(auto));
        String best = null;
        for (String size : sizes) {
            List<String> fixed = new ArrayList<>(io);
            fixed.set(fixed.indexOf("--size") + 1, size);
            String label = "fixed " + size;
            runs.put(label, steps(app.runMain(label, List.of(), null, StepLoadApp.class, fixed, 600)));
            if (best == null || runs.get(label).get(1).lateP99() < runs.get(best).get(1).lateP99()) {
                best = label;
            }
        }
        List<Step> bestSteps = runs.get(best);
        System.out.println("I/O-bound newFixedThreadPool(4), " + steps + ", 100/s of 20 ms at 1x; late-half p99 ms"
                + " per step, ratio to the best fixed size (" + best + "), largest core size:");
        for (Map.Entry<String, List<Step>> e : runs.entrySet()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-14s", e.getKey()));
            for (int i = 0; i < e.getValue().size(); i++) {
                Step s = e.getValue().get(i);
                row.append(String.format(Locale.ROOT, " | x%s %8.1f ms (x%.2f) core %d", s.multiplier(), s.lateP99(),
                        s.lateP99() / bestSteps.get(i).lateP99(), s.maxCore()));
            }
            System.out.println(row);
        }
        System.out.println("auto: first resize of the pool after each step's start, in seconds: "
                + firstResizeDelays(auto));
        System.out.println();
        System.out.println("auto run, the agent's pool lines:");
        for (String line : auto.agentLines()) {
            if (line.contains("pool=step-pool")) {
                System.out.println("  " + line);
            }
        }
        System.out.println();
        cpuOnSaturatedMachine(app, steps);
    }

    private static void cpuOnSaturatedMachine(ForkedSampleApp app, String steps) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        int size = Math.max(2, cores);
        Process burner = new ProcessBuilder(new File(System.getProperty("java.home"), "bin/java").getPath(), "-cp",
                new File(Burner.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath(),
                Burner.class.getName(), Integer.toString(cores)).inheritIO().start();
        try {
            List<String> cpu = List.of("--kind", "cpu", "--size", Integer.toString(size), "--rate",
                    Double.toString(25.0 * cores), "--task-ms", "10", "--steps", steps);
            ForkedSampleApp.Run run = app.runMain("cpu auto", List.of("-Dattune.tuner.mode=auto"), "",
                    StepLoadApp.class, cpu, 600);
            int largest = steps(run).stream().mapToInt(Step::maxCore).max().orElse(-1);
            System.out.printf(Locale.ROOT, "CPU-bound pool of %d on %d cores, machine saturated by %d burning threads"
                    + " in another JVM: largest core size %d (%s)%n", size, cores, cores, largest,
                    largest <= Math.max(cores, size) ? "within the cores" : "PAST THE CORES");
            for (String line : run.agentLines()) {
                if (line.contains("pool=step-pool") && (line.contains("pool_resize") || line.contains("pool_found"))) {
                    System.out.println("  " + line);
                }
            }
        } finally {
            burner.destroyForcibly();
        }
    }

    /** Per step: seconds from its start to the agent's first resize of the pool in it, or "-". */
    static List<String> firstResizeDelays(ForkedSampleApp.Run run) {
        List<Long> starts = new ArrayList<>();
        Matcher m = STARTS.matcher(run.stdout());
        while (m.find()) {
            starts.add(Long.parseLong(m.group(1)));
        }
        return ActionDelays.after(starts, run.agentLines(), l -> l.contains("event=pool_resize pool=step-pool"), 1);
    }

    private static List<Step> steps(ForkedSampleApp.Run run) {
        List<Step> out = new ArrayList<>();
        Matcher m = STEP.matcher(run.stdout());
        while (m.find()) {
            out.add(new Step(m.group(2), Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5)),
                    Integer.parseInt(m.group(6))));
        }
        if (out.isEmpty() || run.exit() != 0) {
            throw new IllegalStateException(run.label() + ": exit " + run.exit() + "\n" + run.stdout() + run.stderr());
        }
        return out;
    }

    /** Keeps {@code args[0]} threads spinning until killed: a machine saturated by another process. */
    public static final class Burner {
        private static volatile long sink;

        public static void main(String[] args) {
            for (int i = 0; i < Integer.parseInt(args[0]); i++) {
                Thread t = new Thread(() -> {
                    long x = 0;
                    while (true) {
                        x += x * 31 + 7;
                        sink = x;
                    }
                });
                t.start();
            }
        }
    }
}
