package dev.attune.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.it.fixture.ProbeApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The agent's files on a machine other users and JVMs share: snapshot directories others may write to are refused,
 * two JVMs sharing one keep each other's snapshots, and a directory that is no path costs the snapshots only.
 * Each run fires one alert, which asks for one flight-recorder snapshot.
 */
class SharedFilesTest {

    private static final String WORK = ProbeApp.Work.class.getName();

    /** One alert that fires once the recording has run a while (twelve 300 ms intervals of slow calls). */
    private static ForkedJvm alerting(String agentArgs) {
        return ForkedJvm.java().agent(agentArgs)
                .property("attune.methods", WORK + "#pause")
                .property("attune.interval", "300ms")
                .property("attune.alert.slow-pause", WORK + "#pause p99 > 5ms for 12 intervals");
    }

    private static ForkedJvm.Result run(ForkedJvm jvm) throws Exception {
        ForkedJvm.Result result = jvm.fixture(ProbeApp.class).args("--calls", "10", "--slow-ms", "5000").run(90);
        assertEquals(0, result.exitCode, result.toString());
        assertEquals(1, result.agentEvents("agent_started").size(), result.toString());
        assertEquals(1, result.agentEvents("alert").stream().filter(l -> l.contains("state=firing")).count(),
                "the rest of the agent runs: " + result);
        return result;
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void twoJvmsSharingTheDirectoryKeepEachOthersSnapshots() throws Exception {
        Path dir = Scratch.dir("attune-jfr").resolve("shared");
        // Each JVM keeps one snapshot: a retention that counted the other's files would delete them.
        ForkedJvm.Result first = run(alerting(null).property("attune.jfr.dir", dir.toString())
                .property("attune.jfr.max-files", "1"));
        ForkedJvm.Result second = run(alerting(null).property("attune.jfr.dir", dir.toString())
                .property("attune.jfr.max-files", "1"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)),
                "created owner-only");
        List<String> names = names(dir);
        assertEquals(2, names.size(), names + "\n" + first + "\n" + second);
        assertTrue(names.get(0).matches("attune-slow-pause-\\d{8}T\\d{6}Z-pid\\d+\\.jfr")
                        && !names.get(0).replaceAll(".*-pid", "").equals(names.get(1).replaceAll(".*-pid", "")),
                names.toString());
        for (String name : names) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))));
        }
    }

    @Test
    void aDirectoryOthersMayWriteToIsRefusedAndTheAgentGoesOn() throws Exception {
        Path dir = Files.createDirectory(Scratch.dir("attune-jfr").resolve("open"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        ForkedJvm.Result plain = ForkedJvm.java().fixture(ProbeApp.class)
                .args("--calls", "10", "--slow-ms", "5000").run(90);
        ForkedJvm.Result result = run(alerting(null).property("attune.jfr.dir", dir.toString()));
        List<String> refused = result.agentEvents("jfr_dir_refused");
        assertEquals(1, refused.size(), result.toString());
        assertTrue(refused.get(0).contains("level=error") && refused.get(0).contains("group or others may write"),
                refused.get(0));
        assertEquals(List.of(), names(dir));
        assertEquals(plain.stdout, result.stdout, "the application's output is unchanged");
    }

    @Test
    void aDirectoryThatIsNoPathCostsTheSnapshotsOnly() throws Exception {
        Path config = Scratch.file("attune-bad-dir", ".properties");
        // A NUL character (written as an escape the properties format reads) is no path on any file system.
        Files.writeString(config, "attune.jfr.dir=bad\\u0000dir\n");
        ForkedJvm.Result result = run(alerting("config=" + config));
        List<String> refused = result.agentEvents("jfr_dir_refused");
        assertEquals(1, refused.size(), result.toString());
        assertTrue(refused.get(0).contains("not a valid path"), refused.get(0));
    }
}
