package dev.attune.sample;

import java.time.Duration;

/** Sizing of the service: port, both bounded pools, the cache and the simulated downstream. */
record ServiceConfig(int port,
                     int ioCore, int ioMax, int ioQueue,
                     int cpuCore, int cpuMax, int cpuQueue,
                     int cacheSize,
                     Duration downstreamLatency, Duration downstreamJitter) {

    ServiceConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        requirePool("io", ioCore, ioMax, ioQueue);
        requirePool("cpu", cpuCore, cpuMax, cpuQueue);
        if (cacheSize < 1) {
            throw new IllegalArgumentException("cache size must be >= 1, got " + cacheSize);
        }
        if (downstreamLatency.isNegative() || downstreamJitter.isNegative()
                || downstreamJitter.compareTo(downstreamLatency) > 0) {
            throw new IllegalArgumentException("need 0 <= downstream jitter <= latency");
        }
    }

    /**
     * Defaults for a 2-core machine. The I/O pool is deliberately small with a deep queue: a
     * {@code ThreadPoolExecutor} only grows past its core size once the queue is full, so under a load spike requests
     * queue (and p99 climbs) long before extra threads appear. That is the mis-tuning the tuner is meant to find.
     * The CPU pool matches the core count, which is already right for CPU-bound work.
     */
    static ServiceConfig defaults() {
        return new ServiceConfig(0, 2, 16, 200, 2, 2, 64, 1_000, Duration.ofMillis(5), Duration.ofMillis(2));
    }

    /** Applies the service options ({@code --port}, {@code --io-core}, ...) over the defaults. */
    static ServiceConfig from(CliOptions options) {
        ServiceConfig d = defaults();
        return new ServiceConfig(
                options.intValue("port", d.port()),
                options.intValue("io-core", d.ioCore()),
                options.intValue("io-max", d.ioMax()),
                options.intValue("io-queue", d.ioQueue()),
                options.intValue("cpu-core", d.cpuCore()),
                options.intValue("cpu-max", d.cpuMax()),
                options.intValue("cpu-queue", d.cpuQueue()),
                options.intValue("cache-size", d.cacheSize()),
                options.duration("downstream-latency", d.downstreamLatency()),
                options.duration("downstream-jitter", d.downstreamJitter()));
    }

    /** The option names {@link #from} understands. */
    static final String[] OPTIONS = {
        "port", "io-core", "io-max", "io-queue", "cpu-core", "cpu-max", "cpu-queue",
        "cache-size", "downstream-latency", "downstream-jitter"
    };

    String describe() {
        return String.format("io pool %d..%d threads (queue %d), cpu pool %d..%d threads (queue %d), "
                        + "cache %d entries, downstream %d ms ± %d ms",
                ioCore, ioMax, ioQueue, cpuCore, cpuMax, cpuQueue, cacheSize,
                downstreamLatency.toMillis(), downstreamJitter.toMillis());
    }

    private static void requirePool(String name, int core, int max, int queue) {
        if (core < 1 || max < core || queue < 1) {
            throw new IllegalArgumentException(
                    name + " pool needs 1 <= core <= max and queue >= 1, got " + core + "/" + max + "/" + queue);
        }
    }
}
