package dev.attune.sample.load;

import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Live counters and latency histogram of one phase. The pacer thread counts sends and drops; completion threads
 * (many, concurrently) record outcomes, hence ConcurrentHistogram and LongAdder.
 */
final class PhaseRecorder {

    /** Latencies above this are clamped rather than lost; far beyond any request timeout we use. */
    static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final String label;
    private final Phase phase;
    private final ConcurrentHistogram latencyMicros = new ConcurrentHistogram(MAX_MICROS, 3);
    private final LongAdder sent = new LongAdder();
    private final LongAdder ok = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder unavailable = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder timeouts = new LongAdder();

    PhaseRecorder(String label, Phase phase) {
        this.label = label;
        this.phase = phase;
    }

    void sent() {
        sent.increment();
    }

    void dropped() {
        dropped.increment();
    }

    /** Records a reply; non-2xx (including 503) is an error, but its latency counts like any other. */
    void reply(long latencyNanos, int status) {
        record(latencyNanos);
        if (status >= 200 && status < 300) {
            ok.increment();
        } else {
            errors.increment();
            if (status == 503) {
                unavailable.increment();
            }
        }
    }

    /** Records a request that got no reply: a timeout, or a transport failure (counted as an error). */
    void failure(long latencyNanos, Throwable failure) {
        // A timed-out request really did wait that long; leaving it out would flatter the tail.
        record(latencyNanos);
        if (unwrap(failure) instanceof HttpTimeoutException) {
            timeouts.increment();
        } else {
            errors.increment();
        }
    }

    PhaseResult snapshot() {
        return result(label, phase.ratePerSecond(), phase.duration().toNanos(), List.of(this));
    }

    /** Sums several phases; the rate shown is the overall scheduled rate over their summed duration. */
    static PhaseResult total(String label, List<PhaseRecorder> phases) {
        long nanos = 0;
        long scheduled = 0;
        for (PhaseRecorder p : phases) {
            nanos += p.phase.duration().toNanos();
            scheduled += p.phase.requestCount();
        }
        return result(label, scheduled / (nanos / 1e9), nanos, phases);
    }

    private static PhaseResult result(String label, double rate, long nanos, List<PhaseRecorder> phases) {
        Histogram merged = new Histogram(MAX_MICROS, 3);
        long sent = 0;
        long ok = 0;
        long errors = 0;
        long unavailable = 0;
        long dropped = 0;
        long timeouts = 0;
        for (PhaseRecorder p : phases) {
            merged.add(p.latencyMicros);
            sent += p.sent.sum();
            ok += p.ok.sum();
            errors += p.errors.sum();
            unavailable += p.unavailable.sum();
            dropped += p.dropped.sum();
            timeouts += p.timeouts.sum();
        }
        // Requests still unanswered after the drain deadline are reported as timeouts, so sent always adds up.
        timeouts += Math.max(0, sent - ok - errors - timeouts);
        return new PhaseResult(label, rate, nanos, sent, ok, errors, unavailable, dropped, timeouts,
                merged.getTotalCount(), percentile(merged, 50), percentile(merged, 99), percentile(merged, 99.9),
                merged.getMaxValue());
    }

    private static long percentile(AbstractHistogram h, double p) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(p);
    }

    private void record(long latencyNanos) {
        long micros = Math.max(0, TimeUnit.NANOSECONDS.toMicros(latencyNanos));
        latencyMicros.recordValue(Math.min(micros, MAX_MICROS));
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
