package dev.attune.tuner.aggregate;

/**
 * Calls, throws, summed and longest duration of one method over a span: the figures a method keeps when it has
 * no histogram (counts only), and kept beside the histograms anyway, as they cost a few longs. Agent thread only.
 */
final class CallCounts {

    long calls;
    long errors;
    long sumNanos;
    long maxNanos;

    void record(long nanos, boolean threw) {
        calls++;
        sumNanos += nanos;
        maxNanos = Math.max(maxNanos, nanos);
        if (threw) {
            errors++;
        }
    }

    void record(long nanos, long count) {
        calls += count;
        sumNanos += nanos * count;
        maxNanos = Math.max(maxNanos, nanos);
    }

    void addTo(CallCounts total) {
        total.calls += calls;
        total.errors += errors;
        total.sumNanos += sumNanos;
        total.maxNanos = Math.max(total.maxNanos, maxNanos);
    }

    void reset() {
        calls = 0;
        errors = 0;
        sumNanos = 0;
        maxNanos = 0;
    }

    double meanNanos() {
        return calls > 0 ? (double) sumNanos / calls : 0;
    }
}
