package dev.attune.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Starts a JVM in a child process, optionally with the real agent jar, and collects what it printed. */
final class ForkedJvm {

    static final File AGENT_JAR = requiredFile("attune.agent.jar", "run `mvn verify` from the root: the agent module builds it");
    static final File SAMPLE_JAR = requiredFile("attune.sample.jar", "run `mvn verify` from the root: sample-app builds it");

    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> mainArgs = new ArrayList<>();
    private final Map<String, String> env = new HashMap<>();
    private final List<String> envRemoved = new ArrayList<>();
    private String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private String classpath;
    private String mainClass;
    private String jar;

    static ForkedJvm java() {
        return new ForkedJvm();
    }

    static File requiredFile(String property, String hint) {
        String path = System.getProperty(property);
        File file = path == null ? null : new File(path);
        if (file == null || !file.isFile()) {
            throw new IllegalStateException(property + " not found at " + path + ": " + hint);
        }
        return file;
    }

    ForkedJvm javaHome(Path home) {
        this.java = home.resolve("bin").resolve("java").toString();
        return this;
    }

    /** Adds {@code -javaagent:attune-agent.jar} with optional agent arguments (null: none). */
    ForkedJvm agent(String agentArgs) {
        jvmArgs.add("-javaagent:" + AGENT_JAR.getAbsolutePath() + (agentArgs == null ? "" : "=" + agentArgs));
        return this;
    }

    ForkedJvm jvmArg(String... args) {
        jvmArgs.addAll(Arrays.asList(args));
        return this;
    }

    ForkedJvm property(String key, String value) {
        jvmArgs.add("-D" + key + "=" + value);
        return this;
    }

    ForkedJvm env(String key, String value) {
        env.put(key, value);
        return this;
    }

    ForkedJvm mainClass(String classpath, String mainClass) {
        this.classpath = classpath;
        this.mainClass = mainClass;
        return this;
    }

    /** Runs a fixture class compiled with these tests, with {@code extraClasspath} after it. */
    ForkedJvm fixture(Class<?> main, String... extraClasspath) {
        List<String> cp = new ArrayList<>();
        cp.add(System.getProperty("attune.fixture.classes"));
        cp.addAll(Arrays.asList(extraClasspath));
        return mainClass(String.join(File.pathSeparator, cp), main.getName());
    }

    ForkedJvm jar(File jarFile) {
        this.jar = jarFile.getAbsolutePath();
        return this;
    }

    ForkedJvm args(String... args) {
        mainArgs.addAll(Arrays.asList(args));
        return this;
    }

    List<String> command() {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmArgs);
        if (jar != null) {
            cmd.add("-jar");
            cmd.add(jar);
        } else if (mainClass != null) {
            cmd.add("-cp");
            cmd.add(classpath);
            cmd.add(mainClass);
        }
        cmd.addAll(mainArgs);
        return cmd;
    }

    /** Starts the process; output goes to files so a chatty child never blocks on a full pipe. */
    Running start() throws IOException {
        Path dir = Scratch.dir("run");
        File out = dir.resolve("stdout").toFile();
        File err = dir.resolve("stderr").toFile();
        // The child's temporary files (JFR's repository, the agent's default snapshot directory) go with its output,
        // not to /tmp, where a child stopped by force would leave them.
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        List<String> command = command();
        command.add(1, "-Djava.io.tmpdir=" + tmp);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(out).redirectError(err).redirectInput(ProcessBuilder.Redirect.PIPE);
        // The test JVM's own agent settings must not leak into the child.
        builder.environment().keySet().removeIf(k -> k.startsWith("ATTUNE_") || k.equals("JAVA_TOOL_OPTIONS")
                || k.equals("JDK_JAVA_OPTIONS") || k.equals("_JAVA_OPTIONS"));
        builder.environment().putAll(env);
        return new Running(builder.start(), out, err, command);
    }

    /** Runs to completion (at most {@code timeoutSeconds}) and returns what it printed. */
    Result run(int timeoutSeconds) throws Exception {
        return start().await(timeoutSeconds);
    }

    /** A child JVM still running. */
    static final class Running {
        final Process process;
        private final File out;
        private final File err;
        private final List<String> command;

        Running(Process process, File out, File err, List<String> command) {
            this.process = process;
            this.out = out;
            this.err = err;
            this.command = command;
        }

        long pid() {
            return process.pid();
        }

        String stderrSoFar() throws IOException {
            return Files.readString(err.toPath(), StandardCharsets.UTF_8);
        }

        String stdoutSoFar() throws IOException {
            return Files.readString(out.toPath(), StandardCharsets.UTF_8);
        }

        /** Closes the child's standard input (fixture apps that wait on it then finish). */
        Running closeInput() throws IOException {
            process.getOutputStream().close();
            return this;
        }

        Result await(int timeoutSeconds) throws Exception {
            boolean done = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!done) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Result result = new Result(done ? process.exitValue() : -1, stdoutSoFar(), stderrSoFar(), command);
            assertTrue(done, "child JVM did not finish in " + timeoutSeconds + " s\n" + result);
            return result;
        }
    }

    /** What a finished child printed, and how it ended. */
    static final class Result {
        final int exitCode;
        final String stdout;
        final String stderr;
        final List<String> command;

        Result(int exitCode, String stdout, String stderr, List<String> command) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
            this.command = command;
        }

        /** Lines of standard error written by the agent (logfmt). */
        List<String> agentLines() {
            return stderr.lines().filter(l -> l.contains(" logger=attune ")).collect(Collectors.toList());
        }

        /** Agent lines with {@code event=<event>}. */
        List<String> agentEvents(String event) {
            return agentLines().stream().filter(l -> l.contains(" event=" + event + " ") || l.endsWith(" event=" + event))
                    .collect(Collectors.toList());
        }

        @Override
        public String toString() {
            return "command: " + String.join(" ", command) + "\nexit: " + exitCode
                    + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }
}
