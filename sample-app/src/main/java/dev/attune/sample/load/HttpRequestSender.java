package dev.attune.sample.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;

/**
 * Sends GETs to {@code 127.0.0.1:<port>} with {@link HttpClient#sendAsync}; responses complete on the sender's
 * {@value #WORKERS} daemon worker threads ({@code load-client-N}), never on the pacer thread.
 *
 * <p>Why a fixed pool of workers rather than the client's default: the default is a cached pool, which at a few
 * hundred requests a second keeps dozens of threads and starts and ends them as the load's moments come and go.
 * Those threads are the load generator's, not the service's, yet they are in the process the benchmarks measure:
 * a thread that ends between two readings of {@code /proc} takes its CPU time with it, and every thread start costs
 * the process (and JFR, when it runs, a thread checkpoint). A handful of fixed workers is ample for a response's
 * few microseconds of client work, and keeps the measured process's threads the same from start to end.
 */
public final class HttpRequestSender implements RequestSender {

    /** Threads that complete responses: far more than the client work of a few thousand requests a second needs. */
    static final int WORKERS = 4;

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
                .executor(workers())
                .build();
    }

    private static ForkJoinPool workers() {
        ForkJoinPool.ForkJoinWorkerThreadFactory named = pool -> {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            thread.setName("load-client-" + thread.getPoolIndex());
            return thread; // daemon, as every ForkJoinPool worker is
        };
        // asyncMode: responses are independent tasks, taken first in, first out. An hour's keep-alive (not the
        // default minute): a worker left idle through a quiet phase must not end and be started again. Spares as
        // the common pool allows them, should a task ever block.
        return new ForkJoinPool(WORKERS, named, null, true, 0, WORKERS + 256, 1, null, 1, TimeUnit.HOURS);
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
