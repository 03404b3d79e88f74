package dev.attune.sample.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OpenLoopLoadTest {

    private static final Duration DRAIN = Duration.ofSeconds(2);

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aServerStallShowsInTheTailMeasuredFromIntendedTime() throws IOException {
        // Serial server (handlers run on its single dispatcher thread) that stalls 200 ms once: everything scheduled
        // during the stall waits behind it, and an open-loop client must see all of that waiting.
        AtomicInteger seen = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.createContext("/", exchange -> {
            if (seen.incrementAndGet() == 100) {
                sleep(200);
            }
            exchange.sendResponseHeaders(200, 2);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write("ok".getBytes());
            }
        });
        server.start();
        try {
            OpenLoopLoad load = new OpenLoopLoad(new HttpRequestSender(server.getAddress().getPort(),
                    Duration.ofSeconds(5)), () -> "/x", 512, DRAIN);
            PhaseResult result = load.run(List.of(Phase.parse("1s@400"))).total();
            assertEquals(400, result.sent());
            assertEquals(400, result.ok());
            assertTrue(result.p99Micros() >= 150_000, "p99 " + result.p99Micros() + " us");
            assertTrue(result.maxMicros() >= 190_000, "max " + result.maxMicros() + " us");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aStalledSenderIsChargedToTheRequestsItDelayed() {
        // Every reply is instant, but one send blocks the pacer for 200 ms (a GC pause, a closed-loop client).
        // Service time is ~0 for all requests; only measuring from the intended time reveals the ~40 late ones.
        AtomicInteger calls = new AtomicInteger();
        RequestSender sender = path -> {
            if (calls.incrementAndGet() == 50) {
                sleep(200);
            }
            return CompletableFuture.completedFuture(new Reply(200, "ok"));
        };
        LoadReport report = new OpenLoopLoad(sender, () -> "/x", 100, DRAIN)
                .run(List.of(Phase.parse("200ms@200"), Phase.parse("1s@200")));
        PhaseResult calm = report.phases().get(0);
        PhaseResult stalled = report.phases().get(1);
        assertEquals(40, calm.sent());
        assertEquals(200, stalled.sent());
        assertEquals(240, report.total().ok());
        assertTrue(calm.p50Micros() < 100_000, "calm p50 " + calm.p50Micros());
        assertTrue(stalled.p99Micros() >= 150_000, "stalled p99 " + stalled.p99Micros());
        assertTrue(stalled.maxMicros() >= 190_000, "stalled max " + stalled.maxMicros());
    }

    @Test
    void inFlightBoundDropsAndUnansweredRequestsTimeOut() {
        RequestSender neverAnswers = path -> new CompletableFuture<>();
        PhaseResult result = new OpenLoopLoad(neverAnswers, () -> "/x", 5, Duration.ofMillis(100))
                .run(List.of(Phase.parse("200ms@100"))).total();
        assertEquals(5, result.sent());
        assertEquals(15, result.dropped());
        assertEquals(5, result.timeouts());
        assertEquals(0, result.ok());
    }

    @Test
    void classifiesRepliesFailuresAndTimeouts() {
        AtomicInteger calls = new AtomicInteger();
        RequestSender sender = path -> {
            switch (calls.incrementAndGet() % 5) {
                case 1: return CompletableFuture.completedFuture(new Reply(503, "busy"));
                case 2: return CompletableFuture.completedFuture(new Reply(500, "oops"));
                case 3: return CompletableFuture.failedFuture(new HttpTimeoutException("slow"));
                case 4: return CompletableFuture.failedFuture(new IOException("reset"));
                default: return CompletableFuture.completedFuture(new Reply(200, "ok"));
            }
        };
        AtomicInteger listened = new AtomicInteger();
        PhaseResult r = new OpenLoopLoad(sender, () -> "/x", 10, DRAIN)
                .run(List.of(Phase.parse("100ms@100")), (path, reply) -> listened.incrementAndGet()).total();
        assertEquals(10, r.sent());
        assertEquals(2, r.ok());
        assertEquals(6, r.errors());
        assertEquals(2, r.unavailable());
        assertEquals(2, r.timeouts());
        assertEquals(10, r.measured());
        assertEquals(6, listened.get());
    }

    @Test
    void trafficMixIsReproducibleAndRespectsThePercentage() {
        TrafficMix a = new TrafficMix(20, 1000, 7, 1);
        TrafficMix b = new TrafficMix(20, 1000, 7, 1);
        int compute = 0;
        for (int i = 0; i < 1000; i++) {
            String path = a.get();
            assertEquals(path, b.get());
            compute += path.equals("/compute?n=7") ? 1 : 0;
            assertTrue(path.startsWith("/orders/") || path.equals("/compute?n=7"), path);
        }
        assertTrue(compute > 120 && compute < 280, "compute share " + compute);
        assertTrue(new TrafficMix(0, 10, 1, 1).get().startsWith("/orders/"));
    }
}
