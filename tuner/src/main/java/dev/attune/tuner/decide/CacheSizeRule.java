package dev.attune.tuner.decide;

import dev.attune.tuner.aggregate.cache.HitRatioCurve;
import java.util.Locale;

/**
 * Decides the maximum size of one cache from one control period's sample at a time.
 *
 * <p>Why a predicted curve rather than trial and error: a larger cache holds its heap for as long as it is kept,
 * and shows its effect only once its new room has filled, so trying sizes blind is slow and costly. The hit-ratio
 * model predicts the ratio at half, one, two, four and eight times the current maximum; the rule moves only where
 * the curve says a move pays, one verified step at a time, and the measured ratio overrules the prediction.
 *
 * <p>Algorithm, in order of precedence:
 * <ol>
 *   <li><b>Hold</b> while the breaker is open (not even a verdict), then:</li>
 *   <li><b>Verify.</b> After a change the rule watches {@link #VERIFY_PERIODS} periods (after a grow, once the cache
 *   has filled half its new room, or after {@link #MAX_FILL_PERIODS} periods) and compares their mean hit ratio with
 *   the period before it and with the prediction. A grow is worse when the hit ratio fell by more than
 *   {@link #HIT_MARGIN}, or gained less than half the predicted gain and less than the minimum gain; a shrink made
 *   to save memory is worse when the ratio fell more than predicted by over {@link #NEGLIGIBLE_LOSS} (or below the
 *   target). Either is worse when the time spent loading misses per lookup rose by more than {@link #MARGIN}.
 *   Worse means revert and back off: the cooldown doubles for each revert in a row (up to 16 times). A shrink
 *   forced by heap or budget pressure is never reverted: it was meant to cost hit ratio.</li>
 *   <li><b>Hold</b> before {@code minSamples} periods and during the cooldown.</li>
 *   <li><b>Shrink under pressure</b> by a quarter a step, never below the minimum and even at a loss, when heap after
 *   GC reaches {@link #HEAP_HIGH} (a level below the breaker's: the cache gives memory back before the breaker has
 *   to pause all tuning), or when the tuned caches together are above their budget (then by at most the excess).</li>
 *   <li><b>Hold</b> while there is no curve, it was made for another maximum, it rests on fewer than
 *   {@link #MIN_CURVE_SAMPLES} sampled lookups, or nothing was looked up.</li>
 *   <li><b>Grow</b> towards a goal: the smallest size on the curve within {@link #NEAR_BEST} of the best ratio
 *   predicted within the bounds and the budget headroom (with a target, the smallest reaching it), at most doubling
 *   per change. Only when the goal's predicted gain over the measured ratio is material, at least the minimum gain
 *   or a saving of {@link #MIN_SAVED_LOAD} of a second of loading per second, and never while heap after GC is
 *   within the breaker's margin of {@link #HEAP_HIGH}. With the bytes per unit unknown, the cost is unknown too:
 *   one step only, and only while heap after GC is below {@link #HEAP_LOW}. The gain is judged at the goal, not
 *   the step, so a curve that rises only beyond one doubling is still climbed; a curve that rises less than
 *   {@link #NEAR_BEST} in all has its goal at the first point up, so it never grows, whatever the miss penalty.</li>
 *   <li><b>Hold</b> when no size up to the curve's end is predicted to gain: lookups spread over far more keys than
 *   any size holds keep the curve flat, and a larger cache would only take memory.</li>
 *   <li><b>Shrink</b> to half, else by a quarter, when that size is predicted to lose under
 *   {@link #NEGLIGIBLE_LOSS} (with a target: to stay above it) for {@link #SHRINK_AFTER} periods in a row.</li>
 * </ol>
 * Every size is clamped to the bounds. Between the curve's points the ratio is interpolated linearly, which
 * under-states a concave curve: the rule errs towards smaller gains and larger losses.
 *
 * <p>Not thread-safe: one instance per cache, called from the agent thread only.
 */
public final class CacheSizeRule {

    /** Control periods watched after a change before it is judged. */
    public static final int VERIFY_PERIODS = 3;
    /** Most periods a grow's verification waits for the cache to fill half its new room. */
    public static final int MAX_FILL_PERIODS = 6;
    /** Fall of the hit ratio, in ratio points, that makes a grow worse. */
    public static final double HIT_MARGIN = 0.01;
    /** Relative rise of the loading time per lookup that makes a change worse. */
    public static final double MARGIN = 0.2;
    /** Predicted loss of hit ratio, in ratio points, small enough to give the memory back for. */
    public static final double NEGLIGIBLE_LOSS = 0.01;
    /** A size whose predicted ratio is within this of the best gets most of the gain: the smallest such wins. */
    public static final double NEAR_BEST = 0.01;
    /** Seconds of loading saved per second that make a grow material even below the minimum gain. */
    public static final double MIN_SAVED_LOAD = 0.01;
    /**
     * Sampled lookups the curve must rest on: a ratio from n lookups is off by up to 0.5 / sqrt(n), about a point
     * at 2,000, below the minimum gain.
     */
    public static final long MIN_CURVE_SAMPLES = 2_000;
    /** Heap after GC at which the cache shrinks and (less the breaker's margin) stops growing. */
    public static final double HEAP_HIGH = 0.75;
    /** Heap after GC below which a cache of unknown bytes per unit may grow one step. */
    public static final double HEAP_LOW = 0.5;
    /** Share of the maximum one shrink under pressure gives back. */
    public static final double PRESSURE_STEP = 0.25;
    /** Consecutive periods a smaller size must be predicted harmless before a shrink. */
    public static final int SHRINK_AFTER = 5;

    private static final int MAX_BACKOFF = 16;
    /** A flat curve below this at its end says the keys are spread thin (above: the cache already holds the reuse). */
    private static final double FLAT_LOW = 0.5;

    private CacheBounds bounds;
    private int samples;
    private int sinceAction = Integer.MAX_VALUE / 2;
    private int shrinkStreak;
    private int backoff = 1;
    /** A grow was made while the bytes per unit were unknown: no other until they are known. */
    private boolean blindGrown;

    // The change under verification, if any.
    private CacheDecision pending;
    private boolean pendingForced;
    private boolean pendingBlind;
    private double beforeHit;
    private double beforeLoad;
    private double predictedHit;
    private int verifyLeft;
    private int fillPeriods;
    private int afterPeriods;
    private double afterHit;
    private int afterHitCount;
    private double afterLoad;
    private int afterLoadCount;

    /** Creates the rule with its bounds. */
    public CacheSizeRule(CacheBounds bounds) {
        this.bounds = bounds;
    }

    /** Replaces the bounds (a pinned size, a new configuration). */
    public void bounds(CacheBounds newBounds) {
        this.bounds = newBounds;
    }

    /** The current bounds. */
    public CacheBounds bounds() {
        return bounds;
    }

    /**
     * Decides for the control period just ended.
     *
     * @param s      the cache's sample
     * @param paused true while the circuit breaker is open: only holds (and no verification verdict) then
     */
    public CacheDecision decide(CacheSample s, boolean paused) {
        samples++;
        sinceAction++;
        long current = s.maximum();
        String evidence = evidence(s);
        if (paused) {
            // As for pools: a change under verification is judged on the periods after the breaker closes.
            return CacheDecision.hold(current, "paused: the circuit breaker is open", evidence);
        }
        if (known(s.bytesPerUnit())) {
            blindGrown = false;
        }
        if (pending != null) {
            CacheDecision verdict = verify(s, current, evidence);
            if (verdict != null) {
                return verdict;
            }
        }
        if (samples < bounds.minSamples()) {
            return CacheDecision.hold(current, "learning: " + samples + " of " + bounds.minSamples() + " samples",
                    evidence);
        }
        if (sinceAction < bounds.cooldownPeriods() * backoff) {
            return CacheDecision.hold(current, "cooldown after the last change", evidence);
        }
        CacheDecision pressure = underPressure(s, current, evidence);
        if (pressure != null) {
            return pressure;
        }
        HitRatioCurve curve = s.curve();
        String unusable = curve == null ? "no hit-ratio curve yet"
                : curve.maximum() != current ? "the curve was made for a maximum of " + curve.maximum()
                : curve.samples() < MIN_CURVE_SAMPLES ? "the curve rests on only " + curve.samples() + " of "
                        + MIN_CURVE_SAMPLES + " sampled lookups"
                : !known(s.hitRatio()) ? "no lookup in the period" : null;
        if (unusable != null) {
            shrinkStreak = 0;
            return CacheDecision.hold(current, unusable, evidence);
        }
        CacheDecision grow = grow(s, curve, current, evidence);
        return grow != null ? grow : shrinkOrHold(s, curve, current, evidence);
    }

    /** A shrink when heap after GC is high or the caches are above their budget, a hold at the minimum; else null. */
    private CacheDecision underPressure(CacheSample s, long current, String evidence) {
        double heap = s.heapAfterGcShare();
        boolean heapHigh = known(heap) && heap >= heapHigh();
        boolean overBudget = s.budgetHeadroomBytes() < 0;
        if (!heapHigh && !overBudget) {
            return null;
        }
        shrinkStreak = 0;
        String why = heapHigh
                ? String.format(Locale.ROOT, "heap after GC is %.2f, at or above %.2f", heap, heapHigh())
                : String.format(Locale.ROOT, "the tuned caches together are %.1f MB above their budget",
                        -s.budgetHeadroomBytes() / 1e6);
        long cut = Math.max(1, (long) (current * PRESSURE_STEP));
        if (!heapHigh && known(s.bytesPerUnit()) && s.bytesPerUnit() > 0) {
            cut = Math.min(cut, Math.max(1, (long) Math.ceil(-s.budgetHeadroomBytes() / s.bytesPerUnit())));
        }
        long target = bounds.clamp(current - cut);
        if (target >= current) {
            return CacheDecision.hold(current, why + ", but the cache is at its minimum of " + bounds.min(),
                    evidence);
        }
        HitRatioCurve curve = s.curve();
        double predicted = curve == null || curve.maximum() != current ? Double.NaN : predictedAt(curve, target);
        why += String.format(Locale.ROOT, ": giving back up to a quarter even at a loss (hit ratio %s now, %s"
                + " predicted at %d)", ratio(s.hitRatio()), ratio(predicted), target);
        return act(new CacheDecision(CacheDecision.Action.SHRINK, current, target, why, evidence), s, predicted,
                true);
    }

    /** A grow, or a hold that says why growing would not pay or is not allowed; null when a grow is not wanted. */
    private CacheDecision grow(CacheSample s, HitRatioCurve curve, long current, String evidence) {
        double measured = s.hitRatio();
        if (bounds.hasTarget() && measured >= bounds.targetHitRatio()) {
            return null;
        }
        long curveEnd = curve.size(curve.points() - 1);
        long unbounded = goal(curve, current, curveEnd, measured);
        if (unbounded <= current || !material(s, predictedAt(curve, unbounded) - measured)) {
            return null; // nothing to gain anywhere on the curve: shrinkOrHold says why it holds
        }
        shrinkStreak = 0;
        double heap = s.heapAfterGcShare();
        boolean costKnown = known(s.bytesPerUnit()) && s.bytesPerUnit() > 0 && known(s.budgetHeadroomBytes());
        String blocked = null;
        if (known(heap) && heap >= heapHigh() - StressBreakerRule.DEFAULT_MARGIN) {
            blocked = String.format(Locale.ROOT, "heap after GC is %.2f, within %.2f of the %.2f at which caches"
                    + " shrink", heap, StressBreakerRule.DEFAULT_MARGIN, heapHigh());
        } else if (!costKnown && (blindGrown || !known(heap) || heap >= HEAP_LOW)) {
            blocked = blindGrown ? "the heap cost of an entry is still unknown and the cache already grew one step"
                    : String.format(Locale.ROOT, "the heap cost of an entry is unknown and heap after GC is %s, not"
                            + " below %.2f", ratio(heap), HEAP_LOW);
        }
        long affordable = Long.MAX_VALUE;
        if (costKnown) {
            double units = Math.max(0, s.budgetHeadroomBytes()) / s.bytesPerUnit();
            affordable = units >= Long.MAX_VALUE - current ? Long.MAX_VALUE : current + (long) units;
        }
        long reach = Math.min(Math.min(bounds.max(), curveEnd), affordable);
        long goal = goal(curve, current, reach, measured);
        double gain = predictedAt(curve, goal) - measured;
        if (blocked == null && (goal <= current || !material(s, gain))) {
            blocked = affordable < bounds.max()
                    ? String.format(Locale.ROOT, "the budget headroom of %.1f MB pays for only %d more",
                            s.budgetHeadroomBytes() / 1e6, Math.max(0, affordable - current))
                    : "the cache's maximum of " + bounds.max() + " leaves too little room";
        }
        double best = predictedAt(curve, unbounded);
        if (blocked != null) {
            return CacheDecision.hold(current, String.format(Locale.ROOT, "a larger cache would gain (%.3f"
                    + " predicted at %d, %.3f now) but %s", best, unbounded, measured, blocked), evidence);
        }
        long step = Math.min(goal, current > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : current * 2);
        double predicted = predictedAt(curve, step);
        String why = String.format(Locale.ROOT, "predicted hit ratio %.3f at %d against %.3f now (%.0f misses/s"
                        + " fewer%s); %s %d%s", predictedAt(curve, goal), goal, measured,
                s.requestsPerSec() * gain, known(s.missPenaltyNanos()) ? String.format(Locale.ROOT,
                        ", %.0f ms of loading per second saved", s.requestsPerSec() * gain * s.missPenaltyNanos() / 1e6)
                        : "",
                step == goal ? "growing to" : "one doubling towards it:", step,
                costKnown ? "" : ", one step only: its heap cost is unknown");
        pendingBlind = !costKnown;
        if (pendingBlind) {
            blindGrown = true;
        }
        return act(new CacheDecision(CacheDecision.Action.GROW, current, step, why, evidence), s, predicted, false);
    }

    /**
     * Where growing should lead within {@code reach}: with a target, the smallest size on the curve (or
     * {@code reach}) predicted to reach it; else, or when none does, the smallest within {@link #NEAR_BEST} of the
     * best. {@code current} when nothing above it is within reach.
     */
    private long goal(HitRatioCurve curve, long current, long reach, double measured) {
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= curve.points(); i++) {
            long size = i < curve.points() ? curve.size(i) : reach;
            if (size > current && size <= reach) {
                best = Math.max(best, predictedAt(curve, size));
            }
        }
        if (best == Double.NEGATIVE_INFINITY || best <= measured) {
            return current;
        }
        double enough = bounds.hasTarget() && best >= bounds.targetHitRatio() ? bounds.targetHitRatio()
                : best - NEAR_BEST;
        long goal = reach;
        for (int i = curve.points() - 1; i >= 0; i--) {
            long size = curve.size(i);
            if (size > current && size <= reach && predictedAt(curve, size) >= enough) {
                goal = Math.min(goal, size);
            }
        }
        return goal;
    }

    /**
     * A gain worth memory: at least the minimum gain (with a target, as much as reaches it, but not less than the
     * noise of {@link #NEGLIGIBLE_LOSS}), or misses saved that spend {@link #MIN_SAVED_LOAD} of a second loading.
     */
    private boolean material(CacheSample s, double gain) {
        double needed = CacheBounds.DEFAULT_MIN_GAIN;
        if (bounds.hasTarget()) {
            needed = Math.max(NEGLIGIBLE_LOSS, Math.min(needed, bounds.targetHitRatio() - s.hitRatio()));
        }
        return gain >= needed || (gain > 0 && known(s.missPenaltyNanos())
                && s.requestsPerSec() * gain * s.missPenaltyNanos() / 1e9 >= MIN_SAVED_LOAD);
    }

    private CacheDecision shrinkOrHold(CacheSample s, HitRatioCurve curve, long current, String evidence) {
        double measured = s.hitRatio();
        long half = bounds.clamp(current / 2);
        long quarterLess = bounds.clamp(current - Math.max(1, current / 4));
        long target = harmless(curve, half, current, measured) ? half
                : harmless(curve, quarterLess, current, measured) ? quarterLess : current;
        if (target >= current) {
            shrinkStreak = 0;
            boolean met = bounds.hasTarget() && measured >= bounds.targetHitRatio();
            return CacheDecision.hold(current, flatOrEnough(s, curve)
                    + (met ? ", and a smaller cache would not stay above it" : ""), evidence);
        }
        if (++shrinkStreak < SHRINK_AFTER) {
            return CacheDecision.hold(current, flatOrEnough(s, curve) + String.format(Locale.ROOT, "; %d"
                    + " would do (%.3f predicted): %d of %d periods before a shrink", target,
                    predictedAt(curve, target), shrinkStreak, SHRINK_AFTER), evidence);
        }
        shrinkStreak = 0;
        double predicted = predictedAt(curve, target);
        String why = bounds.hasTarget()
                ? String.format(Locale.ROOT, "predicted hit ratio %.3f at %d stays above the target %.3f for %d"
                        + " periods: the memory above it buys nothing asked for", predicted, target,
                        bounds.targetHitRatio(), SHRINK_AFTER)
                : String.format(Locale.ROOT, "predicted hit ratio %.3f at %d is within %.0f point of %.3f now for %d"
                        + " periods: the memory above it buys almost nothing", predicted, target,
                        NEGLIGIBLE_LOSS * 100, measured, SHRINK_AFTER);
        return act(new CacheDecision(CacheDecision.Action.SHRINK, current, target, why, evidence), s, predicted,
                false);
    }

    /** True when {@code size}, below {@code current}, is predicted to cost nothing that matters. */
    private boolean harmless(HitRatioCurve curve, long size, long current, double measured) {
        double predicted = predictedAt(curve, size);
        if (size >= current || !known(predicted)) {
            return false;
        }
        return bounds.hasTarget() ? predicted >= bounds.targetHitRatio() + NEGLIGIBLE_LOSS
                : measured - predicted < NEGLIGIBLE_LOSS;
    }

    /** Why the cache does not grow, when no grow was wanted: the target is met, or the curve is flat. */
    private String flatOrEnough(CacheSample s, HitRatioCurve curve) {
        if (bounds.hasTarget() && s.hitRatio() >= bounds.targetHitRatio()) {
            return String.format(Locale.ROOT, "the hit ratio %.3f meets the target %.3f", s.hitRatio(),
                    bounds.targetHitRatio());
        }
        long end = curve.size(curve.points() - 1);
        double there = predictedAt(curve, end);
        return String.format(Locale.ROOT, "no size up to %d is predicted to gain enough (%.3f there, %.3f now):"
                + " a larger cache would only take memory%s", end, there, s.hitRatio(), there < FLAT_LOW
                ? ", the lookups spread over far more keys than any size holds" : "");
    }

    private CacheDecision act(CacheDecision d, CacheSample s, double predicted, boolean forced) {
        pending = d;
        pendingForced = forced;
        beforeHit = s.hitRatio();
        beforeLoad = loadPerLookup(s);
        predictedHit = predicted;
        verifyLeft = VERIFY_PERIODS;
        fillPeriods = 0;
        afterPeriods = 0;
        afterHit = 0;
        afterHitCount = 0;
        afterLoad = 0;
        afterLoadCount = 0;
        sinceAction = 0;
        if (d.action() != CacheDecision.Action.GROW) {
            pendingBlind = false;
        }
        return d;
    }

    /** Called instead of a decision when the actuator did not apply {@code d} (advise mode, pinned, failed). */
    public void notApplied(CacheDecision d) {
        if (pending == d) {
            pending = null;
            if (pendingBlind) {
                blindGrown = false;
            }
        }
    }

    /**
     * Takes a period in which the rule does not decide (tuning off or pinned): it counts towards the samples and
     * the cooldown, and breaks the streak a shrink waits for.
     */
    public void observe(CacheSample s) {
        samples++;
        sinceAction++;
        shrinkStreak = 0;
    }

    /**
     * Someone else changed the cache or took it out of the rule's hands (switched off, pinned or reverted over JMX):
     * a change under verification is no longer the rule's to judge, and the cooldown starts again.
     */
    public void interrupted() {
        pending = null;
        sinceAction = 0;
        shrinkStreak = 0;
    }

    private CacheDecision verify(CacheSample s, long current, String evidence) {
        boolean grow = pending.action() == CacheDecision.Action.GROW;
        long halfRoom = pending.fromSize() + (pending.toSize() - pending.fromSize()) / 2;
        if (grow && s.size() < halfRoom && fillPeriods < MAX_FILL_PERIODS) {
            // The new room fills with misses: judged before it has, a grow would look like it gained nothing.
            fillPeriods++;
            return CacheDecision.hold(current, "verifying the last grow: the cache fills its new room (" + s.size()
                    + " of " + pending.toSize() + ")", evidence);
        }
        afterPeriods++;
        if (known(s.hitRatio())) {
            afterHit += s.hitRatio();
            afterHitCount++;
        }
        double load = loadPerLookup(s);
        if (known(load)) {
            afterLoad += load;
            afterLoadCount++;
        }
        if (--verifyLeft > 0) {
            return CacheDecision.hold(current, "verifying the last change (" + afterPeriods + " of " + VERIFY_PERIODS
                    + " periods)", evidence);
        }
        CacheDecision done = pending;
        pending = null;
        String worse = pendingForced || afterHitCount == 0 || !known(beforeHit) ? null : worse(grow);
        if (worse == null) {
            backoff = 1;
            return null; // it helped, did no harm, or was forced: decide afresh
        }
        backoff = Math.min(MAX_BACKOFF, backoff * 2);
        sinceAction = 0;
        if (pendingBlind) {
            blindGrown = false;
        }
        long back = bounds.clamp(done.fromSize());
        return new CacheDecision(CacheDecision.Action.REVERT, current, back,
                "the " + done.actionName() + " to " + done.toSize() + " did not pay: " + worse + "; back to " + back
                        + ", next change in " + bounds.cooldownPeriods() * backoff + " periods at the earliest",
                evidence);
    }

    /** Why the change just watched was worse, or null. */
    private String worse(boolean grow) {
        double hit = afterHit / afterHitCount;
        String worse = null;
        if (grow) {
            double gained = hit - beforeHit;
            double promised = known(predictedHit) ? predictedHit - beforeHit : 0;
            if (gained < -HIT_MARGIN) {
                worse = String.format(Locale.ROOT, "the hit ratio fell from %.3f to %.3f", beforeHit, hit);
            } else if (gained < promised / 2 && gained < CacheBounds.DEFAULT_MIN_GAIN) {
                worse = String.format(Locale.ROOT, "the hit ratio went from %.3f to %.3f, %.3f was predicted",
                        beforeHit, hit, predictedHit);
            }
        } else {
            double expected = known(predictedHit) ? Math.max(0, beforeHit - predictedHit) : 0;
            if (beforeHit - hit > expected + NEGLIGIBLE_LOSS) {
                worse = String.format(Locale.ROOT, "the hit ratio fell from %.3f to %.3f, %s was predicted",
                        beforeHit, hit, ratio(predictedHit));
            } else if (bounds.hasTarget() && hit < bounds.targetHitRatio() && beforeHit >= bounds.targetHitRatio()) {
                worse = String.format(Locale.ROOT, "the hit ratio fell from %.3f to %.3f, below the target %.3f",
                        beforeHit, hit, bounds.targetHitRatio());
            }
        }
        if (worse == null && afterLoadCount > 0 && known(beforeLoad)
                && afterLoad / afterLoadCount > beforeLoad * (1 + MARGIN)) {
            worse = String.format(Locale.ROOT, "loading misses took %.3f ms per lookup, %.3f before",
                    afterLoad / afterLoadCount / 1e6, beforeLoad / 1e6);
        }
        return worse;
    }

    /** Heap after GC at which the cache shrinks: {@link #HEAP_HIGH}, or the breaker's threshold if lower. */
    private double heapHigh() {
        return Math.min(HEAP_HIGH, bounds.heapAfterGcThreshold());
    }

    /** Nanoseconds spent loading misses per lookup: what a change of size really costs or saves (NaN if unknown). */
    private static double loadPerLookup(CacheSample s) {
        return known(s.hitRatio()) && known(s.missPenaltyNanos()) ? (1 - s.hitRatio()) * s.missPenaltyNanos()
                : Double.NaN;
    }

    /**
     * The predicted ratio at {@code size}: the curve's own at a point, linear between two (under-stating a concave
     * curve), NaN outside it.
     */
    static double predictedAt(HitRatioCurve curve, long size) {
        double exact = curve.hitRatioAt(size);
        if (known(exact)) {
            return exact;
        }
        for (int i = 1; i < curve.points(); i++) {
            long lo = curve.size(i - 1);
            long hi = curve.size(i);
            if (size > lo && size < hi) {
                double t = (double) (size - lo) / (hi - lo);
                return curve.hitRatio(i - 1) + t * (curve.hitRatio(i) - curve.hitRatio(i - 1));
            }
        }
        return Double.NaN;
    }

    private static boolean known(double value) {
        return !Double.isNaN(value) && !Double.isInfinite(value);
    }

    private static String evidence(CacheSample s) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "hit_ratio=%s requests_per_s=%.1f"
                        + " miss_penalty_ms=%s bytes_per_unit=%s heap_after_gc=%s budget_headroom_mb=%s",
                ratio(s.hitRatio()), s.requestsPerSec(),
                known(s.missPenaltyNanos()) ? String.format(Locale.ROOT, "%.2f", s.missPenaltyNanos() / 1e6)
                        : "unknown",
                known(s.bytesPerUnit()) ? String.format(Locale.ROOT, "%.0f", s.bytesPerUnit()) : "unknown",
                ratio(s.heapAfterGcShare()),
                known(s.budgetHeadroomBytes()) ? String.format(Locale.ROOT, "%.1f", s.budgetHeadroomBytes() / 1e6)
                        : "unknown"));
        HitRatioCurve curve = s.curve();
        text.append(" predicted=");
        if (curve == null) {
            return text.append("none").toString();
        }
        for (int i = 0; i < curve.points(); i++) {
            text.append(i == 0 ? "" : ",").append(curve.size(i)).append(':')
                    .append(String.format(Locale.ROOT, "%.3f", curve.hitRatio(i)));
        }
        return text.append(" curve_samples=").append(curve.samples()).toString();
    }

    private static String ratio(double value) {
        return known(value) ? String.format(Locale.ROOT, "%.3f", value) : "unknown";
    }
}
