package dev.attune.sample.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Sends GETs to {@code 127.0.0.1:<port>} with {@link HttpClient#sendAsync}; responses complete on the client's own
 * daemon worker threads, never on the pacer thread.
 */
public final class HttpRequestSender implements RequestSender {

    private final HttpClient client;
    private final String base;
    private final Duration timeout;

    /** Targets the loopback address only: this generator is for local demos and tests, never a remote host. */
    public HttpRequestSender(int port, Duration timeout) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
        this.base = "http://127.0.0.1:" + port;
        this.timeout = timeout;
        // HTTP/1.1 explicitly: otherwise every new connection carries an h2c upgrade attempt the JDK server ignores.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    /** Sends {@code GET <path>}; the path must start with {@code /}. */
    @Override
    public CompletableFuture<Reply> send(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /, got " + path);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Reply(response.statusCode(), response.body()));
    }
}
