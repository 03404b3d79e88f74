package dev.attune.sample;

import dev.attune.sample.load.DurationText;
import dev.attune.sample.load.HttpRequestSender;
import dev.attune.sample.load.LoadReport;
import dev.attune.sample.load.OpenLoopLoad;
import dev.attune.sample.load.Phase;
import dev.attune.sample.load.PhaseResult;
import dev.attune.sample.load.TrafficMix;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code stepped}: the tuning demo. Two open-loop loads run side by side with the same steps (1x, 4x, 1x by
 * default): {@code /orders} on the I/O pool, which is undersized (2 threads, each request blocking about 20 ms in
 * the downstream on a cache miss), and {@code /compute} on the CPU pool, sized to the cores. At the end one table
 * per pool shows, per step, the latency the clients saw, the goodput, and the pool's sizes as seen from outside,
 * so whatever the agent changed (and only that) shows up.
 *
 * <p>What a good tuner does here: grows the I/O pool during the 4x step (its threads wait, they do not burn CPU),
 * leaves the CPU pool at the core count (more threads cannot add cores), and brings the I/O pool back down
 * after the load drops. With the agent, each table also lists per step the agent's own actions, read from its
 * audit trail over JMX, and below the tables each action with its reason.
 */
final class SteppedMode implements Mode {

    // About 36 s in all with the warm-up and the JVM's start. The CPU side is sized so that at 4x it keeps about
    // 0.8 of a core busy: on a 2-core machine the process keeps CPU headroom, which the tuner needs to grow the
    // I/O pool (it never grows a pool while the process is CPU-saturated).
    static final String DEFAULT_STEPS = "6s@1,12s@4,12s@1";
    static final double DEFAULT_ORDERS_RATE = 60;
    static final double DEFAULT_COMPUTE_RATE = 40;
    static final int DEFAULT_COMPUTE_N = 1_500_000;
    static final long KEYSPACE = 10_000;
    static final long SEED = 7;

    private final ServiceConfig config;
    private final List<Duration> stepDurations = new ArrayList<>();
    private final List<Double> multipliers = new ArrayList<>();
    private final double ordersRate;
    private final double computeRate;
    private final int computeN;
    private final Duration timeout;
    private final Duration warmup;
    private final List<Long> stepStartsEpochMillis = new ArrayList<>();

    SteppedMode(CliOptions options) {
        config = config(options);
        for (Phase step : Phase.parseList(options.string("steps", DEFAULT_STEPS))) {
            stepDurations.add(step.duration());
            multipliers.add(step.ratePerSecond());
        }
        ordersRate = options.doubleValue("orders-rate", DEFAULT_ORDERS_RATE);
        computeRate = options.doubleValue("compute-rate", DEFAULT_COMPUTE_RATE);
        computeN = options.intValue("compute-n", DEFAULT_COMPUTE_N);
        if (computeN < 1 || computeN > PriceCalculator.MAX_N) {
            throw new IllegalArgumentException("--compute-n must be 1.." + PriceCalculator.MAX_N);
        }
        if (ordersRate < 0 || computeRate < 0 || ordersRate + computeRate == 0) {
            throw new IllegalArgumentException("--orders-rate and --compute-rate must be >= 0, not both 0");
        }
        timeout = options.duration("timeout", Duration.ofSeconds(10));
        warmup = options.duration("warmup", Duration.ofSeconds(2));
    }

    /** The stepped demo's service: an undersized I/O pool in front of a slower downstream. */
    private static ServiceConfig config(CliOptions options) {
        ServiceConfig d = ServiceConfig.defaults();
        return new ServiceConfig(
                options.intValue("port", 0),
                options.intValue("io-core", 2),
                options.intValue("io-max", 2),
                options.intValue("io-queue", 1000),
                options.intValue("cpu-core", d.cpuCore()),
                options.intValue("cpu-max", d.cpuMax()),
                options.intValue("cpu-queue", 200),
                options.intValue("cache-size", d.cacheSize()),
                options.duration("downstream-latency", Duration.ofMillis(20)),
                options.duration("downstream-jitter", Duration.ofMillis(5)));
    }

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        try (OrdersServer server = OrdersServer.start(config)) {
            out.println("sample service on 127.0.0.1:" + server.port() + ": " + config.describe());
            out.printf("stepped open-loop load, steps %s: /orders at %.0f/s x step, /compute?n=%d at %.0f/s x step%n",
                    describeSteps(), ordersRate, computeN, computeRate);
            out.flush();
            HttpRequestSender sender = new HttpRequestSender(server.port(), timeout);
            if (!warmup.isZero()) {
                out.println("warm-up " + DurationText.format(warmup) + " at 1x (not in the tables)");
                out.flush();
                runBoth(sender, List.of(warmup), List.of(1.0), null);
            }
            PoolWatch io = new PoolWatch("orders-io", server.ioPool());
            PoolWatch cpu = new PoolWatch("orders-cpu", server.cpuPool());
            LoadReport[] reports;
            try (AutoCloseable watching = PoolWatch.start(List.of(io, cpu))) {
                reports = runBoth(sender, stepDurations, multipliers, List.of(io, cpu));
            }
            out.println();
            AgentMetricsReport agent = AgentMetricsReport.platform();
            agent.captureSignals("of the last step");
            if (agent.agentPresent()) {
                Thread.sleep(1500); // one interval, so the agent publishes the last figures and actions
            }
            List<AgentActions.Action> actions = AgentActions.read();
            printTable(out, "/orders on the I/O pool (orders-io)", reports[0], io, actions);
            printTable(out, "/compute on the CPU pool (orders-cpu)", reports[1], cpu, actions);
            out.println("latency = reply time minus intended send time (open loop); sizes read from outside every"
                    + " 50 ms; changes = resizes seen (the app never resizes its own pools); agent actions = the"
                    + " agent's audit trail (dev.attune:type=Tuner AuditTrail) in that step.");
            printActions(out, actions, List.of(io.name(), cpu.name()));
            out.println("step starts (epoch ms): " + stepStartsEpochMillis);
            out.println(server.statsLine());
            out.println(OrdersServer.processCpuLine());
            out.println();
            agent.print(out);
        }
        return 0;
    }

    /** Runs the two loads in parallel over the same steps; marks step boundaries on the watches (if any). */
    private LoadReport[] runBoth(HttpRequestSender sender, List<Duration> durations, List<Double> factors,
                                 List<PoolWatch> watches) throws Exception {
        List<Phase> orders = new ArrayList<>();
        List<Phase> compute = new ArrayList<>();
        for (int i = 0; i < durations.size(); i++) {
            orders.add(new Phase(durations.get(i), Math.max(ordersRate * factors.get(i), 0.5)));
            compute.add(new Phase(durations.get(i), Math.max(computeRate * factors.get(i), 0.5)));
        }
        OpenLoopLoad ordersLoad = new OpenLoopLoad(sender, new TrafficMix(0, KEYSPACE, computeN, SEED), 2048,
                timeout.plusSeconds(1));
        OpenLoopLoad computeLoad = new OpenLoopLoad(sender, new TrafficMix(100, KEYSPACE, computeN, SEED + 1), 2048,
                timeout.plusSeconds(1));
        CompletableFuture<LoadReport> a = CompletableFuture.supplyAsync(() -> ordersLoad.run(orders), daemon("load-orders"));
        CompletableFuture<LoadReport> b = CompletableFuture.supplyAsync(() -> computeLoad.run(compute), daemon("load-compute"));
        if (watches != null) {
            long start = System.nanoTime();
            stepStartsEpochMillis.clear();
            long boundary = start;
            for (int i = 0; i < durations.size(); i++) {
                String label = (i + 1) + " " + stepLabel(i);
                stepStartsEpochMillis.add(System.currentTimeMillis());
                for (PoolWatch w : watches) {
                    w.phase(label);
                }
                boundary += durations.get(i).toNanos();
                long wait = boundary - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            for (PoolWatch w : watches) {
                w.phase(null);
            }
        }
        return new LoadReport[] {a.get(), b.get()};
    }

    private static java.util.concurrent.Executor daemon(String name) {
        return task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            t.start();
        };
    }

    private String stepLabel(int i) {
        return DurationText.format(stepDurations.get(i)) + "@" + trim(multipliers.get(i)) + "x";
    }

    private String describeSteps() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < stepDurations.size(); i++) {
            parts.add(stepLabel(i));
        }
        return String.join(",", parts);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static final String ROW = "%-12s %8s %8s %9s %9s %7s %12s %5s %8s %8s  %s%n";

    private void printTable(PrintStream out, String title, LoadReport report, PoolWatch watch,
                            List<AgentActions.Action> actions) {
        out.println(title + ":");
        out.printf(ROW, "step", "target/s", "ok/s", "p50 ms", "p99 ms", "503s", "core start>end", "max", "threads",
                "changes", "agent actions");
        List<PoolWatch.PhaseSizes> sizes = watch.phases();
        for (int i = 0; i < report.phases().size(); i++) {
            PhaseResult r = report.phases().get(i);
            PoolWatch.PhaseSizes s = i < sizes.size() ? sizes.get(i) : null;
            List<String> taken = new ArrayList<>();
            for (AgentActions.Action a : actions) {
                if (a.pool().equals(watch.name()) && stepOf(a.epochMillis()) == i) {
                    taken.add(a.brief());
                }
            }
            out.printf(ROW, s != null ? s.label().substring(s.label().indexOf(' ') + 1) : r.label(),
                    String.format("%.0f", r.targetRate()), String.format("%.1f", r.okPerSecond()),
                    millis(r, r.p50Micros()), millis(r, r.p99Micros()), r.unavailable(),
                    s == null ? "-" : s.coreAtStart() + ">" + s.coreAtEnd(), s == null ? "-" : s.maxAtEnd(),
                    s == null ? "-" : s.peakThreads(), s == null ? "-" : s.changes(),
                    taken.isEmpty() ? "-" : String.join(", ", taken));
        }
        out.println();
    }

    /** The step an instant falls in: -1 before the first (warm-up), the last step for anything after it. */
    private int stepOf(long epochMillis) {
        int step = -1;
        for (int i = 0; i < stepStartsEpochMillis.size() && epochMillis >= stepStartsEpochMillis.get(i); i++) {
            step = i;
        }
        return step;
    }

    private void printActions(PrintStream out, List<AgentActions.Action> actions, List<String> pools) {
        List<String> lines = new ArrayList<>();
        for (AgentActions.Action a : actions) {
            int step = stepOf(a.epochMillis());
            if (!pools.contains(a.pool()) || step < 0) {
                continue;
            }
            lines.add(String.format("  %-10s step %d +%4.1fs  %s: %s", a.pool(), step + 1,
                    (a.epochMillis() - stepStartsEpochMillis.get(step)) / 1000.0, a.brief(), a.reason()));
        }
        if (!lines.isEmpty()) {
            out.println("agent actions and their reasons (the evidence is on the agent's log line):");
            lines.forEach(out::println);
        }
        out.println();
    }

    private static String millis(PhaseResult r, long micros) {
        return r.measured() == 0 ? "-" : String.format("%.1f", micros / 1000.0);
    }

    static final String[] OPTIONS = {
        "steps", "orders-rate", "compute-rate", "compute-n", "timeout", "warmup"
    };
}
