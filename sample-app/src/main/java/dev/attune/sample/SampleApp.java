package dev.attune.sample;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Entry point of the sample service: {@code serve}, {@code demo} or {@code check}; see {@link #USAGE}. */
public final class SampleApp {

    /** Exit code for bad command-line arguments. */
    public static final int BAD_ARGUMENTS = 2;

    static final String USAGE = String.join("\n",
            "usage: java [-javaagent:attune-agent.jar] -jar sample-app.jar <mode> [options]",
            "modes:",
            "  serve  [--port N] [service options]          run the service until killed",
            "  demo   [--duration 20s [--rate 200] | --phases 6s@150,10s@700,6s@150] [--warmup 1s|0s]",
            "         [--path /orders|/compute|mixed] [--compute-percent 20] [--compute-n 100000]",
            "         [--max-in-flight 256] [--timeout 5s] [--settle 1500ms] [service options]",
            "                                               serve on an ephemeral port, load it, print results",
            "  stepped [--steps 6s@1,12s@4,12s@1] [--orders-rate 60] [--compute-rate 40] [--compute-n 1500000]",
            "         [--timeout 10s] [--warmup 2s] [service options]",
            "                                               the tuning demo: stepped load on an undersized I/O pool",
            "                                               and a CPU pool, one table per pool (sizes seen from outside)",
            "  check                                        fixed-seed run with deterministic stdout",
            "service options:",
            "  --io-core 2 --io-max 16 --io-queue 200       /orders pool (threads orders-io-N)",
            "  --cpu-core 2 --cpu-max 2 --cpu-queue 64      /compute pool (threads orders-cpu-N)",
            "  --cache-size 1000                            inventory cache entries (ids 0..9999 in load)",
            "  --downstream-latency 5ms --downstream-jitter 2ms",
            "durations: 500ms, 10s, 1.5m; phases: <duration>@<requests per second>, comma-separated");

    private SampleApp() {
    }

    /** Runs the mode named by {@code args[0]}; exits non-zero only on failure (2 for bad arguments). */
    public static void main(String[] args) throws Exception {
        spareTheLoadGeneratorAThreadPerResponse();
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * The load generator's {@code HttpClient.sendAsync} hands every response to CompletableFuture's default
     * executor. With fewer than 3 cores that executor is not the common pool but a new thread per task: at 300
     * requests a second, 300 threads started and ended a second, which costs CPU of its own and makes JFR write a
     * thread checkpoint for each. Two common-pool threads instead, unless the user chose a parallelism. This must
     * run before anything touches CompletableFuture, so it is the first thing {@code main} does.
     */
    static void spareTheLoadGeneratorAThreadPerResponse() {
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
            System.setProperty(COMMON_POOL_PARALLELISM, "2");
        }
    }

    static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    /** Runs a mode and returns its exit code; never calls {@code System.exit}, so tests can call it. */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 1 && Set.of("help", "-h", "--help").contains(args[0])) {
            out.println(USAGE);
            return 0;
        }
        if (args.length == 0) {
            return badArguments(err, "no mode given");
        }
        Mode mode;
        try {
            mode = parse(args[0], Arrays.asList(args).subList(1, args.length));
        } catch (IllegalArgumentException badOption) {
            return badArguments(err, badOption.getMessage());
        }
        if (mode == null) {
            return badArguments(err, "unknown mode '" + args[0] + "'");
        }
        return mode.run(out, err);
    }

    /** Builds a mode from its options, validating all of them before anything starts; null for an unknown mode. */
    private static Mode parse(String name, List<String> rest) {
        switch (name) {
            case "serve":
                return new ServeMode(CliOptions.parse(rest, Set.of(ServiceConfig.OPTIONS)));
            case "demo":
                Set<String> allowed = new HashSet<>(Set.of(ServiceConfig.OPTIONS));
                allowed.addAll(Set.of(DemoMode.OPTIONS));
                return new DemoMode(CliOptions.parse(rest, allowed));
            case "stepped":
                Set<String> steppedOptions = new HashSet<>(Set.of(ServiceConfig.OPTIONS));
                steppedOptions.addAll(Set.of(SteppedMode.OPTIONS));
                return new SteppedMode(CliOptions.parse(rest, steppedOptions));
            case "check":
                CliOptions.parse(rest, Set.of());
                return new CheckMode();
            default:
                return null;
        }
    }

    private static int badArguments(PrintStream err, String message) {
        err.println("error: " + message);
        err.println(USAGE);
        return BAD_ARGUMENTS;
    }
}
