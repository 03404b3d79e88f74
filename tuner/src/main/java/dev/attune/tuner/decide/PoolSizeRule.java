package dev.attune.tuner.decide;

import java.util.Locale;

/**
 * Decides the core size of one thread pool from one interval's sample at a time.
 *
 * <p>Algorithm, in order of precedence:
 * <ol>
 *   <li><b>Verify.</b> After an action the rule watches {@link #VERIFY_INTERVALS} intervals and compares them with
 *   the interval before it. A grow is worse when queue wait rose (beyond the margin) without more throughput,
 *   when throughput fell while arrivals did not, or when the service-level p99 rose; a shrink is worse when queue
 *   wait rose above the waiting threshold. Worse means revert to the previous size and back off: the cooldown
 *   doubles for each revert in a row (up to 16 times).</li>
 *   <li><b>Hold</b> while the breaker is open, before {@code minSamples} intervals, and during the cooldown.</li>
 *   <li><b>Grow</b> when tasks wait: rejections, or a queue whose wait p99 is above the threshold (the configured
 *   target, else 3 times the learned baseline and at least 1 ms). If the pool's busy time is mostly blocked
 *   (at least half off CPU) and the process has CPU headroom, the size goes straight to what Little's law says is
 *   needed: concurrency = arrival rate × mean run time, at {@link #TARGET_UTILIZATION} (so 100/s of 40 ms tasks
 *   need 4 threads busy, 5.3 at 75%). If the work is CPU-bound, more threads than cores cannot help: the pool
 *   grows only up to the cores available, and never while the process is CPU-saturated.</li>
 *   <li><b>Shrink</b> slowly when utilization stays below {@link #LOW_UTILIZATION} for {@link #SHRINK_AFTER}
 *   intervals in a row and nothing waits: halfway back towards what is needed, never below the minimum (by
 *   default the application's own core size).</li>
 * </ol>
 * Every change is clamped to the bounds and to {@code maxStep}. The baseline of queue wait is an average of the
 * intervals in which nothing waited, so no user target is needed.
 *
 * <p>Not thread-safe: one instance per pool, called from the agent thread only.
 */
public final class PoolSizeRule {

    /** Intervals watched after an action before it is judged. */
    public static final int VERIFY_INTERVALS = 3;
    /** Relative change that counts as better or worse. */
    public static final double MARGIN = 0.2;
    /** Process CPU load (of the cores available) at which the process counts as CPU-saturated. */
    public static final double CPU_SATURATED = 0.85;
    /** Share of busy time off CPU above which a pool's work counts as blocking (I/O-bound). */
    public static final double BLOCKED = 0.5;
    /** Utilization Little's law sizes for, leaving room for bursts. */
    public static final double TARGET_UTILIZATION = 0.75;
    /** Utilization below which a pool counts as oversized. */
    public static final double LOW_UTILIZATION = 0.3;
    /** Consecutive low intervals before a shrink. */
    public static final int SHRINK_AFTER = 5;

    private static final long MIN_WAIT_THRESHOLD_NANOS = 1_000_000;
    private static final int MAX_BACKOFF = 16;

    private PoolBounds bounds;
    private int samples;
    private int sinceAction = Integer.MAX_VALUE / 2;
    private int lowStreak;
    private double baselineWaitNanos = Double.NaN;
    private int backoff = 1;

    // The action under verification, if any.
    private PoolDecision pending;
    private PoolSample before;
    private int verifyLeft;
    private double afterWait;
    private double afterCompleted;
    private double afterArrivals;
    private double afterSlo;
    private int afterSloCount;

    /** Creates the rule with its bounds. */
    public PoolSizeRule(PoolBounds bounds) {
        this.bounds = bounds;
    }

    /** Replaces the bounds (a pinned size, a new configuration). */
    public void bounds(PoolBounds newBounds) {
        this.bounds = newBounds;
    }

    /** The current bounds. */
    public PoolBounds bounds() {
        return bounds;
    }

    /** Baseline queue wait p99 learned so far, in nanoseconds (NaN until learned). */
    public double baselineWaitNanos() {
        return baselineWaitNanos;
    }

    /**
     * Decides for the interval just ended.
     *
     * @param s      the pool's sample
     * @param p      the process's signals
     * @param paused true while the circuit breaker is open: only holds (and no verification verdict) then
     */
    public PoolDecision decide(PoolSample s, ProcessSample p, boolean paused) {
        samples++;
        sinceAction++;
        int core = s.coreSize();
        String evidence = evidence(s, p);
        if (pending != null) {
            PoolDecision verdict = verify(s, core, evidence);
            if (verdict != null) {
                return verdict;
            }
        }
        if (paused) {
            return PoolDecision.hold(core, "paused: the circuit breaker is open", evidence);
        }
        long threshold = waitThresholdNanos();
        boolean waiting = s.rejected() > 0 || (s.queued() > 0 && s.queueWaitP99Nanos() > threshold);
        if (!waiting) {
            learnBaseline(s);
        }
        if (samples < bounds.minSamples()) {
            return PoolDecision.hold(core, "learning: " + samples + " of " + bounds.minSamples() + " samples",
                    evidence);
        }
        if (sinceAction < bounds.cooldownIntervals() * backoff) {
            return PoolDecision.hold(core, "cooldown after the last change", evidence);
        }
        return waiting ? grow(s, p, core, evidence) : shrinkOrHold(s, core, evidence);
    }

    private PoolDecision grow(PoolSample s, ProcessSample p, int core, String evidence) {
        lowStreak = 0;
        boolean blocking = !Double.isNaN(s.blockedShare()) && s.blockedShare() >= BLOCKED;
        boolean saturated = p.cpuLoad() >= CPU_SATURATED;
        int wanted;
        if (!blocking) {
            if (saturated) {
                return PoolDecision.hold(core, "tasks wait but the work is CPU-bound and the process is"
                        + " CPU-saturated: more threads would make it worse", evidence);
            }
            int cores = (int) Math.max(1, Math.floor(p.coresAvailable()));
            if (core >= cores) {
                return PoolDecision.hold(core, "tasks wait but the work is CPU-bound and the pool already has a"
                        + " thread per core", evidence);
            }
            wanted = cores;
        } else {
            if (saturated) {
                return PoolDecision.hold(core, "tasks wait on blocked threads but the process is CPU-saturated",
                        evidence);
            }
            wanted = Math.max(core + 1, littlesLaw(s));
        }
        int target = bounds.clamp(Math.min(wanted, core + bounds.maxStep()));
        if (target <= core) {
            return PoolDecision.hold(core, "tasks wait but the pool is at its maximum of " + bounds.max(), evidence);
        }
        String why = blocking
                ? String.format(Locale.ROOT, "tasks wait and threads are mostly blocked: Little's law asks for %d"
                        + " threads (%.1f/s x %.1f ms at %.0f%% busy)", wanted, s.arrivalsPerSec(),
                        s.runMeanNanos() / 1e6, TARGET_UTILIZATION * 100)
                : "tasks wait on CPU-bound work and the process has CPU headroom: up to a thread per core";
        return act(new PoolDecision(PoolDecision.Action.GROW, core, target, why, evidence), s);
    }

    private PoolDecision shrinkOrHold(PoolSample s, int core, String evidence) {
        if (s.utilization() < LOW_UTILIZATION && core > bounds.min()) {
            lowStreak++;
        } else {
            lowStreak = 0;
        }
        if (lowStreak < SHRINK_AFTER) {
            return PoolDecision.hold(core, "no task waits", evidence);
        }
        lowStreak = 0;
        int needed = Math.max(bounds.min(), littlesLaw(s));
        int target = bounds.clamp(Math.max(needed, core - Math.max(1, (core - needed) / 2)));
        target = Math.max(target, core - bounds.maxStep());
        if (target >= core) {
            return PoolDecision.hold(core, "no task waits", evidence);
        }
        String why = String.format(Locale.ROOT, "utilization below %.0f%% for %d intervals: halfway back towards %d",
                LOW_UTILIZATION * 100, SHRINK_AFTER, needed);
        return act(new PoolDecision(PoolDecision.Action.SHRINK, core, target, why, evidence), s);
    }

    private PoolDecision act(PoolDecision d, PoolSample s) {
        pending = d;
        before = s;
        verifyLeft = VERIFY_INTERVALS;
        afterWait = 0;
        afterCompleted = 0;
        afterArrivals = 0;
        afterSlo = 0;
        afterSloCount = 0;
        sinceAction = 0;
        return d;
    }

    /** Called instead of a decision when the actuator did not apply {@code d} (advise mode, pinned, failed). */
    public void notApplied(PoolDecision d) {
        if (pending == d) {
            pending = null;
        }
    }

    private PoolDecision verify(PoolSample s, int core, String evidence) {
        afterWait += s.queueWaitP99Nanos();
        afterCompleted += s.completedPerSec();
        afterArrivals += s.arrivalsPerSec();
        if (!Double.isNaN(s.sloP99Nanos())) {
            afterSlo += s.sloP99Nanos();
            afterSloCount++;
        }
        if (--verifyLeft > 0) {
            return PoolDecision.hold(core, "verifying the last change (" + (VERIFY_INTERVALS - verifyLeft) + " of "
                    + VERIFY_INTERVALS + " intervals)", evidence);
        }
        PoolDecision done = pending;
        pending = null;
        double wait = afterWait / VERIFY_INTERVALS;
        double completed = afterCompleted / VERIFY_INTERVALS;
        double arrivals = afterArrivals / VERIFY_INTERVALS;
        String worse = null;
        if (done.action() == PoolDecision.Action.GROW) {
            if (wait > before.queueWaitP99Nanos() * (1 + MARGIN) && completed <= before.completedPerSec() * (1 + MARGIN)) {
                worse = String.format(Locale.ROOT, "queue wait p99 rose from %.1f to %.1f ms without more throughput",
                        before.queueWaitP99Nanos() / 1e6, wait / 1e6);
            } else if (completed < before.completedPerSec() * (1 - MARGIN)
                    && arrivals >= before.arrivalsPerSec() * (1 - MARGIN)) {
                worse = String.format(Locale.ROOT, "throughput fell from %.1f/s to %.1f/s at the same arrivals",
                        before.completedPerSec(), completed);
            }
        } else if (wait > Math.max(before.queueWaitP99Nanos() * (1 + MARGIN), waitThresholdNanos())) {
            worse = String.format(Locale.ROOT, "queue wait p99 rose from %.1f to %.1f ms",
                    before.queueWaitP99Nanos() / 1e6, wait / 1e6);
        }
        if (worse == null && afterSloCount > 0 && !Double.isNaN(before.sloP99Nanos())
                && afterSlo / afterSloCount > before.sloP99Nanos() * (1 + MARGIN)) {
            worse = String.format(Locale.ROOT, "service-level p99 rose from %.1f to %.1f ms",
                    before.sloP99Nanos() / 1e6, afterSlo / afterSloCount / 1e6);
        }
        if (worse == null) {
            backoff = 1;
            return null; // the change helped or did no harm: decide afresh
        }
        backoff = Math.min(MAX_BACKOFF, backoff * 2);
        sinceAction = 0;
        int back = bounds.clamp(done.fromSize());
        return new PoolDecision(PoolDecision.Action.REVERT, core, back,
                "the " + done.action().name().toLowerCase(Locale.ROOT) + " to " + done.toSize() + " made it worse: "
                        + worse + "; back to " + back + ", next change in " + bounds.cooldownIntervals() * backoff
                        + " intervals at the earliest", evidence);
    }

    private int littlesLaw(PoolSample s) {
        if (s.arrivalsPerSec() <= 0 || s.runMeanNanos() <= 0) {
            return 0;
        }
        return (int) Math.ceil(s.arrivalsPerSec() * s.runMeanNanos() / 1e9 / TARGET_UTILIZATION);
    }

    private void learnBaseline(PoolSample s) {
        if (s.completedPerSec() <= 0) {
            return;
        }
        double wait = s.queueWaitP99Nanos();
        baselineWaitNanos = Double.isNaN(baselineWaitNanos) ? wait : baselineWaitNanos * 0.9 + wait * 0.1;
    }

    /** Queue wait p99 above which tasks count as waiting: the target, else 3 × baseline, at least 1 ms. */
    long waitThresholdNanos() {
        if (bounds.targetWaitNanos() > 0) {
            return bounds.targetWaitNanos();
        }
        double base = Double.isNaN(baselineWaitNanos) ? 0 : 3 * baselineWaitNanos;
        return (long) Math.max(MIN_WAIT_THRESHOLD_NANOS, base);
    }

    private static String evidence(PoolSample s, ProcessSample p) {
        return String.format(Locale.ROOT, "queue_wait_p99_ms=%.1f queued=%d rejected=%d arrivals_per_s=%.1f"
                        + " completed_per_s=%.1f run_mean_ms=%.1f utilization=%.2f blocked=%s cpu=%.2f",
                s.queueWaitP99Nanos() / 1e6, s.queued(), s.rejected(), s.arrivalsPerSec(), s.completedPerSec(),
                s.runMeanNanos() / 1e6, s.utilization(),
                Double.isNaN(s.blockedShare()) ? "unknown" : String.format(Locale.ROOT, "%.2f", s.blockedShare()),
                p.cpuLoad());
    }
}
