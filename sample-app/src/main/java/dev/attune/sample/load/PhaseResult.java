package dev.attune.sample.load;

/**
 * Outcome of one phase (or of the whole run). Latencies are measured from each request's intended send time, in
 * microseconds, over every request that was sent (replies of any status, and timeouts).
 *
 * @param sent        requests actually sent (scheduled minus dropped)
 * @param ok          2xx replies
 * @param errors      non-2xx replies (including 503) and transport failures
 * @param unavailable the 503 replies among {@code errors}
 * @param dropped     scheduled requests not sent because the in-flight bound was reached
 * @param timeouts    requests with no reply within the timeout
 */
public record PhaseResult(String label, double targetRate, long durationNanos,
                          long sent, long ok, long errors, long unavailable, long dropped, long timeouts,
                          long measured, long p50Micros, long p99Micros, long p999Micros, long maxMicros) {

    /** Successful replies per second of the phase's scheduled duration (goodput). */
    public double okPerSecond() {
        return ok / (durationNanos / 1e9);
    }
}
