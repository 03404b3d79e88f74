package dev.attune.tuner.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.tuner.decide.PoolDecision.Action;
import org.junit.jupiter.api.Test;

/** The pool-sizing rule fed synthetic samples: no pool, no clock. */
class PoolSizeRuleTest {

    private static final ProcessSample IDLE_CPU = new ProcessSample(0.4, 2, 0);
    private static final ProcessSample SATURATED_CPU = new ProcessSample(1.95, 2, 0);

    /** A calm interval: nothing queued, 100/s of 20 ms tasks, 2 ms wait. */
    private static PoolSample calm(int core, double utilization) {
        return new PoolSample(core, core, core, 0, false, 100, 100, 0, 2_000_000, 20e6, utilization, 0.9, Double.NaN);
    }

    /** An overloaded interval: 300 tasks queued waiting 800 ms, 240/s of 20 ms blocked tasks, 100/s done. */
    private static PoolSample overloaded(int core, double blocked) {
        return new PoolSample(core, core, core, 300, false, 240, 100, 0, 800_000_000, 20e6, 1.0, blocked, Double.NaN);
    }

    private static PoolSizeRule warmedRule(PoolBounds bounds) {
        PoolSizeRule rule = new PoolSizeRule(bounds);
        for (int i = 0; i < bounds.minSamples(); i++) {
            rule.decide(calm(bounds.min(), 0.5), IDLE_CPU, false);
        }
        return rule;
    }

    @Test
    void growsABlockedPoolStraightToWhatLittlesLawNeeds() {
        PoolSizeRule rule = warmedRule(new PoolBounds(2, 64, 64, 2, 3, 0));
        PoolDecision d = rule.decide(overloaded(2, 0.95), IDLE_CPU, false);
        assertEquals(Action.GROW, d.action());
        // (240/s + the 300 queued cleared within 1 s) x 20 ms = 10.8 busy threads; at 75% utilization 14.4 -> 15.
        assertEquals(15, d.toSize());
        assertTrue(d.reason().contains("Little's law"), d.reason());
        assertTrue(d.evidence().contains("queue_wait_p99_ms=800.0") && d.evidence().contains("blocked=0.95")
                && d.evidence().contains("cpu=0.20"), d.evidence());
    }

    @Test
    void rejectionsCountAsWaiting() {
        PoolSizeRule rule = warmedRule(PoolBounds.defaultsFor(2));
        PoolSample rejecting = new PoolSample(2, 2, 2, 0, false, 240, 100, 50, 0, 20e6, 1.0, 0.9, Double.NaN);
        assertEquals(Action.GROW, rule.decide(rejecting, IDLE_CPU, false).action());
    }

    @Test
    void holdsABlockedPoolWhenTheProcessIsCpuSaturated() {
        PoolSizeRule rule = warmedRule(PoolBounds.defaultsFor(2));
        PoolDecision d = rule.decide(overloaded(2, 0.95), SATURATED_CPU, false);
        assertEquals(Action.HOLD, d.action());
        assertTrue(d.reason().contains("CPU-saturated"), d.reason());
    }

    @Test
    void neverGrowsCpuBoundWorkWhileSaturatedNorPastTheCores() {
        PoolSizeRule rule = warmedRule(PoolBounds.defaultsFor(1));
        PoolDecision saturated = rule.decide(overloaded(1, 0.05), SATURATED_CPU, false);
        assertEquals(Action.HOLD, saturated.action());
        assertTrue(saturated.reason().contains("CPU-bound"), saturated.reason());

        PoolDecision headroom = rule.decide(overloaded(1, 0.05), IDLE_CPU, false);
        assertEquals(Action.GROW, headroom.action());
        assertEquals(2, headroom.toSize(), "a thread per core, no more");

        PoolSizeRule atCores = warmedRule(PoolBounds.defaultsFor(2));
        PoolDecision full = atCores.decide(overloaded(2, 0.05), IDLE_CPU, false);
        assertEquals(Action.HOLD, full.action());
        assertTrue(full.reason().contains("thread per core"), full.reason());
    }

    @Test
    void respectsTheMaximumAndTheLargestStep() {
        PoolSizeRule capped = warmedRule(new PoolBounds(2, 5, 8, 0, 1, 0));
        assertEquals(5, capped.decide(overloaded(2, 0.95), IDLE_CPU, false).toSize());

        PoolSizeRule stepped = warmedRule(new PoolBounds(2, 64, 3, 0, 1, 0));
        assertEquals(6, stepped.decide(overloaded(2, 0.95), IDLE_CPU, false).toSize(), "at most 3 times the size");
        PoolSizeRule gentle = warmedRule(new PoolBounds(2, 64, 1.2, 0, 1, 0));
        assertEquals(3, gentle.decide(overloaded(2, 0.95), IDLE_CPU, false).toSize(), "at least one thread");

        PoolSizeRule atMax = warmedRule(new PoolBounds(2, 2, 3, 0, 1, 0));
        PoolDecision d = atMax.decide(overloaded(2, 0.95), IDLE_CPU, false);
        assertEquals(Action.HOLD, d.action());
        assertTrue(d.reason().contains("maximum"), d.reason());
    }

    @Test
    void actsOnlyAfterTheMinimumNumberOfSamples() {
        PoolSizeRule rule = new PoolSizeRule(new PoolBounds(2, 16, 8, 0, 4, 0));
        for (int i = 1; i < 4; i++) {
            PoolDecision d = rule.decide(overloaded(2, 0.95), IDLE_CPU, false);
            assertEquals(Action.HOLD, d.action(), "sample " + i);
            assertTrue(d.reason().startsWith("learning"), d.reason());
        }
        assertEquals(Action.GROW, rule.decide(overloaded(2, 0.95), IDLE_CPU, false).action());
    }

    @Test
    void waitsOutTheCooldownAndTheVerificationBeforeTheNextChange() {
        PoolSizeRule rule = warmedRule(new PoolBounds(2, 64, 2, 5, 1, 0));
        assertEquals(4, rule.decide(overloaded(2, 0.95), IDLE_CPU, false).toSize());
        // Still overloaded, no worse, but not yet more throughput beyond the margin: the verification runs its
        // course, then the cooldown holds.
        PoolSample same = new PoolSample(4, 4, 4, 300, false, 240, 110, 0, 800_000_000, 20e6, 1, 0.95, Double.NaN);
        for (int i = 1; i < 5; i++) {
            PoolDecision d = rule.decide(same, IDLE_CPU, false);
            assertEquals(Action.HOLD, d.action(), "interval " + i + ": " + d.reason());
        }
        assertEquals(Action.GROW, rule.decide(same, IDLE_CPU, false).action());
    }

    @Test
    void shrinksSlowlyTowardsTheMinimumWhenUtilizationStaysLow() {
        PoolSizeRule rule = warmedRule(new PoolBounds(2, 64, 8, 0, 1, 0));
        PoolSample idle = new PoolSample(16, 16, 16, 0, false, 20, 20, 0, 100_000, 20e6, 0.03, 0.9, Double.NaN);
        for (int i = 1; i < PoolSizeRule.SHRINK_AFTER; i++) {
            assertEquals(Action.HOLD, rule.decide(idle, IDLE_CPU, false).action(), "interval " + i);
        }
        PoolDecision d = rule.decide(idle, IDLE_CPU, false);
        assertEquals(Action.SHRINK, d.action());
        assertEquals(9, d.toSize(), "halfway from 16 towards the minimum of 2");
        assertTrue(d.toSize() >= rule.bounds().min());
    }

    @Test
    void revertsAGrowthThatMadeThingsWorseAndBacksOff() {
        PoolSizeRule rule = warmedRule(new PoolBounds(2, 64, 8, 2, 1, 0));
        PoolDecision grow = rule.decide(overloaded(2, 0.95), IDLE_CPU, false);
        assertEquals(Action.GROW, grow.action());
        // More threads, yet queue wait doubled and throughput fell: e.g. the downstream saturates.
        PoolSample worse = new PoolSample(7, 7, 7, 600, false, 240, 60, 0, 1_600_000_000, 60e6, 1, 0.95, Double.NaN);
        assertEquals(Action.HOLD, rule.decide(worse, IDLE_CPU, false).action());
        assertEquals(Action.HOLD, rule.decide(worse, IDLE_CPU, false).action());
        PoolDecision revert = rule.decide(worse, IDLE_CPU, false);
        assertEquals(Action.REVERT, revert.action());
        assertEquals(2, revert.toSize());
        assertTrue(revert.reason().contains("made it worse"), revert.reason());
        // Backed off: twice the cooldown of 2 intervals before anything else changes.
        for (int i = 0; i < 3; i++) {
            assertFalse(rule.decide(overloaded(2, 0.95), IDLE_CPU, false).changes(), "backoff interval " + i);
        }
    }

    @Test
    void keepsAGrowthThatHelped() {
        PoolSizeRule rule = warmedRule(new PoolBounds(2, 64, 8, 0, 1, 0));
        rule.decide(overloaded(2, 0.95), IDLE_CPU, false);
        for (int i = 0; i < PoolSizeRule.VERIFY_PERIODS; i++) {
            PoolDecision d = rule.decide(calm(7, 0.7), IDLE_CPU, false);
            assertFalse(d.action() == Action.REVERT, d.reason());
        }
    }

    @Test
    void holdsWhileTheBreakerIsOpen() {
        PoolSizeRule rule = warmedRule(PoolBounds.defaultsFor(2));
        PoolDecision d = rule.decide(overloaded(2, 0.95), IDLE_CPU, true);
        assertEquals(Action.HOLD, d.action());
        assertTrue(d.reason().contains("breaker"), d.reason());
    }

    @Test
    void aChangeIsNeitherJudgedNorRevertedWhileTheBreakerIsOpen() {
        PoolSizeRule rule = warmedRule(new PoolBounds(2, 64, 8, 2, 1, 0));
        assertEquals(Action.GROW, rule.decide(overloaded(2, 0.95), IDLE_CPU, false).action());
        PoolSample worse = new PoolSample(10, 10, 10, 600, false, 240, 60, 0, 1_600_000_000, 60e6, 1, 0.95,
                Double.NaN);
        for (int i = 0; i < 2 * PoolSizeRule.VERIFY_PERIODS; i++) {
            assertEquals(Action.HOLD, rule.decide(worse, IDLE_CPU, true).action(), "paused interval " + i);
        }
        rule.decide(worse, IDLE_CPU, false);
        rule.decide(worse, IDLE_CPU, false);
        assertEquals(Action.REVERT, rule.decide(worse, IDLE_CPU, false).action(), "judged once the breaker closed");
    }

    @Test
    void aConfiguredTargetReplacesTheLearnedBaseline() {
        PoolSizeRule strict = warmedRule(new PoolBounds(2, 16, 8, 0, 1, 1_000_000));
        PoolSample slightQueue = new PoolSample(2, 2, 2, 3, false, 100, 100, 0, 5_000_000, 20e6, 0.9, 0.9, Double.NaN);
        assertEquals(Action.GROW, strict.decide(slightQueue, IDLE_CPU, false).action());

        PoolSizeRule lenient = warmedRule(new PoolBounds(2, 16, 8, 0, 1, 50_000_000));
        assertEquals(Action.HOLD, lenient.decide(slightQueue, IDLE_CPU, false).action());
    }

    @Test
    void holdsWhenLittlesLawSaysThePoolIsBigEnough() {
        PoolSizeRule rule = warmedRule(PoolBounds.defaultsFor(4));
        // 100/s of 20 ms tasks need 2.7 threads at 75%: four is enough, the waits are a burst.
        PoolSample burst = new PoolSample(4, 4, 4, 2, false, 100, 100, 0, 300_000_000, 20e6, 0.5, 0.95, Double.NaN);
        PoolDecision d = rule.decide(burst, IDLE_CPU, false);
        assertEquals(Action.HOLD, d.action());
        assertTrue(d.reason().contains("bursts"), d.reason());
    }

    @Test
    void neverGrowsPastWhatTheCoresCanKeepBusy() {
        // 60% off CPU: 2 cores keep at most 2 / 0.4 = 5 such threads busy, whatever Little's law asks.
        PoolSizeRule rule = warmedRule(new PoolBounds(2, 64, 64, 0, 1, 0));
        assertEquals(5, rule.decide(overloaded(2, 0.6), IDLE_CPU, false).toSize());

        PoolSizeRule full = warmedRule(new PoolBounds(5, 64, 64, 0, 1, 0));
        PoolDecision d = full.decide(overloaded(5, 0.6), IDLE_CPU, false);
        assertEquals(Action.HOLD, d.action());
        assertTrue(d.reason().contains("cores busy"), d.reason());
    }

    @Test
    void onABusyMachineOffCpuTimeMustBeHighToCountAsBlocking() {
        // 60% off CPU while other processes keep the machine busy: that may be waiting for a CPU, so the work is
        // taken as CPU-bound, and the pool already has a thread per core.
        ProcessSample busyMachine = new ProcessSample(0.4, 2, 0.97, 0, Double.NaN);
        PoolDecision d = warmedRule(PoolBounds.defaultsFor(2)).decide(overloaded(2, 0.6), busyMachine, false);
        assertEquals(Action.HOLD, d.action());
        assertTrue(d.reason().contains("CPU-bound"), d.reason());
        // 95% off CPU is blocking whatever the machine does.
        assertEquals(Action.GROW, warmedRule(PoolBounds.defaultsFor(2)).decide(overloaded(2, 0.95), busyMachine,
                false).action());
    }

    @Test
    void holdsWhileGcIsHeavyOrThreadsQueueOnLocks() {
        PoolDecision gc = warmedRule(PoolBounds.defaultsFor(2)).decide(overloaded(2, 0.95),
                new ProcessSample(0.4, 2, Double.NaN, 0.3, Double.NaN), false);
        assertEquals(Action.HOLD, gc.action());
        assertTrue(gc.reason().contains("GC takes 30%"), gc.reason());
        assertTrue(gc.evidence().contains("gc=0.30"), gc.evidence());

        // The pool has 2 x 1.0 x 0.95 = 1.9 threads blocked; 1.5 threads wait on contended monitors.
        PoolDecision locks = warmedRule(PoolBounds.defaultsFor(2)).decide(overloaded(2, 0.95),
                new ProcessSample(0.4, 2, Double.NaN, 0, 1.5), false);
        assertEquals(Action.HOLD, locks.action());
        assertTrue(locks.reason().contains("contended locks"), locks.reason());
    }

    @Test
    void aBlockedPoolGrowsOnABusyProcessWhenTheGrowCostsLittleCpuButCpuBoundWorkHolds() {
        // 1.8 of 2 cores used: past the saturation mark for CPU-bound work. The blocked pool's arrivals it does not
        // keep up with (140/s of 20 ms tasks, 5% on CPU) would add 0.14 of a core: 97% of the cores, too much...
        ProcessSample busy = new ProcessSample(1.8, 2, 0);
        assertEquals(Action.HOLD, warmedRule(PoolBounds.defaultsFor(2)).decide(overloaded(2, 0.95), busy, false)
                .action());
        // ...while 99% off CPU they add 0.03 of a core: the pool grows.
        PoolDecision blocked = warmedRule(PoolBounds.defaultsFor(2)).decide(overloaded(2, 0.99), busy, false);
        assertEquals(Action.GROW, blocked.action(), blocked.reason());
        PoolDecision cpuBound = warmedRule(PoolBounds.defaultsFor(1)).decide(overloaded(1, 0.05), busy, false);
        assertEquals(Action.HOLD, cpuBound.action());
        assertTrue(cpuBound.reason().contains("CPU-bound"), cpuBound.reason());
    }

    @Test
    void aGrowThatHelpedButWasNotEnoughIsJudgedAndFollowedAtOnce() {
        PoolSizeRule rule = warmedRule(new PoolBounds(2, 64, 2, 2, 1, 0));
        assertEquals(4, rule.decide(overloaded(2, 0.95), IDLE_CPU, false).toSize());
        // Twice the throughput, still a queue: no need to wait out the verification, nor the cooldown.
        PoolSample better = new PoolSample(4, 4, 4, 200, false, 240, 200, 0, 400_000_000, 20e6, 1, 0.95, Double.NaN);
        PoolDecision again = rule.decide(better, IDLE_CPU, false);
        assertEquals(Action.GROW, again.action(), again.reason());
        assertEquals(8, again.toSize());
        // A grow that did not (yet) raise throughput gets the cooldown as usual.
        PoolSample same = new PoolSample(8, 8, 8, 200, false, 240, 200, 0, 400_000_000, 20e6, 1, 0.95, Double.NaN);
        PoolDecision cooldown = rule.decide(same, IDLE_CPU, false);
        assertEquals(Action.HOLD, cooldown.action());
        assertTrue(cooldown.reason().contains("cooldown") || cooldown.reason().contains("verifying"),
                cooldown.reason());
    }

    /** A rule that has just shrunk a pool of 8 idle threads to 5. */
    private static PoolSizeRule justShrunkFrom8To5() {
        PoolSizeRule rule = warmedRule(new PoolBounds(2, 64, 8, 0, 1, 0));
        PoolSample idle = new PoolSample(8, 8, 8, 0, false, 20, 20, 0, 200_000, 20e6, 0.05, 0.9, Double.NaN);
        PoolDecision shrink = null;
        for (int i = 0; i < PoolSizeRule.SHRINK_AFTER; i++) {
            shrink = rule.decide(idle, IDLE_CPU, false);
        }
        assertEquals(Action.SHRINK, shrink.action());
        assertEquals(5, shrink.toSize());
        return rule;
    }

    @Test
    void revertsAShrinkThatLeftThePoolShortOfThreads() {
        PoolSizeRule rule = justShrunkFrom8To5();
        // 200/s of 20 ms tasks with 100 queued: Little's law asks for 8 threads, and tasks wait 90 ms.
        PoolSample shortOf = new PoolSample(5, 5, 5, 100, false, 200, 190, 0, 90_000_000, 20e6, 0.95, 0.9,
                Double.NaN);
        assertEquals(Action.HOLD, rule.decide(shortOf, IDLE_CPU, false).action());
        assertEquals(Action.HOLD, rule.decide(shortOf, IDLE_CPU, false).action());
        PoolDecision revert = rule.decide(shortOf, IDLE_CPU, false);
        assertEquals(Action.REVERT, revert.action());
        assertEquals(8, revert.toSize());
        assertTrue(revert.reason().contains("the shrink to 5 made it worse") && revert.reason().contains("3 of 3"),
                revert.reason());
    }

    @Test
    void keepsAShrinkAfterWhichWaitsRoseOnlyFromNearNothing() {
        PoolSizeRule rule = justShrunkFrom8To5();
        // Waits rose from 0.2 to 2.4 ms, above the 1 ms threshold, but 60/s of 20 ms tasks need 2 threads: the cost
        // of a right-sized pool, not a pool short of threads.
        PoolSample busier = new PoolSample(5, 5, 5, 2, false, 60, 60, 0, 2_400_000, 20e6, 0.25, 0.9, Double.NaN);
        for (int i = 0; i < 2 * PoolSizeRule.VERIFY_PERIODS; i++) {
            PoolDecision d = rule.decide(busier, IDLE_CPU, false);
            assertFalse(d.action() == Action.REVERT, d.reason());
        }
    }

    @Test
    void revertsAShrinkAtOnceWhenTasksAreRejected() {
        PoolSizeRule rule = justShrunkFrom8To5();
        PoolSample rejecting = new PoolSample(5, 5, 5, 0, false, 60, 55, 5, 1_000_000, 20e6, 0.3, 0.9, Double.NaN);
        PoolDecision revert = rule.decide(rejecting, IDLE_CPU, false);
        assertEquals(Action.REVERT, revert.action(), "judged in the first period: " + revert.reason());
        assertTrue(revert.reason().contains("5 tasks were rejected"), revert.reason());
    }

    @Test
    void plainSaturationIsActedOnAtOnceAndTheNeededSizeReachedWithinThreePeriods() {
        // Defaults for a pool of 4: step factor 2, ceiling 32. A 5x step of 20 ms blocked tasks: 500/s arrive.
        PoolSizeRule rule = warmedRule(PoolBounds.defaultsFor(4));
        // First period of the step: the backlog grew from 0 to 300; the few tasks taken so far waited only 5 ms,
        // below any waiting threshold, since a queued task's wait is measured only when it is taken.
        PoolSample first = new PoolSample(4, 4, 4, 300, 0, false, 500, 200, 0, 5_000_000, 20e6, 1, 0.95,
                Double.NaN);
        PoolDecision d1 = rule.decide(first, IDLE_CPU, false);
        assertEquals(Action.GROW, d1.action(), d1.reason());
        assertEquals(8, d1.toSize(), "(500/s + 300 queued) x 20 ms at 75% asks for 22; one step at most doubles");
        PoolSample second = new PoolSample(8, 8, 8, 400, 300, false, 500, 400, 0, 600_000_000, 20e6, 1, 0.95,
                Double.NaN);
        PoolDecision d2 = rule.decide(second, IDLE_CPU, false);
        assertEquals(Action.GROW, d2.action(), "more throughput, still waiting: no cooldown " + d2.reason());
        assertEquals(16, d2.toSize());
        PoolSample third = new PoolSample(16, 16, 16, 250, 400, false, 500, 800, 0, 700_000_000, 20e6, 1, 0.95,
                Double.NaN);
        PoolDecision d3 = rule.decide(third, IDLE_CPU, false);
        assertEquals(Action.GROW, d3.action(), d3.reason());
        assertEquals(20, d3.toSize(), "(500/s + 250 queued) x 20 ms at 75%: reached in the third period");
    }

    @Test
    void aQueueThatGrowsSlowerThanItDrainsIsNotSaturation() {
        PoolSizeRule rule = warmedRule(PoolBounds.defaultsFor(4));
        // A few more queued at the end of the period than at its start, but completions keep up with arrivals.
        PoolSample steady = new PoolSample(4, 4, 4, 3, 1, false, 100, 100, 0, 500_000, 20e6, 0.5, 0.95, Double.NaN);
        assertFalse(steady.backlogGrowing());
        assertEquals(Action.HOLD, rule.decide(steady, IDLE_CPU, false).action());
    }

    @Test
    void aServiceLevelP99ThatRoseRevertsAGrowth() {
        PoolSizeRule rule = warmedRule(new PoolBounds(2, 64, 8, 0, 1, 0));
        PoolSample before = new PoolSample(2, 2, 2, 300, false, 240, 100, 0, 800_000_000, 20e6, 1, 0.95, 50e6);
        assertEquals(Action.GROW, rule.decide(before, IDLE_CPU, false).action());
        // Queue wait and throughput fine, but the service-level method got slower (e.g. a downstream suffers).
        PoolSample after = new PoolSample(10, 10, 10, 0, false, 240, 240, 0, 5_000_000, 20e6, 0.6, 0.95, 90e6);
        rule.decide(after, IDLE_CPU, false);
        rule.decide(after, IDLE_CPU, false);
        PoolDecision d = rule.decide(after, IDLE_CPU, false);
        assertEquals(Action.REVERT, d.action());
        assertTrue(d.reason().contains("service-level p99 rose"), d.reason());
    }

    @Test
    void theBaselineFollowsALowerWaitAtOnceAndAHigherOneSlowly() {
        PoolSizeRule rule = new PoolSizeRule(PoolBounds.defaultsFor(2));
        rule.decide(calmWithWait(40_000_000), IDLE_CPU, false); // a cold first interval
        rule.decide(calmWithWait(2_000_000), IDLE_CPU, false);
        assertEquals(21_000_000, rule.baselineWaitNanos(), 1);
        rule.decide(calmWithWait(2_000_000), IDLE_CPU, false);
        assertEquals(11_500_000, rule.baselineWaitNanos(), 1);
        rule.decide(calmWithWait(12_000_000), IDLE_CPU, false);
        assertEquals(11_550_000, rule.baselineWaitNanos(), 1);
    }

    private static PoolSample calmWithWait(long waitNanos) {
        return new PoolSample(2, 2, 2, 0, false, 100, 100, 0, waitNanos, 20e6, 0.5, 0.9, Double.NaN);
    }

    @Test
    void anInterruptionDropsTheVerificationAndRestartsTheCooldown() {
        PoolSizeRule rule = warmedRule(new PoolBounds(2, 64, 8, 2, 1, 0));
        assertEquals(Action.GROW, rule.decide(overloaded(2, 0.95), IDLE_CPU, false).action());
        rule.interrupted(); // e.g. reverted over JMX
        PoolDecision d = rule.decide(overloaded(2, 0.95), IDLE_CPU, false);
        assertEquals(Action.HOLD, d.action());
        assertTrue(d.reason().contains("cooldown"), d.reason());
        assertEquals(Action.GROW, rule.decide(overloaded(2, 0.95), IDLE_CPU, false).action());
    }

    @Test
    void neverShrinksBelowTheMinimumNorMoreThanHalfway() {
        PoolSizeRule rule = warmedRule(new PoolBounds(4, 64, 3, 0, 1, 0));
        PoolSample idle = new PoolSample(40, 40, 40, 0, false, 1, 1, 0, 100_000, 20e6, 0.01, 0.9, Double.NaN);
        PoolDecision d = null;
        for (int i = 0; i < PoolSizeRule.SHRINK_AFTER; i++) {
            d = rule.decide(idle, IDLE_CPU, false);
        }
        assertEquals(Action.SHRINK, d.action());
        assertEquals(22, d.toSize(), "halfway from 40 towards the minimum of 4");

        PoolSizeRule atMin = warmedRule(new PoolBounds(4, 64, 8, 0, 1, 0));
        PoolSample idleAtMin = new PoolSample(4, 4, 4, 0, false, 1, 1, 0, 100_000, 20e6, 0.01, 0.9, Double.NaN);
        for (int i = 0; i < 3 * PoolSizeRule.SHRINK_AFTER; i++) {
            assertFalse(atMin.decide(idleAtMin, IDLE_CPU, false).changes(), "interval " + i);
        }
    }

    @Test
    void observingWithoutDecidingStillLearnsTheBaseline() {
        PoolSizeRule rule = new PoolSizeRule(PoolBounds.defaultsFor(2));
        rule.observe(calmWithWait(4_000_000));
        assertEquals(4_000_000, rule.baselineWaitNanos(), 1);
        assertEquals(12_000_000, rule.waitThresholdNanos());
        rule.observe(overloaded(2, 0.95)); // tasks wait: not a baseline
        assertEquals(4_000_000, rule.baselineWaitNanos(), 1);
    }
}
