package dev.attune.benchmarks.scenario;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the sample app in a forked JVM (the same java as this one), with or without the agent, and returns what
 * it printed. Used by the scenario benchmarks, which compare whole runs rather than single calls.
 */
final class ForkedSampleApp {

    private static final Pattern CPU = Pattern.compile("process cpu: ([0-9.]+) s");
    private static final Pattern LOAD_CPU = Pattern.compile("process cpu during the load: ([0-9.]+) s");

    /** What one run printed. */
    record Run(String label, int exit, String stdout, String stderr) {

        /** The process CPU seconds the app reported at its end, or NaN. */
        double cpuSeconds() {
            Matcher m = CPU.matcher(stdout);
            return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
        }

        /** The process CPU seconds spent during the measured load alone (demo mode), or NaN. */
        double loadCpuSeconds() {
            Matcher m = LOAD_CPU.matcher(stdout);
            return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
        }

        /** The agent's log lines (stderr lines with {@code logger=attune}). */
        List<String> agentLines() {
            List<String> lines = new ArrayList<>();
            for (String line : stderr.split("\n")) {
                if (line.contains("logger=attune") || line.contains("\"logger\":\"attune\"")) {
                    lines.add(line);
                }
            }
            return lines;
        }
    }

    private final File agentJar;
    private final File sampleJar;

    /** The agent jar. */
    File agentJar() {
        return agentJar;
    }

    /** The sample app's jar. */
    File sampleJar() {
        return sampleJar;
    }

    ForkedSampleApp(File agentJar, File sampleJar) {
        this.agentJar = agentJar;
        this.sampleJar = sampleJar;
    }

    /** Finds the jars below the current directory (the project root), or from -Dattune.agent.jar / -Dattune.sample.jar. */
    static ForkedSampleApp fromProjectRoot() {
        File agent = new File(System.getProperty("attune.agent.jar", "agent/target/attune-agent.jar"));
        File sample = new File(System.getProperty("attune.sample.jar", "sample-app/target/sample-app.jar"));
        for (File f : new File[] {agent, sample}) {
            if (!f.isFile()) {
                throw new IllegalStateException(f.getAbsolutePath() + " not found: run `mvn -q -DskipTests package`"
                        + " from the project root first, and run this from the project root");
            }
        }
        return new ForkedSampleApp(agent, sample);
    }

    /**
     * Runs {@code java [jvmArgs] [-javaagent:agent=agentArgs] -jar sample-app.jar appArgs}; {@code agentArgs} null
     * means no agent at all.
     */
    Run run(String label, List<String> jvmArgs, String agentArgs, List<String> appArgs, long timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> command = java(jvmArgs, agentArgs);
        command.add("-jar");
        command.add(sampleJar.getAbsolutePath());
        command.addAll(appArgs);
        return exec(label, command, timeoutSeconds);
    }

    /**
     * Runs {@code java [jvmArgs] [-javaagent:agent=agentArgs] -cp <this benchmarks jar> mainClass appArgs}: a scenario
     * application of this module; {@code agentArgs} null means no agent at all.
     */
    Run runMain(String label, List<String> jvmArgs, String agentArgs, Class<?> mainClass, List<String> appArgs,
                long timeoutSeconds) throws IOException, InterruptedException {
        List<String> command = java(jvmArgs, agentArgs);
        command.add("-cp");
        try {
            command.add(new File(mainClass.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        command.add(mainClass.getName());
        command.addAll(appArgs);
        return exec(label, command, timeoutSeconds);
    }

    /** {@code java [jvmArgs] [-javaagent:agent=agentArgs]}, the same java as this one. */
    private List<String> java(List<String> jvmArgs, String agentArgs) {
        List<String> command = new ArrayList<>();
        command.add(new File(System.getProperty("java.home"), "bin/java").getPath());
        command.addAll(jvmArgs);
        if (agentArgs != null) {
            command.add("-javaagent:" + agentJar.getAbsolutePath() + (agentArgs.isEmpty() ? "" : "=" + agentArgs));
        }
        return command;
    }

    private static Run exec(String label, List<String> command, long timeoutSeconds)
            throws IOException, InterruptedException {
        File out = File.createTempFile("attune-scenario", ".out");
        File err = File.createTempFile("attune-scenario", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out).redirectError(err).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(label + ": no end within " + timeoutSeconds + " s: " + command);
            }
            return new Run(label, p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                    Files.readString(err.toPath(), StandardCharsets.UTF_8));
        } finally {
            out.delete();
            err.delete();
        }
    }
}
