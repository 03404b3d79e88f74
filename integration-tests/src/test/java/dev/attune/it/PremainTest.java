package dev.attune.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.it.fixture.RecordingLoggerFinder;
import dev.attune.it.fixture.StartApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What premain does to the application: nothing of its logging (its {@code System.LoggerFinder} is first loaded
 * after its {@code main} has started, never during premain), and little of its start-up time.
 */
class PremainTest {

    private static final String APP = StartApp.class.getName();

    /** The agent as a user would start it: method timing on the fixture, pool tuning and signals by default. */
    private static ForkedJvm withAgent() {
        return ForkedJvm.java().agent(null).property("attune.methods", APP + "#work");
    }

    @Test
    void theApplicationsLoggerFinderIsFirstUsedAfterMainStarted() throws Exception {
        // The services file in a directory of its own: on the fixture classes' path it would apply to every fixture.
        Path services = Scratch.dir("logger-finder");
        Path file = services.resolve("META-INF/services/java.lang.System$LoggerFinder");
        Files.createDirectories(file.getParent());
        Files.writeString(file, RecordingLoggerFinder.class.getName() + "\n");

        ForkedJvm.Result result = withAgent().fixture(StartApp.class, services.toString()).args("--work").run(60);
        assertEquals(0, result.exitCode, result.toString());
        assertEquals(1, result.agentEvents("agent_started").size(), result.toString());
        List<String> lines = result.stdout.lines().toList();
        int main = lines.indexOf("main-started");
        int finder = firstIndexStartingWith(lines, "loggerfinder-first-used");
        assertTrue(finder >= 0, "the fixture's finder is registered and used by main: " + result);
        assertTrue(main >= 0 && main < finder, "first used after main started, never in premain: " + result);
    }

    @Test
    void premainTakesLittleTime() throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ForkedJvm.Result result = withAgent().fixture(StartApp.class).run(60);
            assertEquals(0, result.exitCode, result.toString());
            String started = result.agentEvents("agent_started").get(0);
            millis.add(Long.parseLong(started.replaceAll(".* premain_ms=(\\d+).*", "$1")));
        }
        Collections.sort(millis);
        // The agent logs its own start-up. With a pattern, premain is mostly Byte Buddy's first use (its classes
        // loaded and run cold); the bound leaves room for a loaded 2-core machine, so that a regression such as
        // premain waiting on I/O or on a thread, or describing every loaded class again, fails it.
        assertTrue(millis.get(1) < 2_000, "median premain_ms of " + millis);
    }

    private static int firstIndexStartingWith(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
