package dev.attune.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.it.fixture.ProbeApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The agent on JDK 25: same figures, pools found, and no JVM warning (no sun.misc.Unsafe, no boot-path CDS
 * notice).
 * The JDK is {@code ATTUNE_JDK25_HOME}, else the first JDK 25 under /usr/lib/jvm; without one, the test
 * is skipped and says so.
 */
class Jdk25Test {

    static Optional<Path> jdk25() throws IOException {
        String configured = System.getenv("ATTUNE_JDK25_HOME");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(h -> Files.isExecutable(h.resolve("bin/java"))).filter(h -> {
                try {
                    return Files.readString(h.resolve("release")).contains("JAVA_VERSION=\"25");
                } catch (IOException e) {
                    return false;
                }
            }).sorted().findFirst();
        }
    }

    private static Path requireJdk25() throws IOException {
        Optional<Path> home = jdk25();
        Assumptions.assumeTrue(home.isPresent(),
                "JDK 25 not found (set ATTUNE_JDK25_HOME or install one under /usr/lib/jvm): JDK 25 run SKIPPED");
        return home.get();
    }

    @Test
    void agentTimesMethodsOnJdk25WithoutAnyJvmWarning() throws Exception {
        Path home = requireJdk25();
        String work = ProbeApp.Work.class.getName();
        ForkedJvm.Result result = ForkedJvm.java().javaHome(home).agent(null)
                .property("attune.methods", work + "#call," + work + "#fail")
                .property("attune.interval", "200ms")
                .fixture(ProbeApp.class).args("--calls", "5000", "--report").run(60);
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("figure method=" + work + "#call totalCount=5000 totalErrors=0 "), result.toString());
        assertTrue(result.stdout.contains("figure method=" + work + "#fail totalCount=5000 totalErrors=500 "), result.toString());
        assertTrue(result.stderr.lines().filter(l -> !l.contains(" logger=attune "))
                        .noneMatch(l -> l.contains("WARNING") || l.contains("warning")),
                "no JVM warning on JDK 25\n" + result);
        assertEquals(1, result.agentEvents("agent_started").size(), result.toString());
    }

    @Test
    void sampleAppCheckRunsUnchangedOnJdk25() throws Exception {
        Path home = requireJdk25();
        ForkedJvm.Result plain = ForkedJvm.java().javaHome(home).jar(ForkedJvm.SAMPLE_JAR).args("check").run(120);
        ForkedJvm.Result with = ForkedJvm.java().javaHome(home).agent(null)
                .property("attune.methods", "dev.attune.sample.OrderService#place")
                .property("attune.interval", "200ms") // short enough for the pools to be named during the run
                .jar(ForkedJvm.SAMPLE_JAR).args("check").run(120);
        assertEquals(0, plain.exitCode, plain.toString());
        assertEquals(plain.exitCode, with.exitCode, with.toString());
        assertEquals(plain.stdout, with.stdout);
        assertTrue(with.stderr.lines().noneMatch(l -> l.contains("WARNING")), with.toString());
        assertTrue(with.agentEvents("agent_stopped").get(0).matches(".* events_recorded=[1-9][0-9]* .*"), with.toString());
        // java.util.concurrent instrumented on JDK 25 too: the service's pools are found, nothing breaks.
        assertTrue(with.agentEvents("pool_found").stream().anyMatch(l -> l.contains(" pool=orders-io ")),
                with.toString());
        assertTrue(with.stderr.lines().noneMatch(l -> l.contains("Error") && !l.contains("logger=attune")),
                with.toString());
    }
}
