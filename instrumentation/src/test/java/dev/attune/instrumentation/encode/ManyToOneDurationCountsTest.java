package dev.attune.instrumentation.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ManyToOneDurationCountsTest {

    /** Sums swept counts by bucket. */
    private static final class BucketTally implements ManyToOneDurationCounts.BucketConsumer {
        final long[] byBucket = new long[DurationBuckets.COUNT];

        @Override
        public void onBucket(long lowestNanos, long count) {
            byBucket[DurationBuckets.indexOf(lowestNanos)] += count;
        }
    }

    @Test
    void countsAreSweptOnceAndZeroed() {
        ManyToOneDurationCounts counts = new ManyToOneDurationCounts(4);
        assertTrue(counts.record(0, 100));
        assertTrue(counts.record(3, 100));
        assertTrue(counts.record(1, 1_000_000));
        assertTrue(counts.record(2, -5), "a negative duration counts as 0");
        BucketTally tally = new BucketTally();
        assertEquals(4, counts.sweep(tally));
        assertEquals(2, tally.byBucket[DurationBuckets.indexOf(100)]);
        assertEquals(1, tally.byBucket[DurationBuckets.indexOf(1_000_000)]);
        assertEquals(1, tally.byBucket[0]);
        assertEquals(0, counts.sweep(tally), "nothing twice");
    }

    @Test
    void durationsBeyondTheBucketsAreRefusedSoTheRingBufferTakesThem() {
        ManyToOneDurationCounts counts = new ManyToOneDurationCounts(1);
        assertTrue(counts.record(0, DurationBuckets.MAX_VALUE));
        assertFalse(counts.record(0, DurationBuckets.MAX_VALUE + 1));
        assertEquals(1, counts.sweep(new BucketTally()));
    }

    @Test
    void stripesBeyondTheRowsShareRows() {
        ManyToOneDurationCounts counts = new ManyToOneDurationCounts(64);
        assertEquals(ManyToOneDurationCounts.MAX_ROWS * DurationBuckets.COUNT * 4L,
                ManyToOneDurationCounts.bytesFor(64));
        for (int stripe = 0; stripe < 64; stripe++) {
            assertTrue(counts.record(stripe, 10));
        }
        assertEquals(64, counts.sweep(new BucketTally()));
    }

    @Test
    void concurrentWritersLoseNoCallWhileTheReaderSweeps() throws Exception {
        int threads = 4;
        int perThread = 500_000;
        ManyToOneDurationCounts counts = new ManyToOneDurationCounts(2); // fewer rows than threads: rows are shared
        long[] expected = new long[DurationBuckets.COUNT];
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                expected[DurationBuckets.indexOf(duration(t, i))]++;
            }
        }
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        counts.record(thread, duration(thread, i));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }).start();
        }
        BucketTally tally = new BucketTally();
        long swept = 0;
        AtomicBoolean finished = new AtomicBoolean();
        start.countDown();
        while (!finished.get()) {
            finished.set(done.getCount() == 0); // one more sweep after the last writer ended
            swept += counts.sweep(tally);
        }
        assertEquals((long) threads * perThread, swept);
        assertArrayEquals(expected, tally.byBucket);
    }

    private static long duration(int thread, int i) {
        return (i * 7919L + thread * 104_729L) % 5_000_000;
    }

    @Test
    void promotionIsBoundedByTheBudgetAndHappensOnce() {
        long perMethod = ManyToOneDurationCounts.bytesFor(4);
        HotMethodCounts hot = new HotMethodCounts(100, 4, 3 * perMethod, HotMethodCounts.DEFAULT_PROMOTION_RATE);
        assertEquals(3, hot.maxPromoted());
        assertNull(hot.forMethod(5));
        assertTrue(hot.promote(5));
        assertFalse(hot.promote(5), "already promoted");
        assertTrue(hot.promote(6));
        assertTrue(hot.promote(99));
        assertFalse(hot.promote(7), "budget spent");
        assertFalse(hot.promote(100), "out of range");
        assertFalse(hot.promote(-1));
        assertEquals(3, hot.promotedCount());
        assertEquals(99, hot.promotedId(2));
        assertNotNull(hot.forMethod(99));
        assertNull(hot.forMethod(100_000), "ids beyond the table are never promoted");
        assertEquals(0, HotMethodCounts.none().maxPromoted());
        assertEquals(HotMethodCounts.MAX_PROMOTED,
                new HotMethodCounts(10_000, 1, Long.MAX_VALUE, HotMethodCounts.DEFAULT_PROMOTION_RATE).maxPromoted(),
                "at most 32 whatever the budget");
    }

    @Test
    void sinkCountsAPromotedMethodInPlaceButSendsThrowsAndLongCallsThroughTheRing() {
        ManyToOneRingBufferStripes stripes = new ManyToOneRingBufferStripes(1 << 16, 1);
        HotMethodCounts hot = new HotMethodCounts(16, stripes.stripeCount(), HotMethodCounts.DEFAULT_BUDGET_BYTES,
                HotMethodCounts.DEFAULT_PROMOTION_RATE);
        RingBufferMethodSink sink = new RingBufferMethodSink(stripes, hot);
        sink.onMethodExit(3, 100, false);
        assertEquals(1, stripes.drain((type, buffer, index, length) -> { }, 100), "not promoted: the ring");
        assertTrue(hot.promote(3));
        sink.onMethodExit(3, 100, false);
        sink.onMethodExit(3, 100, false);
        sink.onMethodExit(3, 100, true);
        sink.onMethodExit(3, DurationBuckets.MAX_VALUE + 1, false);
        sink.onMethodExit(4, 100, false);
        int[] ringTypes = new int[3];
        int[] n = {0};
        assertEquals(3, stripes.drain((type, buffer, index, length) -> ringTypes[n[0]++] = type, 100));
        assertArrayEquals(new int[] {EventCodec.methodExitType(3, true), EventCodec.methodExitType(3, false),
                EventCodec.methodExitType(4, false)}, ringTypes, "the throw, the 4.3 s call and the other method");
        assertEquals(2, hot.forMethod(3).sweep(new BucketTally()), "the two plain calls were counted in place");
    }
}
