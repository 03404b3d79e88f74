package dev.attune.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.it.fixture.LoaderLeakApp;
import dev.attune.it.fixture.WebApp;
import org.junit.jupiter.api.Test;

/**
 * The agent keeps no class loader of the application's alive: 200 web-application loaders, each loading timed
 * classes and running a pool of its own, are all collected in a 64 MB heap while the agent times and tunes.
 */
class ClassLoaderLeakTest {

    @Test
    void everyDroppedLoaderIsCollected() throws Exception {
        ForkedJvm.Result result = ForkedJvm.java().agent(null)
                .jvmArg("-Xmx64m")
                .property("attune.methods", WebApp.class.getName() + "#*")
                .property("attune.interval", "200ms")
                .fixture(LoaderLeakApp.class).args(System.getProperty("attune.fixture.classes"), "200").run(300);
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("loaders=200 collected=200"), result.toString());
        assertEquals(1, result.agentEvents("agent_started").size(), result.toString());
        String stopped = result.agentEvents("agent_stopped").get(0);
        long recorded = Long.parseLong(stopped.replaceAll(".* events_recorded=(\\d+).*", "$1"));
        assertTrue(recorded >= 200 * 70, "every web application's calls were timed: " + stopped);
        assertTrue(result.agentEvents("pool_found").stream().filter(l -> l.contains("webapp")).count() > 0,
                "the web applications' pools were found: " + result);
    }
}
