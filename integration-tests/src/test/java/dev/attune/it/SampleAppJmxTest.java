package dev.attune.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The sample service with the agent and its demo configuration: the test sends a known number of
 * requests and reads what the agent measured over a real JMX connection.
 */
class SampleAppJmxTest {

    private static final File DEMO_CONFIG = new File(ForkedJvm.SAMPLE_JAR.getParentFile().getParentFile(),
            "attune-demo.properties");

    @Test
    void agentCountsEveryRequestAndSeesTheSlowDownstream() throws Exception {
        // A system property overrides the file: the demo keeps summaries off, this test reads the totals.
        ForkedJvm.Running app = ForkedJvm.java().agent("config=" + DEMO_CONFIG.getAbsolutePath())
                .property("attune.log.summary", "true").jar(ForkedJvm.SAMPLE_JAR).args("serve", "--port", "0").start();
        try {
            Waits.until(() -> app.stdoutSoFar().contains("listening on"), 60, "the service to listen");
            Matcher m = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(app.stdoutSoFar());
            assertTrue(m.find(), app.stdoutSoFar());
            String base = "http://127.0.0.1:" + m.group(1);
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 200; i++) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/orders/" + (i * 37 % 5000)))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), r.body());
            }
            for (int i = 0; i < 50; i++) {
                assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "/compute?n=20000")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode());
            }
            try (JmxClient jmx = JmxClient.connect(app.pid())) {
                String place = "dev.attune:type=Method,name=dev.attune.sample.OrderService#place";
                String fetch = "dev.attune:type=Method,name=dev.attune.sample.downstream.InventoryClient#fetch";
                String compute = "dev.attune:type=Method,name=dev.attune.sample.PriceCalculator#compute";
                Waits.until(() -> !jmx.names(compute).isEmpty() && (Long) jmx.get(compute, "TotalCount") == 50L, 30,
                        "figures for every request");
                assertEquals(200L, jmx.get(place, "TotalCount"));
                long fetches = (Long) jmx.get(fetch, "TotalCount");
                assertTrue(fetches > 0 && fetches <= 200, "the cache lets some requests skip the downstream: " + fetches);
                double fetchP50 = (Double) jmx.get(fetch, "TotalP50Micros");
                assertTrue(fetchP50 >= 2_500, "the downstream sleeps about 5 ms: p50 " + fetchP50 + " us");
                assertTrue((Double) jmx.get(place, "TotalMaxMicros") >= fetchP50,
                        "place() includes the downstream call");
                assertEquals(0L, jmx.get("dev.attune:type=Agent", "EventsDropped"));
            }
        } finally {
            app.process.destroy(); // SIGTERM: the service and the agent shut down cleanly
        }
        ForkedJvm.Result result = app.await(60);
        assertTrue(result.agentEvents("agent_stopped").size() == 1, result.toString());
        assertTrue(result.agentEvents("method_total").stream()
                .anyMatch(l -> l.contains("method=dev.attune.sample.OrderService#place count=200 ")), result.toString());
    }
}
