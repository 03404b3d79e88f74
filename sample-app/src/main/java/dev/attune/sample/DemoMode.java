package dev.attune.sample;

import dev.attune.sample.load.DurationText;
import dev.attune.sample.load.HttpRequestSender;
import dev.attune.sample.load.LoadReport;
import dev.attune.sample.load.OpenLoopLoad;
import dev.attune.sample.load.Phase;
import dev.attune.sample.load.TrafficMix;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code demo}: starts the service on an ephemeral port, drives open-loop load at it, prints the load table, the
 * service's own figures and what the agent measured (via JMX), then shuts everything down.
 */
final class DemoMode implements Mode {

    /**
     * Calm, spike, calm. At 700/s the 2 core I/O threads cannot keep up with the downstream misses, the 200-deep queue
     * fills, and only then does the pool grow: p99 jumps to hundreds of ms while p50 barely moves. That is the
     * mis-tuning the tuner is meant to find.
     */
    static final String DEFAULT_PHASES = "6s@150,10s@700,6s@150";
    /** Warm-up rate: low, so the cold JVM's class loading and JIT do not build a backlog that leaks into phase 1. */
    static final double WARMUP_RATE = 50;
    static final int DEFAULT_RATE = 200;
    static final int DEFAULT_COMPUTE_PERCENT = 20;
    static final long KEYSPACE = 10_000;
    static final long SEED = 42;

    private final ServiceConfig config;
    private final List<Phase> phases;
    private final int computePercent;
    private final int computeN;
    private final int maxInFlight;
    private final Duration timeout;
    private final Duration settle;
    private final Duration warmup;

    DemoMode(CliOptions options) {
        config = ServiceConfig.from(options);
        phases = phases(options);
        computePercent = computePercent(options);
        computeN = options.intValue("compute-n", ComputeEndpoint.DEFAULT_N);
        if (computeN < 1 || computeN > PriceCalculator.MAX_N) {
            throw new IllegalArgumentException("--compute-n must be 1.." + PriceCalculator.MAX_N);
        }
        maxInFlight = options.intValue("max-in-flight", 256);
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("--max-in-flight must be >= 1");
        }
        timeout = options.duration("timeout", Duration.ofSeconds(5));
        settle = options.duration("settle", Duration.ofMillis(1500));
        warmup = options.duration("warmup", Duration.ofSeconds(1));
        if (!warmup.isZero()) {
            new Phase(warmup, WARMUP_RATE); // validates: must schedule at least one request
        }
    }

    @Override
    public int run(PrintStream out, PrintStream err) throws IOException, InterruptedException {
        try (OrdersServer server = OrdersServer.start(config)) {
            out.println("sample service on 127.0.0.1:" + server.port() + ": " + config.describe());
            out.printf("open-loop load: phases %s; %d%% /orders/{id} (ids 0..%d, skewed), %d%% /compute?n=%d;"
                            + " at most %d in flight, timeout %s%n",
                    phases.stream().map(Phase::toString).collect(Collectors.joining(",")), 100 - computePercent,
                    KEYSPACE - 1, computePercent, computeN, maxInFlight, DurationText.format(timeout));
            out.flush();
            HttpRequestSender sender = new HttpRequestSender(server.port(), timeout);
            if (!warmup.isZero()) {
                out.println("warm-up: " + new Phase(warmup, WARMUP_RATE) + " (not in the table below)");
                out.flush();
                new OpenLoopLoad(sender, new TrafficMix(computePercent, KEYSPACE, computeN, SEED + 1), maxInFlight,
                        timeout.plusSeconds(1)).run(List.of(new Phase(warmup, WARMUP_RATE)));
            }
            OpenLoopLoad load = new OpenLoopLoad(sender, new TrafficMix(computePercent, KEYSPACE, computeN, SEED),
                    maxInFlight, timeout.plusSeconds(1));
            long cpuBefore = OrdersServer.processCpuNanos();
            LoadReport report = load.run(phases);
            long cpuDuring = OrdersServer.processCpuNanos() - cpuBefore;
            out.println();
            report.printTable(out);
            out.println(server.statsLine());
            out.println(OrdersServer.processCpuLine());
            // The steady state alone: start-up (class loading, JIT, the agent's own start) is not in it.
            out.println(cpuBefore < 0 ? "process cpu during the load: unknown"
                    : String.format("process cpu during the load: %.3f s", cpuDuring / 1e9));
            out.println();
            AgentMetricsReport agent = AgentMetricsReport.platform();
            if (agent.agentPresent() && !settle.isZero()) {
                // Give the agent one reporting interval to publish the last figures before reading them.
                Thread.sleep(settle.toMillis());
            }
            agent.print(out);
        }
        return 0;
    }

    private static List<Phase> phases(CliOptions options) {
        if (options.has("phases")) {
            if (options.has("duration") || options.has("rate")) {
                throw new IllegalArgumentException("--phases cannot be combined with --duration or --rate");
            }
            return Phase.parseList(options.string("phases", ""));
        }
        if (options.has("duration") || options.has("rate")) {
            Duration duration = options.duration("duration", Duration.ofSeconds(20));
            return List.of(new Phase(duration, options.doubleValue("rate", DEFAULT_RATE)));
        }
        return Phase.parseList(DEFAULT_PHASES);
    }

    private static int computePercent(CliOptions options) {
        String path = options.string("path", "mixed");
        int percent = switch (path) {
            case "/orders" -> 0;
            case "/compute" -> 100;
            case "mixed" -> options.intValue("compute-percent", DEFAULT_COMPUTE_PERCENT);
            default -> throw new IllegalArgumentException("--path must be /orders, /compute or mixed, got " + path);
        };
        if (!"mixed".equals(path) && options.has("compute-percent")) {
            throw new IllegalArgumentException("--compute-percent only applies to --path mixed");
        }
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("--compute-percent must be 0..100");
        }
        return percent;
    }

    static final String[] OPTIONS = {
        "duration", "phases", "rate", "path", "compute-percent", "compute-n", "max-in-flight", "timeout", "settle",
        "warmup"
    };
}
