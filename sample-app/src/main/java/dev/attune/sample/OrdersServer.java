package dev.attune.sample;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.sun.net.httpserver.HttpServer;
import dev.attune.sample.downstream.InventoryClient;
import dev.attune.sample.downstream.InventoryItem;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The sample HTTP service on 127.0.0.1.
 *
 * <p>Thread topology: one JDK {@code HTTP-Dispatcher} thread accepts, parses and routes; {@code /orders/*} runs on
 * the bounded I/O pool ({@code orders-io-N}, blocks in the downstream on cache misses); {@code /compute} runs on the
 * bounded CPU pool ({@code orders-cpu-N}); {@code /health} is answered on the dispatcher itself so it stays
 * responsive when both pools are saturated. A full pool yields 503.
 */
final class OrdersServer implements AutoCloseable {

    private final HttpServer http;
    private final ThreadPoolExecutor ioPool;
    private final ThreadPoolExecutor cpuPool;
    private final LoadingCache<Long, InventoryItem> cache;
    private final InventoryClient inventory;
    private final LongAdder rejected = new LongAdder();

    private OrdersServer(ServiceConfig config) throws IOException {
        inventory = new InventoryClient(config.downstreamLatency(), config.downstreamJitter());
        cache = Caffeine.newBuilder()
                .maximumSize(config.cacheSize())
                // Run maintenance on the caller rather than ForkJoinPool.commonPool, so all the service's work
                // stays on the two named pools and the agent sees a clean thread topology.
                .executor(Runnable::run)
                .recordStats()
                .build(inventory::fetch);
        ioPool = boundedPool("orders-io", config.ioCore(), config.ioMax(), config.ioQueue());
        cpuPool = boundedPool("orders-cpu", config.cpuCore(), config.cpuMax(), config.cpuQueue());

        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 512);
        http.createContext(OrdersEndpoint.PREFIX,
                new OffloadingHandler(ioPool, new OrdersEndpoint(new OrderService(cache)), rejected));
        http.createContext("/compute",
                new OffloadingHandler(cpuPool, new ComputeEndpoint(new PriceCalculator()), rejected));
        http.createContext("/health", exchange -> EndpointReply.text(200, "ok").sendTo(exchange));
        // No server executor: handlers run on the dispatcher thread, and OffloadingHandler moves the real work off it.
        http.setExecutor(null);
    }

    /** Binds, starts and returns the server; {@code config.port() == 0} picks an ephemeral port. */
    static OrdersServer start(ServiceConfig config) throws IOException {
        OrdersServer server = new OrdersServer(config);
        server.http.start();
        return server;
    }

    int port() {
        return http.getAddress().getPort();
    }

    ThreadPoolExecutor ioPool() {
        return ioPool;
    }

    ThreadPoolExecutor cpuPool() {
        return cpuPool;
    }

    /** One line of service-side figures for the demo: cache hit ratio, downstream calls, 503s, pool peaks. */
    String statsLine() {
        CacheStats stats = cache.stats();
        return String.format("service: cache hit ratio %.1f%% (%d hits, %d misses), downstream fetches %d, "
                        + "rejected (503) %d, largest pools io=%d cpu=%d",
                stats.hitRate() * 100, stats.hitCount(), stats.missCount(), inventory.fetchCount(),
                rejected.sum(), ioPool.getLargestPoolSize(), cpuPool.getLargestPoolSize());
    }

    /**
     * One line with this process's CPU time so far, for benchmarks that compare whole-process cost with and
     * without the agent (the JVM's own figure, so no OS tool is needed).
     */
    static String processCpuLine() {
        long nanos = processCpuNanos();
        return nanos < 0 ? "process cpu: unknown" : String.format("process cpu: %.3f s", nanos / 1e9);
    }

    /** This process's CPU time so far in nanoseconds, or -1 when the JVM does not tell. */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    long rejectedCount() {
        return rejected.sum();
    }

    /** Stops accepting, then drains both pools (interrupting stragglers after a grace period). */
    @Override
    public void close() {
        http.stop(0);
        ioPool.shutdown();
        cpuPool.shutdown();
        boolean interrupted = false;
        for (ThreadPoolExecutor pool : new ThreadPoolExecutor[] {ioPool, cpuPool}) {
            try {
                if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                    pool.shutdownNow();
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadPoolExecutor boundedPool(String name, int core, int max, int queue) {
        // Default AbortPolicy on purpose: OffloadingHandler turns the rejection into a 503.
        return new ThreadPoolExecutor(core, max, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), new NamedThreadFactory(name));
    }
}
