package dev.attune.tuner.decide;

import java.util.Locale;

/**
 * Decides the core size of one thread pool from one control period's sample at a time.
 *
 * <p>Algorithm, in order of precedence:
 * <ol>
 *   <li><b>Verify.</b> After an action the rule watches {@link #VERIFY_PERIODS} periods and compares them with
 *   the period before it. A grow is worse when queue wait rose (beyond the margin) without more throughput,
 *   when throughput fell while arrivals did not, or when the service-level p99 rose. A shrink is worse only when
 *   the pool is then short of threads by the grow's own test: rejections (judged at once), or in most of the
 *   periods tasks waiting above the waiting threshold while Little's law asks for more threads than it has; a
 *   wait that merely rose from near nothing is the cost of a right-sized pool, not a reason to stay oversized.
 *   Worse means revert to the previous size and back off: the cooldown doubles for each revert in a row (up to 16
 *   times). A grow after which throughput already rose beyond the margin while tasks still wait is judged at once
 *   (it helped, but not enough), and the next grow follows in the same period, without the cooldown.</li>
 *   <li><b>Hold</b> while the breaker is open, before {@code minSamples} periods, and during the cooldown.</li>
 *   <li><b>Grow</b> when tasks wait: rejections, a backlog that grew over the period while arrivals outran
 *   completions, or a queue whose wait p99 is above the threshold (the configured target, else 3 times the
 *   learned baseline and at least 1 ms). Never CPU-bound work while the process is
 *   CPU-saturated ({@link #CPU_SATURATED} of its cores); a blocked pool only when the process's CPU plus what the
 *   grow would add (the arrivals it does not keep up with, at the CPU share of a task) stays below
 *   {@link #CPU_FULL}: its tasks arrive
 *   anyway and are mostly off CPU, so letting them run sooner costs little CPU. Never while GC takes {@link #GC_HEAVY} of the time (more threads in flight
 *   allocate more). If the pool's busy time is mostly blocked ({@link #BLOCKED} off CPU), more threads can wait in
 *   parallel: the size goes straight to what Little's law says is needed, concurrency = arrival rate × mean run
 *   time, at {@link #TARGET_UTILIZATION} (so 100/s of 40 ms tasks need 4 threads busy, 5.3 at 75%), the tasks
 *   already queued counted as arrivals of the next second so the backlog clears. Not past what the cores can keep
 *   busy (cores / (1 − blocked share), the threads whose on-CPU parts fill the cores), and not while the process's
 *   threads are blocked on contended locks about as much as the pool's are (more threads would only queue on the
 *   locks). If the work is CPU-bound, more threads than cores cannot help: Little's law still sizes it, capped at
 *   the cores available. When Little's law asks for no more threads than the pool has, the waits are bursts and
 *   the pool holds (rejections excepted: they grow it by one at least).</li>
 *   <li><b>Shrink</b> slowly when utilization stays below {@link #LOW_UTILIZATION} for {@link #SHRINK_AFTER}
 *   periods in a row and nothing waits: halfway back towards what is needed, never below the minimum (by
 *   default the application's own core size).</li>
 * </ol>
 * Every change is clamped to the bounds; one grow at most multiplies the size by the bounds' step factor, so
 * the size Little's law asks for is reached in a few periods, each step verified.
 *
 * <p>Blocked share is busy time off CPU, so a thread that is runnable but waiting for a CPU counts as blocked too.
 * When the machine's CPUs are busy (other processes count), that share is inflated; the rule then asks for
 * {@link #BLOCKED_ON_BUSY_MACHINE} before it treats the work as blocking, so CPU-bound work is not taken for I/O.
 *
 * <p>The baseline of queue wait is learned from the periods in which nothing waited: it follows a lower wait at
 * once (halfway) and a higher one slowly (a tenth), so a cold start or a burst does not raise it for long. No user
 * target is needed.
 *
 * <p>Not thread-safe: one instance per pool, called from the agent thread only.
 */
public final class PoolSizeRule {

    /** Control periods watched after an action before it is judged. */
    public static final int VERIFY_PERIODS = 3;
    /** Relative change that counts as better or worse. */
    public static final double MARGIN = 0.2;
    /** Process CPU load (of the cores available) at which the process counts as CPU-saturated. */
    public static final double CPU_SATURATED = 0.85;
    /**
     * Process CPU (with what a grow of a blocked pool would add) at which even blocked pools hold: the stress level
     * of the circuit breaker's default.
     */
    public static final double CPU_FULL = 0.95;
    /** Share of busy time off CPU above which a pool's work counts as blocking (I/O-bound). */
    public static final double BLOCKED = 0.5;
    /** The same while the machine's CPUs are busy, when waiting for a CPU inflates the off-CPU time. */
    public static final double BLOCKED_ON_BUSY_MACHINE = 0.8;
    /** Share of wall time in GC pauses above which no pool grows. */
    public static final double GC_HEAVY = 0.25;
    /** Utilization Little's law sizes for, leaving room for bursts. */
    public static final double TARGET_UTILIZATION = 0.75;
    /** Utilization below which a pool counts as oversized. */
    public static final double LOW_UTILIZATION = 0.3;
    /** Seconds in which Little's law plans to clear the tasks already queued. */
    public static final double DRAIN_SECONDS = 1.0;
    /** Consecutive low periods before a shrink. */
    public static final int SHRINK_AFTER = 5;

    private static final long MIN_WAIT_THRESHOLD_NANOS = 1_000_000;
    private static final int MAX_BACKOFF = 16;

    private PoolBounds bounds;
    private int samples;
    private int sinceAction = Integer.MAX_VALUE / 2;
    private int lowStreak;
    private double baselineWaitNanos = Double.NaN;
    private int backoff = 1;
    /** A grow just proved it helped while tasks still wait: the next grow need not wait for the cooldown. */
    private boolean followUp;

    // The action under verification, if any.
    private PoolDecision pending;
    private PoolSample before;
    private int verifyLeft;
    private double afterWait;
    private double afterCompleted;
    private double afterArrivals;
    private double afterSlo;
    private int afterSloCount;
    private int afterShort;
    private int afterPeriods;

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
     * Decides for the control period just ended.
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
        if (paused) {
            // Nothing changes while the breaker is open, not even a revert: a change under verification is judged
            // on the periods after the breaker closes.
            return PoolDecision.hold(core, "paused: the circuit breaker is open", evidence);
        }
        if (pending != null) {
            PoolDecision verdict = verify(s, core, evidence);
            if (verdict != null) {
                return verdict;
            }
        }
        boolean waiting = waiting(s);
        if (!waiting) {
            learnBaseline(s);
        }
        if (samples < bounds.minSamples()) {
            return PoolDecision.hold(core, "learning: " + samples + " of " + bounds.minSamples() + " samples",
                    evidence);
        }
        boolean followingUp = followUp;
        followUp = false;
        if (sinceAction < bounds.cooldownPeriods() * backoff && !(followingUp && waiting)) {
            return PoolDecision.hold(core, "cooldown after the last change", evidence);
        }
        return waiting ? grow(s, p, core, evidence) : shrinkOrHold(s, core, evidence);
    }

    private PoolDecision grow(PoolSample s, ProcessSample p, int core, String evidence) {
        lowStreak = 0;
        double blockedAbove = p.machineBusy() ? BLOCKED_ON_BUSY_MACHINE : BLOCKED;
        boolean blocking = !Double.isNaN(s.blockedShare()) && s.blockedShare() >= blockedAbove;
        if (!blocking && p.cpuLoad() >= CPU_SATURATED) {
            return PoolDecision.hold(core, "tasks wait but the work is CPU-bound and the process is CPU-saturated:"
                    + " more threads would make it worse", evidence);
        }
        if (blocking && p.cpuLoad() + extraCpuOfGrow(s) / Math.max(1, p.coresAvailable()) >= CPU_FULL) {
            return PoolDecision.hold(core, "tasks wait on blocked threads but the process is CPU-saturated", evidence);
        }
        if (!Double.isNaN(p.gcShare()) && p.gcShare() >= GC_HEAVY) {
            return PoolDecision.hold(core, String.format(Locale.ROOT, "tasks wait but GC takes %.0f%% of the time:"
                    + " more threads in flight would allocate more", p.gcShare() * 100), evidence);
        }
        int needed = littlesLaw(s);
        if (needed <= core && s.rejected() == 0) {
            return PoolDecision.hold(core, String.format(Locale.ROOT, "tasks wait but Little's law asks for only %d"
                    + " threads (%.1f/s x %.1f ms at %.0f%% busy): the waits are bursts, not too few threads", needed,
                    s.arrivalsPerSec(), s.runMeanNanos() / 1e6, TARGET_UTILIZATION * 100), evidence);
        }
        int cores = (int) Math.max(1, Math.floor(p.coresAvailable()));
        int wanted;
        if (blocking) {
            double poolBlockedThreads = s.threads() * s.utilization() * s.blockedShare();
            if (!Double.isNaN(p.monitorBlockedThreads()) && poolBlockedThreads > 0
                    && p.monitorBlockedThreads() >= poolBlockedThreads / 2) {
                return PoolDecision.hold(core, String.format(Locale.ROOT, "tasks wait on blocked threads, but %.1f"
                        + " threads are blocked on contended locks: more threads would only queue on them",
                        p.monitorBlockedThreads()), evidence);
            }
            // Each thread is on CPU (1 - blocked) of its busy time: more threads than that keeps the cores busy
            // only adds waiting for a CPU.
            int useful = (int) Math.floor(cores / Math.max(0.02, 1 - s.blockedShare()) + 1e-9); // 2 / 0.4 is 5
            wanted = Math.min(useful, Math.max(core + 1, needed));
        } else {
            if (core >= cores) {
                return PoolDecision.hold(core, "tasks wait but the work is CPU-bound and the pool already has a"
                        + " thread per core", evidence);
            }
            wanted = Math.min(cores, Math.max(core + 1, needed));
        }
        int target = bounds.clamp(Math.min(wanted, bounds.stepCeiling(core)));
        if (target <= core) {
            return PoolDecision.hold(core, wanted <= core
                    ? "tasks wait but more threads than " + wanted + " cannot keep " + cores + " cores busy"
                    : "tasks wait but the pool is at its maximum of " + bounds.max(), evidence);
        }
        String why = String.format(Locale.ROOT, blocking
                        ? "tasks wait and threads are mostly blocked: Little's law asks for %d threads ((%.1f/s + %d"
                                + " queued in 1 s) x %.1f ms at %.0f%% busy)"
                        : "tasks wait on CPU-bound work and the process has CPU headroom: Little's law asks for %d"
                                + " threads ((%.1f/s + %d queued in 1 s) x %.1f ms at %.0f%% busy), at most one per"
                                + " core",
                needed, s.arrivalsPerSec(), s.queued(), s.runMeanNanos() / 1e6, TARGET_UTILIZATION * 100);
        return act(new PoolDecision(PoolDecision.Action.GROW, core, target, why, evidence), s);
    }

    /**
     * The CPU, in cores, that growing a blocked pool would add in steady state: the arrivals the pool does not keep
     * up with, at the CPU share of a task's run time. The work arrives anyway; more threads only let it run sooner,
     * and a blocked task is mostly off CPU. (The backlog is left out: it is cleared once, not every second.)
     */
    private static double extraCpuOfGrow(PoolSample s) {
        double behind = Math.max(0, s.arrivalsPerSec() - s.completedPerSec());
        return behind * s.runMeanNanos() / 1e9 * Math.max(0, 1 - s.blockedShare());
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
        if (target >= core) {
            return PoolDecision.hold(core, "no task waits", evidence);
        }
        String why = String.format(Locale.ROOT, "utilization below %.0f%% for %d periods: halfway back towards %d",
                LOW_UTILIZATION * 100, SHRINK_AFTER, needed);
        return act(new PoolDecision(PoolDecision.Action.SHRINK, core, target, why, evidence), s);
    }

    private PoolDecision act(PoolDecision d, PoolSample s) {
        pending = d;
        before = s;
        verifyLeft = VERIFY_PERIODS;
        afterWait = 0;
        afterCompleted = 0;
        afterArrivals = 0;
        afterSlo = 0;
        afterSloCount = 0;
        afterShort = 0;
        afterPeriods = 0;
        sinceAction = 0;
        return d;
    }

    /** Called instead of a decision when the actuator did not apply {@code d} (advise mode, pinned, failed). */
    public void notApplied(PoolDecision d) {
        if (pending == d) {
            pending = null;
        }
    }

    /**
     * Takes a period in which the rule does not decide (tuning off or pinned): only the baseline of queue wait
     * learns from it, so thresholds and alerts stay meaningful.
     */
    public void observe(PoolSample s) {
        if (!waiting(s)) {
            learnBaseline(s);
        }
    }

    /**
     * Someone else changed the pool or took it out of the rule's hands (switched off, pinned or reverted over JMX):
     * a change under verification is no longer the rule's to judge, and the cooldown starts again.
     */
    public void interrupted() {
        pending = null;
        sinceAction = 0;
        lowStreak = 0;
    }

    private PoolDecision verify(PoolSample s, int core, String evidence) {
        afterPeriods++;
        afterWait += s.queueWaitP99Nanos();
        afterCompleted += s.completedPerSec();
        afterArrivals += s.arrivalsPerSec();
        if (!Double.isNaN(s.sloP99Nanos())) {
            afterSlo += s.sloP99Nanos();
            afterSloCount++;
        }
        if (pending.action() == PoolDecision.Action.SHRINK && shortOfThreads(s)) {
            afterShort++;
            if (s.rejected() > 0) {
                verifyLeft = 1; // rejections are felt by the application: judged now, not in a few periods
            }
        }
        if (pending.action() == PoolDecision.Action.GROW && waiting(s)
                && s.completedPerSec() > before.completedPerSec() * (1 + MARGIN)
                && (Double.isNaN(s.sloP99Nanos()) || Double.isNaN(before.sloP99Nanos())
                        || s.sloP99Nanos() <= before.sloP99Nanos() * (1 + MARGIN))) {
            // Already more throughput, and tasks still wait: the grow helped but was not enough. Judged now, and the
            // next grow follows at once: the cooldown is there to let a change show its effect, and this one has
            // (waiting out a cooldown under a step in load only lets the backlog build).
            pending = null;
            backoff = 1;
            followUp = true;
            return null;
        }
        if (--verifyLeft > 0) {
            return PoolDecision.hold(core, "verifying the last change (" + afterPeriods + " of "
                    + VERIFY_PERIODS + " periods)", evidence);
        }
        PoolDecision done = pending;
        pending = null;
        int watched = afterPeriods;
        double wait = afterWait / watched;
        double completed = afterCompleted / watched;
        double arrivals = afterArrivals / watched;
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
        } else if (s.rejected() > 0 || afterShort * 2 > watched) {
            worse = s.rejected() > 0 ? s.rejected() + " tasks were rejected"
                    : String.format(Locale.ROOT, "tasks waited (queue wait p99 %.1f ms, above %.1f ms) while Little's"
                            + " law asked for more than %d threads in %d of %d periods", wait / 1e6,
                            waitThresholdNanos() / 1e6, done.toSize(), afterShort, watched);
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
                        + worse + "; back to " + back + ", next change in " + bounds.cooldownPeriods() * backoff
                        + " periods at the earliest", evidence);
    }

    /**
     * Threads needed by Little's law: concurrency = arrival rate × mean run time, at {@link #TARGET_UTILIZATION}, with
     * the tasks already queued counted as arrivals of the next {@link #DRAIN_SECONDS} (so a backlog is cleared, not
     * just kept from growing). 0 when nothing arrives or nothing was timed.
     */
    private static int littlesLaw(PoolSample s) {
        if (s.arrivalsPerSec() <= 0 || s.runMeanNanos() <= 0) {
            return 0;
        }
        double rate = s.arrivalsPerSec() + s.queued() / DRAIN_SECONDS;
        return (int) Math.ceil(rate * s.runMeanNanos() / 1e9 / TARGET_UTILIZATION);
    }

    private void learnBaseline(PoolSample s) {
        if (s.completedPerSec() <= 0) {
            return;
        }
        double wait = s.queueWaitP99Nanos();
        if (Double.isNaN(baselineWaitNanos)) {
            baselineWaitNanos = wait;
        } else {
            double weight = wait < baselineWaitNanos ? 0.5 : 0.1; // down fast, up slowly
            baselineWaitNanos += (wait - baselineWaitNanos) * weight;
        }
    }

    /**
     * Tasks wait: some were rejected, the backlog grew while arrivals outran completions, or the queue holds some
     * and its wait p99 is above the threshold.
     */
    private boolean waiting(PoolSample s) {
        return s.rejected() > 0 || s.backlogGrowing()
                || (s.queued() > 0 && s.queueWaitP99Nanos() > waitThresholdNanos());
    }

    /** Short of threads by the grow's own test: rejections, or tasks wait while Little's law asks for more. */
    private boolean shortOfThreads(PoolSample s) {
        return s.rejected() > 0 || (waiting(s) && littlesLaw(s) > s.coreSize());
    }

    /** Queue wait p99 above which tasks count as waiting: the target, else 3 × baseline, at least 1 ms. */
    public long waitThresholdNanos() {
        if (bounds.targetWaitNanos() > 0) {
            return bounds.targetWaitNanos();
        }
        double base = Double.isNaN(baselineWaitNanos) ? 0 : 3 * baselineWaitNanos;
        return (long) Math.max(MIN_WAIT_THRESHOLD_NANOS, base);
    }

    private static String evidence(PoolSample s, ProcessSample p) {
        return String.format(Locale.ROOT, "queue_wait_p99_ms=%.1f queued=%d rejected=%d arrivals_per_s=%.1f"
                        + " completed_per_s=%.1f run_mean_ms=%.1f utilization=%.2f blocked=%s cpu=%.2f%s%s",
                s.queueWaitP99Nanos() / 1e6, s.queued(), s.rejected(), s.arrivalsPerSec(), s.completedPerSec(),
                s.runMeanNanos() / 1e6, s.utilization(), ratio(s.blockedShare()), p.cpuLoad(),
                Double.isNaN(p.machineCpuLoad()) ? "" : " machine_cpu=" + ratio(p.machineCpuLoad()),
                Double.isNaN(p.gcShare()) ? "" : " gc=" + ratio(p.gcShare()));
    }

    private static String ratio(double value) {
        return Double.isNaN(value) ? "unknown" : String.format(Locale.ROOT, "%.2f", value);
    }
}
