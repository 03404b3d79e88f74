package dev.attune.tuner.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.instrumentation.encode.MethodIds;
import dev.attune.instrumentation.encode.Signal;
import dev.attune.tuner.aggregate.ResourceSample;
import dev.attune.tuner.aggregate.SignalAggregator;
import dev.attune.tuner.decide.BreakerDecision.Transition;
import org.junit.jupiter.api.Test;

/** The stress breaker fed synthetic intervals: heap after GC of a 1000-byte heap, CPU of 10 cores. */
class StressBreakerRuleTest {

    private final StressBreakerRule rule = StressBreakerRule.defaults(); // 0.90 heap, 0.95 CPU, 3 and 3, margin 0.10

    private static ResourceSample load(double heapRatio, double cpuRatio) {
        return new ResourceSample(cpuRatio * 10, 10, heapRatio * 1000, 1000);
    }

    private Transition feed(double heapRatio, double cpuRatio) {
        return rule.evaluate(load(heapRatio, cpuRatio)).transition();
    }

    @Test
    void opensOnlyAfterSustainedHeapStressAndSaysWhy() {
        assertEquals(Transition.NONE, feed(0.95, 0.2));
        assertEquals(Transition.NONE, feed(0.95, 0.2));
        assertFalse(rule.isOpen(), "two intervals are not sustained");
        BreakerDecision d = rule.evaluate(load(0.95, 0.2));
        assertEquals(Transition.OPENED, d.transition());
        assertTrue(rule.isOpen());
        assertEquals("heap_after_gc", d.monitors());
        assertTrue(d.reason().contains("heap after GC at or above 90% of the max heap for 3 intervals"), d.reason());
        assertTrue(d.evidence().contains("heap_after_gc_ratio=0.950") && d.evidence().contains("cpu_ratio=0.200"),
                d.evidence());
        assertEquals(d.reason(), rule.reason());
        assertEquals(1, rule.openings());
        assertEquals(Transition.NONE, feed(0.95, 0.2), "an open breaker does not open again");
    }

    @Test
    void opensOnSustainedCpuStressAndNamesBothWhenBothTrip() {
        feed(0.2, 0.97);
        feed(0.2, 0.97);
        BreakerDecision cpu = rule.evaluate(load(0.2, 0.99));
        assertEquals("cpu", cpu.monitors());
        assertTrue(cpu.reason().contains("process CPU at or above 95% of the cores available"), cpu.reason());

        StressBreakerRule both = StressBreakerRule.defaults();
        both.evaluate(load(0.93, 0.97));
        both.evaluate(load(0.93, 0.97));
        assertEquals("heap_after_gc,cpu", both.evaluate(load(0.93, 0.97)).monitors());
    }

    @Test
    void oneCalmIntervalRestartsTheCount() {
        for (int i = 0; i < 20; i++) {
            assertEquals(Transition.NONE, feed(i % 3 == 2 ? 0.5 : 0.95, 0.2), "interval " + i);
        }
        assertFalse(rule.isOpen());
    }

    @Test
    void missingSignalsNeverTrip() {
        for (int i = 0; i < 10; i++) {
            assertEquals(Transition.NONE, rule.evaluate(new ResourceSample(Double.NaN, 10, Double.NaN, 1000))
                    .transition());
            assertEquals(Transition.NONE, rule.evaluate(new ResourceSample(9.9, Double.NaN, 990, Double.NaN))
                    .transition());
        }
        assertFalse(rule.isOpen());
        assertEquals("closed", rule.reason());
        BreakerDecision d = rule.evaluate(new ResourceSample(Double.NaN, 10, Double.NaN, 1000));
        assertTrue(d.evidence().contains("cpu_cores=unknown") && d.evidence().contains("heap_after_gc_mb=unknown"),
                d.evidence());
    }

    @Test
    void missingSignalBreaksAStressedStreak() {
        feed(0.95, 0.2);
        feed(0.95, 0.2);
        rule.evaluate(new ResourceSample(2, 10, Double.NaN, 1000));
        assertEquals(Transition.NONE, feed(0.95, 0.2));
        assertFalse(rule.isOpen());
    }

    @Test
    void closesOnlyWhenEveryMonitorIsRelievedForTheReliefIntervals() {
        open();
        // Heap relieved, CPU stressed: still open, however long.
        for (int i = 0; i < 10; i++) {
            assertEquals(Transition.NONE, feed(0.5, 0.97));
        }
        assertTrue(rule.isOpen());
        assertEquals(Transition.NONE, feed(0.5, 0.5));
        assertEquals(Transition.NONE, feed(0.5, 0.5));
        BreakerDecision d = rule.evaluate(load(0.5, 0.5));
        assertEquals(Transition.CLOSED, d.transition());
        assertEquals("heap_after_gc", d.monitors(), "the close names what had tripped it");
        assertTrue(d.reason().contains("every monitor below its threshold minus 0.10 for 3 intervals"), d.reason());
        assertFalse(rule.isOpen());
        assertEquals("closed", rule.reason());
    }

    @Test
    void hoveringAroundTheThresholdDoesNotFlap() {
        open();
        // Just below the threshold but inside the margin: not relieved, so the breaker stays open.
        for (int i = 0; i < 30; i++) {
            assertEquals(Transition.NONE, feed(i % 2 == 0 ? 0.89 : 0.91, 0.2), "interval " + i);
        }
        // Relieved now and then, but never three intervals in a row: still open.
        for (int i = 0; i < 30; i++) {
            assertEquals(Transition.NONE, feed(i % 3 == 2 ? 0.85 : 0.79, 0.2), "interval " + i);
        }
        assertTrue(rule.isOpen());
        assertEquals(1, rule.openings());
    }

    @Test
    void aMonitorThatGoesSilentCountsAsRelieved() {
        open();
        for (int i = 0; i < 2; i++) {
            assertEquals(Transition.NONE, rule.evaluate(new ResourceSample(Double.NaN, 10, Double.NaN, 1000))
                    .transition());
        }
        assertEquals(Transition.CLOSED, rule.evaluate(new ResourceSample(Double.NaN, 10, Double.NaN, 1000))
                .transition());
    }

    @Test
    void readsItsFiguresFromASnapshot() {
        SignalAggregator signals = new SignalAggregator(new MethodIds(4), 0);
        for (long t = 1; t <= 3; t++) {
            signals.record(Signal.HEAP_AFTER_GC, 950);
            signals.record(Signal.HEAP_MAX, 1000);
            signals.record(Signal.PROCESS_CPU_CORES, 1);
            signals.record(Signal.CORES_AVAILABLE, 4);
            rule.evaluate(ResourceSample.of(signals.roll(t * 1_000_000_000L)));
        }
        assertTrue(rule.isOpen());
        // No GC in the next intervals: heap after GC holds at 95%, so the breaker stays open.
        for (long t = 4; t <= 10; t++) {
            signals.record(Signal.PROCESS_CPU_CORES, 1);
            rule.evaluate(ResourceSample.of(signals.roll(t * 1_000_000_000L)));
        }
        assertTrue(rule.isOpen());
    }

    private void open() {
        for (int i = 0; i < 3; i++) {
            feed(0.95, 0.2);
        }
        assertTrue(rule.isOpen());
    }
}
