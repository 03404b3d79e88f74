package dev.attune.tuner.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.tuner.aggregate.cache.HitRatioCurve;
import dev.attune.tuner.decide.CacheDecision.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The cache-sizing rule fed synthetic samples: no cache, no model, no clock. */
class CacheSizeRuleTest {

    /** A skewed stream: the hit ratio rises steeply, then levels off near 0.9 past about 16,000 entries. */
    private static final LongToDoubleFunction SKEWED = size -> 0.9 * (1 - Math.exp(-size / 4000.0));
    /** Lookups spread evenly over ten million keys: each entry adds a ten-millionth. */
    private static final LongToDoubleFunction UNIFORM = size -> Math.min(1, size / 1e7);
    /** Everything reused fits in 2,000 entries: more memory buys nothing. */
    private static final LongToDoubleFunction SATURATED = size -> Math.min(0.9, 0.9 * size / 2000.0);

    private static final CacheBounds WIDE = new CacheBounds(100, 64_000, 2, 3, 0,
            StressBreakerRule.DEFAULT_HEAP_AFTER_GC);

    /** The curve the model would give at {@code maximum}: 1/2x to 8x. */
    private static HitRatioCurve curve(LongToDoubleFunction truth, long maximum, long samples) {
        long[] sizes = {maximum / 2, maximum, maximum * 2, maximum * 4, maximum * 8};
        double[] ratios = new double[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            ratios[i] = truth.applyAsDouble(sizes[i]);
        }
        return HitRatioCurve.of(maximum, sizes, ratios, samples);
    }

    /** A cache whose measured ratio follows {@code truth} (unless told otherwise), full, 1,000 lookups/s. */
    private static final class Cache {
        final LongToDoubleFunction truth;
        long maximum;
        double hitRatio = Double.NaN;
        double missPenaltyNanos = Double.NaN;
        double bytesPerUnit = 200;
        double heap = 0.4;
        double headroomBytes = 1e9;
        long curveSamples = 50_000;

        Cache(LongToDoubleFunction truth, long maximum) {
            this.truth = truth;
            this.maximum = maximum;
        }

        CacheSample sample() {
            double measured = Double.isNaN(hitRatio) ? truth.applyAsDouble(maximum) : hitRatio;
            return new CacheSample(maximum, maximum, 1000, measured, missPenaltyNanos, bytesPerUnit,
                    curve(truth, maximum, curveSamples), heap, headroomBytes);
        }

        /** Decides one period and applies the change, as the actuator would. */
        CacheDecision step(CacheSizeRule rule) {
            CacheDecision d = rule.decide(sample(), false);
            if (d.changes()) {
                maximum = d.toSize();
            }
            return d;
        }
    }

    private static CacheSizeRule warmed(CacheBounds bounds, Cache cache) {
        CacheSizeRule rule = new CacheSizeRule(bounds);
        for (int i = 1; i < bounds.minSamples(); i++) {
            assertEquals(Action.HOLD, rule.decide(cache.sample(), false).action());
        }
        return rule;
    }

    private static List<CacheDecision> run(CacheSizeRule rule, Cache cache, int periods) {
        List<CacheDecision> changes = new ArrayList<>();
        for (int i = 0; i < periods; i++) {
            CacheDecision d = cache.step(rule);
            if (d.changes()) {
                changes.add(d);
            }
        }
        return changes;
    }

    @Test
    void growsAnUndersizedCacheOnASkewedCurveToAGoodSizeInAFewVerifiedSteps() {
        Cache cache = new Cache(SKEWED, 1000);
        CacheSizeRule rule = warmed(WIDE, cache);
        CacheDecision first = cache.step(rule);
        assertEquals(Action.GROW, first.action());
        assertEquals(2000, first.toSize(), "at most a doubling per change");
        assertTrue(first.reason().contains("one doubling towards it"), first.reason());
        assertTrue(first.evidence().contains("hit_ratio=0.199") && first.evidence().contains("requests_per_s=1000.0")
                && first.evidence().contains("bytes_per_unit=200") && first.evidence().contains("heap_after_gc=0.400")
                && first.evidence().contains("budget_headroom_mb=1000.0")
                && first.evidence().contains("predicted=500:0.106,1000:0.199,2000:0.354"), first.evidence());
        CacheDecision verifying = cache.step(rule);
        assertTrue(verifying.reason().startsWith("verifying"), verifying.reason());

        List<CacheDecision> later = run(rule, cache, 60);
        assertEquals(List.of(4000L, 8000L, 16000L), later.stream().map(CacheDecision::toSize).toList());
        assertTrue(later.stream().allMatch(d -> d.action() == Action.GROW), later.toString());
        // 32,000 would add only 0.016: less than the minimum gain, so 16,000 (0.884) is where it stays.
        assertEquals(16_000, cache.maximum);
    }

    @Test
    void aLargeMissPenaltyMakesASmallGainMaterial() {
        Cache cache = new Cache(SKEWED, 16_000);
        CacheSizeRule rule = warmed(WIDE, cache);
        assertEquals(Action.HOLD, cache.step(rule).action(), "0.016 more is below the minimum gain");

        Cache slow = new Cache(SKEWED, 16_000);
        slow.missPenaltyNanos = 5e6; // 1,000/s x 0.016 x 5 ms = 80 ms of loading saved per second
        CacheDecision d = warmed(WIDE, slow).decide(slow.sample(), false);
        assertEquals(Action.GROW, d.action());
        assertTrue(d.reason().contains("ms of loading per second saved"), d.reason());
        assertTrue(d.evidence().contains("miss_penalty_ms=5.00"), d.evidence());
    }

    @Test
    void holdsOnAFlatCurveAndSaysWhy() {
        Cache cache = new Cache(UNIFORM, 10_000);
        CacheSizeRule rule = warmed(WIDE, cache);
        CacheDecision d = cache.step(rule);
        assertEquals(Action.HOLD, d.action());
        assertTrue(d.reason().contains("only take memory")
                && d.reason().contains("spread over far more keys than any size holds"), d.reason());
        // Nor does a cache that already holds all that is reused grow; its reason does not blame the keys.
        Cache full = new Cache(SATURATED, 4000);
        CacheDecision enough = warmed(WIDE, full).decide(full.sample(), false);
        assertEquals(Action.HOLD, enough.action());
        assertTrue(enough.reason().contains("only take memory") && !enough.reason().contains("spread"),
                enough.reason());
    }

    @Test
    void doesNotGrowPastTheBudgetHeadroom() {
        Cache cache = new Cache(SKEWED, 1000);
        cache.bytesPerUnit = 1000;
        cache.headroomBytes = 500_000; // room for 500 more entries
        CacheDecision d = warmed(WIDE, cache).decide(cache.sample(), false);
        assertEquals(Action.GROW, d.action());
        assertEquals(1500, d.toSize(), d.reason());

        cache.headroomBytes = 0;
        CacheDecision none = warmed(WIDE, cache).decide(cache.sample(), false);
        assertEquals(Action.HOLD, none.action());
        assertTrue(none.reason().contains("budget headroom"), none.reason());
    }

    @Test
    void shrinksWhenTheCachesTogetherAreAboveTheBudgetByAtMostTheExcess() {
        Cache cache = new Cache(SKEWED, 1000);
        cache.bytesPerUnit = 1000;
        cache.headroomBytes = -100_000; // 100 entries too many
        CacheDecision d = warmed(WIDE, cache).decide(cache.sample(), false);
        assertEquals(Action.SHRINK, d.action());
        assertEquals(900, d.toSize());
        assertTrue(d.reason().contains("above their budget"), d.reason());
    }

    @Test
    void doesNotGrowButShrinksWhenHeapAfterGcIsHigh() {
        Cache band = new Cache(SKEWED, 1000);
        band.heap = 0.70; // between HEAP_HIGH less the breaker's margin and HEAP_HIGH: neither grows nor shrinks
        CacheDecision held = warmed(WIDE, band).decide(band.sample(), false);
        assertEquals(Action.HOLD, held.action());
        assertTrue(held.reason().contains("heap after GC is 0.70"), held.reason());

        Cache high = new Cache(SKEWED, 1000);
        high.heap = 0.80;
        CacheSizeRule rule = warmed(WIDE, high);
        CacheDecision shrink = high.step(rule);
        assertEquals(Action.SHRINK, shrink.action());
        assertEquals(750, shrink.toSize(), "a quarter a step, even at a loss");
        // A shrink forced by the heap costs hit ratio by design: it is not reverted, and the next one follows.
        List<CacheDecision> later = run(rule, high, 12);
        assertTrue(later.stream().allMatch(d -> d.action() == Action.SHRINK), later.toString());
        assertTrue(later.size() >= 2 && high.maximum < 750, later.toString());
    }

    @Test
    void growsBlindOneStepOnlyWhileHeapAfterGcIsLow() {
        Cache cache = new Cache(SKEWED, 1000);
        cache.bytesPerUnit = Double.NaN;
        cache.heap = 0.6;
        CacheDecision held = warmed(WIDE, cache).decide(cache.sample(), false);
        assertEquals(Action.HOLD, held.action());
        assertTrue(held.reason().contains("heap cost of an entry is unknown"), held.reason());

        cache.heap = 0.3;
        CacheSizeRule rule = warmed(WIDE, cache);
        CacheDecision grow = cache.step(rule);
        assertEquals(Action.GROW, grow.action());
        assertTrue(grow.reason().contains("one step only"), grow.reason());
        assertEquals(List.of(), run(rule, cache, 10), "no second grow before the cost is known");

        cache.bytesPerUnit = 200;
        assertEquals(Action.GROW, cache.step(rule).action());
    }

    @Test
    void holdsWhilePausedBeforeMinSamplesAndOnAThinCurve() {
        Cache cache = new Cache(SKEWED, 1000);
        CacheSizeRule rule = new CacheSizeRule(WIDE);
        CacheDecision learning = rule.decide(cache.sample(), false);
        assertEquals(Action.HOLD, learning.action());
        assertTrue(learning.reason().startsWith("learning: 1 of 3"), learning.reason());
        rule.decide(cache.sample(), false);
        CacheDecision paused = rule.decide(cache.sample(), true);
        assertEquals(Action.HOLD, paused.action());
        assertTrue(paused.reason().contains("circuit breaker"), paused.reason());

        cache.curveSamples = 500;
        CacheDecision thin = rule.decide(cache.sample(), false);
        assertEquals(Action.HOLD, thin.action());
        assertTrue(thin.reason().contains("only 500 of 2000 sampled lookups"), thin.reason());
        cache.curveSamples = 50_000;
        assertEquals(Action.GROW, rule.decide(cache.sample(), false).action());
    }

    @Test
    void revertsAGrowThatDidNotImproveAndBacksOff() {
        Cache cache = new Cache(SKEWED, 1000);
        cache.hitRatio = SKEWED.applyAsDouble(1000); // the real cache does not follow the prediction
        CacheSizeRule rule = warmed(WIDE, cache);
        assertEquals(Action.GROW, cache.step(rule).action());
        assertEquals(2000, cache.maximum);
        for (int i = 0; i < CacheSizeRule.VERIFY_PERIODS - 1; i++) {
            assertEquals(Action.HOLD, cache.step(rule).action());
        }
        CacheDecision revert = cache.step(rule);
        assertEquals(Action.REVERT, revert.action());
        assertEquals(1000, revert.toSize());
        assertTrue(revert.reason().contains("0.354 was predicted") && revert.reason().contains("in 4 periods"),
                revert.reason());

        // The cooldown doubled: 4 periods, then the same again and 8.
        assertEquals(3, holdsBeforeNextChange(rule, cache));
        for (int i = 0; i < CacheSizeRule.VERIFY_PERIODS; i++) {
            cache.step(rule);
        }
        assertEquals(7, holdsBeforeNextChange(rule, cache));
    }

    /** Holds until the next change (which it applies), asserting it is a grow. */
    private static int holdsBeforeNextChange(CacheSizeRule rule, Cache cache) {
        for (int holds = 0; holds < 100; holds++) {
            CacheDecision d = cache.step(rule);
            if (d.changes()) {
                assertEquals(Action.GROW, d.action());
                return holds;
            }
            assertTrue(d.reason().contains("cooldown"), d.reason());
        }
        throw new AssertionError("no change");
    }

    @Test
    void revertsAGrowAfterWhichLoadingTookLonger() {
        Cache cache = new Cache(SKEWED, 1000);
        cache.missPenaltyNanos = 1e6;
        CacheSizeRule rule = warmed(WIDE, cache);
        assertEquals(Action.GROW, cache.step(rule).action());
        cache.missPenaltyNanos = 3e6; // 0.646 x 3 ms per lookup after, 0.801 x 1 ms before
        run(rule, cache, CacheSizeRule.VERIFY_PERIODS - 1);
        CacheDecision revert = cache.step(rule);
        assertEquals(Action.REVERT, revert.action());
        assertTrue(revert.reason().contains("ms per lookup"), revert.reason());
    }

    @Test
    void judgesAGrowOnlyOnceTheCacheHasFilledHalfItsNewRoom() {
        Cache cache = new Cache(SKEWED, 1000);
        CacheSizeRule rule = warmed(WIDE, cache);
        assertEquals(Action.GROW, cache.step(rule).action());
        CacheSample filling = new CacheSample(2000, 1200, 1000, 0.2, Double.NaN, 200, curve(SKEWED, 2000, 50_000),
                0.4, 1e9);
        for (int i = 0; i < CacheSizeRule.VERIFY_PERIODS + 1; i++) {
            CacheDecision d = rule.decide(filling, false);
            assertEquals(Action.HOLD, d.action(), "the ratio of a filling cache says nothing yet");
            assertTrue(d.reason().contains("fills its new room (1200 of 2000)"), d.reason());
        }
        assertEquals(List.of(), run(rule, cache, CacheSizeRule.VERIFY_PERIODS).stream()
                .filter(d -> d.action() == Action.REVERT).toList());
    }

    @Test
    void shrinksWhenThePredictedLossIsNegligibleForSeveralPeriods() {
        Cache cache = new Cache(SATURATED, 8000);
        CacheSizeRule rule = warmed(WIDE, cache);
        for (int i = 1; i < CacheSizeRule.SHRINK_AFTER; i++) {
            CacheDecision d = cache.step(rule);
            assertEquals(Action.HOLD, d.action());
            assertTrue(d.reason().contains(i + " of " + CacheSizeRule.SHRINK_AFTER + " periods"), d.reason());
        }
        CacheDecision shrink = cache.step(rule);
        assertEquals(Action.SHRINK, shrink.action());
        assertEquals(4000, shrink.toSize());
        List<CacheDecision> later = run(rule, cache, 40);
        assertEquals(List.of(2000L), later.stream().map(CacheDecision::toSize).toList(),
                "down to the size that holds what is reused, not below");

        Cache floor = new Cache(SATURATED, 4000);
        CacheSizeRule floored = warmed(new CacheBounds(3000, 64_000, 2, 3, 0, 0.9), floor);
        List<CacheDecision> shrinks = run(floored, floor, 40);
        assertEquals(List.of(3000L), shrinks.stream().map(CacheDecision::toSize).toList(), "never below min");
    }

    @Test
    void respectsTheTargetHitRatio() {
        CacheBounds target = new CacheBounds(100, 64_000, 2, 3, 0.5, 0.9);
        Cache below = new Cache(SKEWED, 1000);
        CacheSizeRule rule = warmed(target, below);
        CacheDecision grow = below.step(rule);
        assertEquals(Action.GROW, grow.action());
        assertEquals(2000, grow.toSize());
        run(rule, below, 40);
        assertEquals(4000, below.maximum, "the smallest size reaching 0.5 (0.569), not the 16,000 of the gain test");

        // Well above the target, a size that loses 10 points but stays above it is taken.
        Cache above = new Cache(SKEWED, 16_000);
        List<CacheDecision> shrinks = run(warmed(target, above), above, 40);
        assertEquals(Action.SHRINK, shrinks.get(0).action());
        assertEquals(8000, shrinks.get(0).toSize());
        assertTrue(shrinks.get(0).reason().contains("stays above the target"), shrinks.get(0).reason());
        assertEquals(4000, above.maximum);
    }

    @Test
    void adviceNotAppliedIsNotVerified() {
        Cache cache = new Cache(SKEWED, 1000);
        CacheSizeRule rule = warmed(WIDE, cache);
        CacheDecision advice = rule.decide(cache.sample(), false);
        assertEquals(Action.GROW, advice.action());
        rule.notApplied(advice);
        // The cache stays at 1,000: were the advice verified, its unchanged ratio would revert it.
        List<Action> next = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            next.add(rule.decide(cache.sample(), false).action());
        }
        assertTrue(!next.contains(Action.REVERT) && next.contains(Action.GROW), next.toString());
    }

    @Test
    void interruptedVoidsVerification() {
        Cache cache = new Cache(SKEWED, 1000);
        cache.hitRatio = SKEWED.applyAsDouble(1000);
        CacheSizeRule rule = warmed(WIDE, cache);
        assertEquals(Action.GROW, cache.step(rule).action());
        rule.interrupted();
        // Were the grow still verified, the unchanged ratio would revert it within these periods.
        List<Action> next = new ArrayList<>();
        for (int i = 0; i < CacheSizeRule.VERIFY_PERIODS; i++) {
            next.add(cache.step(rule).action());
        }
        assertTrue(!next.contains(Action.REVERT), next.toString());
        assertNotEquals(Action.GROW, next.get(0), "the cooldown starts again");
    }

    @Test
    void defaultsFollowTheApplicationsOwnMaximum() {
        CacheBounds bounds = CacheBounds.defaultsFor(10_000);
        assertEquals(1250, bounds.min());
        assertEquals(80_000, bounds.max());
        assertEquals(0.9, bounds.heapAfterGcThreshold());
        assertEquals(1, CacheBounds.defaultsFor(1).min());
        assertEquals(8, CacheBounds.defaultsFor(1).max());
    }
}
