package dev.attune.benchmarks.scenario;

import com.sun.tools.attach.VirtualMachine;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.Attribute;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The sample app with the agent under a fixed open-loop load of equal phases ({@code demo --phases}), running in
 * a forked JVM while a benchmark switches its signals over a real JMX connection and reads its CPU time.
 *
 * <p>Phase {@code k} of the app's load starts at {@link #phaseStartNanos(int)} on this JVM's {@code nanoTime}
 * clock: the app prints its warm-up line when its warm-up begins, and its phases follow the warm-up back to back.
 */
final class SwitchableSampleApp implements AutoCloseable {

    /** The methods timed on both sides: the order path and the pricing model, as in the demo. */
    static final String METHODS =
            "-Dattune.methods=dev.attune.sample.OrderService#*,dev.attune.sample.PriceCalculator#compute";

    private final Process process;
    private final Path stderr;
    private final List<String> stdout;
    private final Thread reader;
    private final long loadStartNanos;
    private final long phaseNanos;
    private final JMXConnector jmx;
    private final MBeanServerConnection server;
    private final ObjectName signals;
    private final ObjectName os;

    private SwitchableSampleApp(Process process, Path stderr, List<String> stdout, Thread reader, long loadStartNanos,
            long phaseNanos, JMXConnector jmx) throws Exception {
        this.process = process;
        this.stderr = stderr;
        this.stdout = stdout;
        this.reader = reader;
        this.loadStartNanos = loadStartNanos;
        this.phaseNanos = phaseNanos;
        this.jmx = jmx;
        this.server = jmx.getMBeanServerConnection();
        this.signals = new ObjectName("dev.attune:type=Signals");
        this.os = new ObjectName("java.lang:type=OperatingSystem");
    }

    /**
     * Starts the app: {@code warmupSeconds} at the demo's warm-up rate, then {@code phases} phases of
     * {@code phaseSeconds} at {@code rate}; returns once it has begun its warm-up and JMX is connected.
     *
     * @param jvmArgs extra arguments for the app's JVM (e.g. a signal setting)
     */
    static SwitchableSampleApp start(ForkedSampleApp jars, int phases, int phaseSeconds, int rate, long warmupSeconds,
            List<String> jvmArgs) throws Exception {
        List<String> command = new ArrayList<>(List.of(new File(System.getProperty("java.home"), "bin/java").getPath(),
                "-javaagent:" + jars.agentJar().getAbsolutePath()));
        command.addAll(jvmArgs);
        command.addAll(List.of(METHODS, "-jar", jars.sampleJar().getAbsolutePath(), "demo", "--phases",
                String.join(",", Collections.nCopies(phases, phaseSeconds + "s@" + rate)),
                "--warmup", warmupSeconds + "s", "--settle", "0s"));
        Path err = Files.createTempFile("attune-switch", ".err");
        Process app = new ProcessBuilder(command).redirectError(err.toFile()).start();
        SwitchableSampleApp started = null;
        try {
            CountDownLatch warmupStarted = new CountDownLatch(1);
            long[] warmupNanos = new long[1];
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        if (line.startsWith("warm-up:")) {
                            warmupNanos[0] = System.nanoTime();
                            warmupStarted.countDown();
                        }
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the app ended; what it printed so far is kept
                } finally {
                    warmupStarted.countDown();
                }
            }, "sample-app-stdout-" + app.pid());
            reader.setDaemon(true);
            reader.start();
            if (!warmupStarted.await(60, TimeUnit.SECONDS) || warmupNanos[0] == 0) {
                throw new IllegalStateException("no warm-up line from the sample app; stderr: " + Files.readString(err));
            }
            started = new SwitchableSampleApp(app, err, lines, reader,
                    warmupNanos[0] + TimeUnit.SECONDS.toNanos(warmupSeconds), TimeUnit.SECONDS.toNanos(phaseSeconds),
                    connect(app.pid()));
            return started;
        } finally {
            if (started == null) {
                app.destroyForcibly();
                Files.deleteIfExists(err);
            }
        }
    }

    private static JMXConnector connect(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            return JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
        } finally {
            vm.detach();
        }
    }

    /** The app's process id. */
    long pid() {
        return process.pid();
    }

    /** When phase {@code k} (from 0) of the load starts, on {@link System#nanoTime()}. */
    long phaseStartNanos(int k) {
        return loadStartNanos + k * phaseNanos;
    }

    /** Switches the signals on or off ({@code dev.attune:type=Signals}, attribute {@code Enabled}). */
    void signals(boolean on) throws Exception {
        server.setAttribute(signals, new Attribute("Enabled", on));
    }

    /** The JVM's own process CPU time, in nanoseconds. */
    long cpuNanos() throws Exception {
        return (Long) server.getAttribute(os, "ProcessCpuTime");
    }

    /** The CPU ticks of each of the app's live threads ({@link ThreadCpuTicks#read}). */
    Map<String, Long> threadTicks() {
        return ThreadCpuTicks.read(process.pid());
    }

    /** Waits for the app to finish its phases, then returns what it logged on standard error. */
    String awaitEnd() throws Exception {
        closeConnection();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the sample app did not end");
        }
        reader.join(10_000);
        return Files.readString(stderr);
    }

    /** The p99 column of each phase row of the app's load table (rows start with the phase number; 14 columns). */
    double[] p99ByPhase(int phases) {
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

    /** Stops the app if it still runs and deletes its log. */
    @Override
    public void close() throws Exception {
        closeConnection();
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Files.deleteIfExists(stderr);
    }

    private void closeConnection() {
        try {
            jmx.close();
        } catch (IOException e) {
            // the app has ended (its phases are over) and took the server side with it: nothing left to close
        }
    }

    /** Sleeps until {@code nanos} on {@link System#nanoTime()}. */
    static void sleepUntil(long nanos) throws InterruptedException {
        for (long left; (left = nanos - System.nanoTime()) > 0; ) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, 100_000_000L));
        }
    }
}
