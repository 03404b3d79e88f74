package dev.attune.sample.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Open-loop load generator: a constant arrival rate per phase, independent of how fast the server answers.
 *
 * <p>Algorithm. The calling thread is the pacer. For request {@code i} of a phase starting at {@code t0} with rate
 * {@code r}, the intended send time is {@code t0 + i / r}, computed from the phase start rather than by adding
 * intervals, so rounding never drifts. The pacer parks until that time, then starts the request with a
 * non-blocking {@link RequestSender#send} and moves on; it never waits for a response. If the pacer falls behind
 * (GC pause, descheduling, a slow {@code send}), it sends the overdue requests back to back but keeps their original
 * intended times.
 *
 * <p>Coordinated omission. A closed-loop client that waits for each reply stops sending while the server stalls,
 * so the stall shows up as one slow request instead of the many that real users would have queued behind it.
 * Here latency is {@code completion time - intended send time}: every request scheduled during a stall, and any
 * lateness of the pacer itself, counts in full.
 *
 * <p>Bounds. At most {@code maxInFlight} requests are outstanding; a request due while the bound is reached is not
 * sent and is counted as dropped (it is reported, never silently skipped). The run ends after the last phase plus at
 * most {@code drainTimeout} for stragglers, which then count as timeouts.
 */
public final class OpenLoopLoad {

    private final RequestSender sender;
    private final Supplier<String> paths;
    private final int maxInFlight;
    private final Duration drainTimeout;

    /** Creates a generator sending paths from {@code paths} through {@code sender}, with bounded in-flight count. */
    public OpenLoopLoad(RequestSender sender, Supplier<String> paths, int maxInFlight, Duration drainTimeout) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be >= 1, got " + maxInFlight);
        }
        this.sender = sender;
        this.paths = paths;
        this.maxInFlight = maxInFlight;
        this.drainTimeout = drainTimeout;
    }

    /** Runs all phases on the calling thread and returns when they are done and drained. */
    public LoadReport run(List<Phase> phases) {
        return run(phases, (path, reply) -> { });
    }

    /** As {@link #run(List)}, also handing every reply to {@code onReply} (called concurrently, from client threads). */
    public LoadReport run(List<Phase> phases, BiConsumer<String, Reply> onReply) {
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("no phases");
        }
        Semaphore inFlight = new Semaphore(maxInFlight);
        List<PhaseRecorder> recorders = new ArrayList<>();
        // Small lead so the first intended time is not already in the past when the loop starts.
        long phaseStart = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
        for (int p = 0; p < phases.size(); p++) {
            Phase phase = phases.get(p);
            PhaseRecorder recorder = new PhaseRecorder((p + 1) + " " + phase, phase);
            recorders.add(recorder);
            double intervalNanos = 1e9 / phase.ratePerSecond();
            long count = phase.requestCount();
            for (long i = 0; i < count; i++) {
                long intended = phaseStart + (long) (i * intervalNanos);
                parkUntil(intended);
                if (!inFlight.tryAcquire()) {
                    recorder.dropped();
                    continue;
                }
                send(recorder, intended, inFlight, onReply);
            }
            phaseStart += phase.duration().toNanos();
        }
        parkUntil(phaseStart);
        drain(inFlight);
        List<PhaseResult> results = new ArrayList<>();
        for (PhaseRecorder recorder : recorders) {
            results.add(recorder.snapshot());
        }
        return new LoadReport(results, PhaseRecorder.total("total", recorders));
    }

    private void send(PhaseRecorder recorder, long intended, Semaphore inFlight, BiConsumer<String, Reply> onReply) {
        String path = paths.get();
        recorder.sent();
        CompletableFuture<Reply> reply;
        try {
            reply = sender.send(path);
        } catch (RuntimeException failure) {
            reply = CompletableFuture.failedFuture(failure);
        }
        reply.whenComplete((r, failure) -> {
            try {
                long latency = System.nanoTime() - intended;
                if (failure != null) {
                    recorder.failure(latency, failure);
                } else {
                    recorder.reply(latency, r.status());
                    onReply.accept(path, r);
                }
            } finally {
                inFlight.release();
            }
        });
    }

    private void drain(Semaphore inFlight) {
        try {
            if (inFlight.tryAcquire(maxInFlight, drainTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                inFlight.release(maxInFlight);
            }
        } catch (InterruptedException e) {
            // Report what we have; the unanswered requests are counted as timeouts by the snapshot.
            Thread.currentThread().interrupt();
        }
    }

    private static void parkUntil(long deadline) {
        long remaining;
        while ((remaining = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }
}
