package dev.attune.benchmarks.scenario;

import com.sun.tools.attach.VirtualMachine;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

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
        List<String> phaseList = new ArrayList<>(Collections.nCopies(phases, phaseSeconds + "s@" + rate));
        List<String> command = new ArrayList<>(List.of(new File(System.getProperty("java.home"), "bin/java").getPath(),
                "-javaagent:" + jars.agentJar().getAbsolutePath()));
        command.addAll(Arrays.asList(args).subList(Math.min(3, args.length), args.length));
        command.addAll(List.of(
                "-Dattune.methods=dev.attune.sample.OrderService#*,dev.attune.sample.PriceCalculator#compute",
                "-jar", jars.sampleJar().getAbsolutePath(), "demo", "--phases", String.join(",", phaseList),
                "--warmup", WARMUP_SECONDS + "s", "--settle", "0s"));
        Path err = Files.createTempFile("attune-switch", ".err");
        Process app = new ProcessBuilder(command).redirectError(err.toFile()).start();
        List<String> stdout = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch warmupStarted = new CountDownLatch(1);
        long[] warmupNanos = new long[1];
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("warm-up:")) {
                        warmupNanos[0] = System.nanoTime();
                        warmupStarted.countDown();
                    }
                    stdout.add(line);
                }
            } catch (Exception e) {
                warmupStarted.countDown();
            }
        }, "sample-app-stdout");
        reader.start();
        if (!warmupStarted.await(60, TimeUnit.SECONDS) || warmupNanos[0] == 0) {
            app.destroyForcibly();
            throw new IllegalStateException("no warm-up line from the sample app; stderr: " + Files.readString(err));
        }
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
        try (JMXConnector jmx = connect(app.pid())) {
            MBeanServerConnection server = jmx.getMBeanServerConnection();
            ObjectName signals = new ObjectName("dev.attune:type=Signals");
            ObjectName os = new ObjectName("java.lang:type=OperatingSystem");
            long loadStart = warmupNanos[0] + TimeUnit.SECONDS.toNanos(WARMUP_SECONDS);
            for (int k = 0; k < phases; k++) {
                long phaseStart = loadStart + TimeUnit.SECONDS.toNanos((long) k * phaseSeconds);
                // Switch a moment before the phase, so the agent thread has applied it when the phase begins.
                sleepUntil(phaseStart - TimeUnit.MILLISECONDS.toNanos(50));
                server.setAttribute(signals, new Attribute("Enabled", on[k]));
                sleepUntil(phaseStart + TimeUnit.SECONDS.toNanos(SETTLE_SECONDS));
                long cpuBefore = (Long) server.getAttribute(os, "ProcessCpuTime");
                Map<String, Long> threadsBefore = ThreadCpuTicks.read(app.pid());
                sleepUntil(phaseStart + TimeUnit.SECONDS.toNanos(phaseSeconds));
                cpuSeconds[k] = ((Long) server.getAttribute(os, "ProcessCpuTime") - cpuBefore) / 1e9;
                ThreadCpuTicks.addByGroup(threadsBefore, ThreadCpuTicks.read(app.pid()), byGroup, on[k] ? 1 : 0);
            }
            server.setAttribute(signals, new Attribute("Enabled", true));
        }
        if (!app.waitFor(120, TimeUnit.SECONDS)) {
            app.destroyForcibly();
            throw new IllegalStateException("the sample app did not end");
        }
        reader.join(10_000);
        double[] p99 = p99ByPhase(stdout, phases);
        String agentLines = Files.readString(err);
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
        System.out.printf("%-26s %10s %10s %12s%n", "threads", "off s", "on s", "on - off");
        for (Map.Entry<String, long[]> e : byGroup.entrySet()) {
            long[] t = e.getValue();
            System.out.printf("%-26s %10.2f %10.2f %+11.1f%%%n", e.getKey(), t[0] / 100.0, t[1] / 100.0,
                    100.0 * (t[1] - t[0]) / 100.0 / cpuOff);
        }
        double[] sorted = cpuRatios.clone();
        Arrays.sort(sorted);
        System.out.printf("signals on/off in one JVM, %d pairs of %d s at %d/s: cpu median %.3f (middle half of the"
                        + " pairs %.3f to %.3f; all pairs summed %.3f), p99 median %.3f%n", pairs, phaseSeconds, rate,
                SignalsOverheadBenchmark.median(cpuRatios), sorted[pairs / 4], sorted[(3 * pairs) / 4],
                cpuOn / cpuOff, SignalsOverheadBenchmark.median(p99Ratios));
    }

    private static JMXConnector connect(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            return JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
        } finally {
            vm.detach();
        }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        for (long left; (left = nanos - System.nanoTime()) > 0; ) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, 100_000_000L));
        }
    }

    /** The p99 column of each phase row of the load table (rows start with the phase number; 14 columns). */
    static double[] p99ByPhase(List<String> stdout, int phases) {
        double[] p99 = new double[phases];
        Arrays.fill(p99, Double.NaN);
        synchronized (stdout) {
            for (String line : stdout) {
                String[] cols = line.trim().split("\\s+");
                if (cols.length == 14 && cols[0].matches("\\d+")) {
                    int phase = Integer.parseInt(cols[0]) - 1;
                    if (phase >= 0 && phase < phases) {
                        p99[phase] = Double.parseDouble(cols[11]);
                    }
                }
            }
        }
        return p99;
    }
}
