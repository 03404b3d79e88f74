package dev.attune.instrumentation.signals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a main class of these tests in a fresh JVM (same JDK, same class path) and keeps what it printed. */
final class ChildJvm {

    final int exitCode;
    final List<String> stdout;
    final List<String> stderr;

    private ChildJvm(int exitCode, List<String> stdout, List<String> stderr) {
        this.exitCode = exitCode;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static ChildJvm run(List<String> jvmArgs, Class<?> main, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Its output, and its temporary files (JFR's repository), go to target/, never to /tmp: a repeated run leaves
        // nothing behind that `mvn clean` does not remove.
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-tmp").toAbsolutePath()),
                "child");
        command.add("-Djava.io.tmpdir=" + Files.createDirectory(dir.resolve("tmp")));
        command.add("--add-exports");
        command.add("java.base/jdk.internal.misc=ALL-UNNAMED"); // Agrona, as in the surefire configuration
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("_JAVA_OPTIONS");
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child JVM did not finish: " + command);
        }
        return new ChildJvm(process.exitValue(), Files.readAllLines(out), Files.readAllLines(err));
    }

    /** The lines starting with {@code prefix}. */
    List<String> lines(String prefix) {
        return stdout.stream().filter(l -> l.startsWith(prefix)).toList();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + String.join("\n", stdout)
                + "\n--- stderr\n" + String.join("\n", stderr);
    }
}
