package dev.attune.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OrdersServerTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static ServiceConfig config(int ioCore, int ioMax, int ioQueue, int latencyMillis) {
        return new ServiceConfig(0, ioCore, ioMax, ioQueue, 1, 1, 4, 100,
                Duration.ofMillis(latencyMillis), Duration.ZERO);
    }

    private static HttpRequest get(OrdersServer server, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(5)).build();
    }

    private static HttpResponse<String> send(OrdersServer server, String path) throws Exception {
        return CLIENT.send(get(server, path), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersOrdersComputeAndHealthOnTheirOwnPools() throws Exception {
        try (OrdersServer server = OrdersServer.start(config(2, 2, 10, 1))) {
            assertTrue(server.port() > 0);

            HttpResponse<String> order = send(server, "/orders/42");
            assertEquals(200, order.statusCode());
            assertTrue(order.body().startsWith("{\"itemId\":42,\"sku\":\"SKU-42\""), order.body());
            // Same id again: a cache hit must return the identical body.
            assertEquals(order.body(), send(server, "/orders/42").body());

            HttpResponse<String> compute = send(server, "/compute?n=1000");
            assertEquals(200, compute.statusCode());
            assertTrue(compute.body().startsWith("{\"n\":1000,\"priceCents\":"), compute.body());

            HttpResponse<String> health = send(server, "/health");
            assertEquals(200, health.statusCode());
            assertEquals("ok", health.body());

            assertEquals(2, server.ioPool().getCompletedTaskCount());
            assertEquals(1, server.cpuPool().getCompletedTaskCount());
            // Agent configs and the tuner identify the pools by these thread names.
            Set<String> names = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .collect(Collectors.toSet());
            assertTrue(names.contains("orders-io-1"), names.toString());
            assertTrue(names.contains("orders-cpu-1"), names.toString());
        }
    }

    @Test
    void badInputIsA400() throws Exception {
        try (OrdersServer server = OrdersServer.start(config(1, 1, 10, 0))) {
            assertEquals(400, send(server, "/orders/abc").statusCode());
            assertEquals(400, send(server, "/compute?n=0").statusCode());
            assertEquals(400, send(server, "/compute?n=x").statusCode());
            assertEquals(404, send(server, "/nothing-here").statusCode());
        }
    }

    @Test
    void fullQueueIsA503AndTheServerKeepsServing() throws Exception {
        // One thread and one queue slot, 300 ms per downstream call: of 6 simultaneous misses, at most 2 fit.
        try (OrdersServer server = OrdersServer.start(config(1, 1, 1, 300))) {
            List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
            for (int id = 0; id < 6; id++) {
                replies.add(CLIENT.sendAsync(get(server, "/orders/" + id), HttpResponse.BodyHandlers.ofString()));
            }
            int ok = 0;
            int unavailable = 0;
            for (CompletableFuture<HttpResponse<String>> reply : replies) {
                int status = reply.get().statusCode();
                assertTrue(status == 200 || status == 503, "status " + status);
                ok += status == 200 ? 1 : 0;
                unavailable += status == 503 ? 1 : 0;
            }
            assertTrue(ok >= 1, "ok " + ok);
            assertTrue(unavailable >= 1, "503s " + unavailable);
            assertEquals(unavailable, server.rejectedCount());
            assertEquals(200, send(server, "/health").statusCode());
            assertEquals(200, send(server, "/orders/7").statusCode());
        }
    }
}
