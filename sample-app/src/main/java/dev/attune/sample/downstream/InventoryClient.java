package dev.attune.sample.downstream;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/** Simulated slow inventory service: every {@link #fetch} blocks the calling thread like a remote call would. */
public final class InventoryClient {

    private final long latencyMillis;
    private final long jitterMillis;
    private final LongAdder fetches = new LongAdder();

    /** Creates a client whose calls take {@code latency} ± {@code jitter} (uniform, whole milliseconds). */
    public InventoryClient(Duration latency, Duration jitter) {
        if (latency.isNegative() || jitter.isNegative() || jitter.compareTo(latency) > 0) {
            throw new IllegalArgumentException("need 0 <= jitter <= latency, got " + latency + " ± " + jitter);
        }
        this.latencyMillis = latency.toMillis();
        this.jitterMillis = jitter.toMillis();
    }

    /** Fetches one item, sleeping for the simulated network latency first (I/O-bound: the thread is parked, not busy). */
    public InventoryItem fetch(long id) {
        fetches.increment();
        long sleep = latencyMillis + (jitterMillis == 0
                ? 0 : ThreadLocalRandom.current().nextLong(-jitterMillis, jitterMillis + 1));
        if (sleep > 0) {
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                // Only happens when the pool is shut down under us: keep the flag for the pool, fail this call.
                Thread.currentThread().interrupt();
                throw new IllegalStateException("inventory fetch interrupted", e);
            }
        }
        return InventoryItem.forId(id);
    }

    /** Number of calls made to the downstream so far (cache misses, as seen from the service). */
    public long fetchCount() {
        return fetches.sum();
    }
}
