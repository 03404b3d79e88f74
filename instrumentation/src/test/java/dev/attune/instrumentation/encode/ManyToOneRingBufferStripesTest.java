package dev.attune.instrumentation.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.MessageHandler;
import org.junit.jupiter.api.Test;

class ManyToOneRingBufferStripesTest {

    /** Counts method exits by outcome and sums their durations. */
    private static final class Tally implements MessageHandler {
        long ok;
        long threw;
        long durationSum;

        @Override
        public void onMessage(int msgTypeId, org.agrona.MutableDirectBuffer buffer, int index, int length) {
            assertEquals(EventCodec.METHOD_EXIT_LENGTH, length);
            if (EventCodec.threw(msgTypeId)) {
                threw++;
            } else {
                ok++;
            }
            durationSum += buffer.getLong(index);
        }
    }

    @Test
    void stripeCountIsPowerOfTwoAndCapacitySplit() {
        ManyToOneRingBufferStripes stripes = new ManyToOneRingBufferStripes(1 << 20, 3);
        assertEquals(4, stripes.stripeCount());
        assertEquals(1 << 18, stripes.stripeCapacity());
    }

    @Test
    void writesAreReadBackWithIdsOutcomesAndDurations() {
        ManyToOneRingBufferStripes stripes = new ManyToOneRingBufferStripes(1 << 16, 1);
        new RingBufferMethodSink(stripes).onMethodExit(7, 100, false);
        stripes.writeMethodExit(7, 200, true);
        stripes.writeMethodExit(8, 300, false);
        Tally tally = new Tally();
        assertEquals(3, stripes.drain(tally, 100));
        assertEquals(2, tally.ok);
        assertEquals(1, tally.threw);
        assertEquals(600, tally.durationSum);
        assertEquals(0, stripes.dropped());
    }

    @Test
    void sinkIgnoresMethodsWithoutId() {
        ManyToOneRingBufferStripes stripes = new ManyToOneRingBufferStripes(1 << 16, 1);
        new RingBufferMethodSink(stripes).onMethodExit(MethodIds.NONE, 100, false);
        assertEquals(0, stripes.drain(new Tally(), 100));
    }

    @Test
    void fullBufferDropsAndCountsWithoutBlockingOrThrowing() {
        ManyToOneRingBufferStripes stripes = new ManyToOneRingBufferStripes(
                ManyToOneRingBufferStripes.MIN_STRIPE_BYTES, 1);
        int capacityEvents = stripes.stripeCapacity() / 16; // 8-byte header + 8-byte payload
        int attempts = capacityEvents + 1000;
        for (int i = 0; i < attempts; i++) {
            stripes.writeMethodExit(1, 1, false);
        }
        Tally tally = new Tally();
        int read = 0;
        for (int n; (n = stripes.drain(tally, 1 << 20)) > 0; ) {
            read += n;
        }
        assertTrue(stripes.dropped() >= 1000, "dropped " + stripes.dropped());
        assertEquals(attempts, read + stripes.dropped(), "every event is either read or counted as dropped");
        // After draining, there is room again.
        stripes.writeMethodExit(1, 1, false);
        assertEquals(1, stripes.drain(tally, 10));
    }

    @Test
    void concurrentWritersLoseNothingButCountedDrops() throws Exception {
        ManyToOneRingBufferStripes stripes = new ManyToOneRingBufferStripes(1 << 16, 4);
        int writers = 4;
        int perWriter = 200_000;
        CountDownLatch start = new CountDownLatch(1);
        Thread[] threads = new Thread[writers];
        for (int t = 0; t < writers; t++) {
            threads[t] = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perWriter; i++) {
                    stripes.writeMethodExit(i & 15, 1, (i & 1) == 0);
                }
            });
            threads[t].start();
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong read = new AtomicLong();
        Tally tally = new Tally();
        Thread reader = new Thread(() -> {
            while (writing.get()) {
                read.addAndGet(stripes.drain(tally, 4096));
            }
            for (int n; (n = stripes.drain(tally, 4096)) > 0; ) {
                read.addAndGet(n);
            }
        });
        reader.start();
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        writing.set(false);
        reader.join();
        assertEquals((long) writers * perWriter, read.get() + stripes.dropped());
        assertEquals(read.get(), tally.durationSum, "each event carries its duration intact");
        assertEquals(read.get(), tally.ok + tally.threw);
    }

    @Test
    void aWriterWakesTheParkedReaderWhenItStartsAQuarterOfAStripe() throws Exception {
        ManyToOneRingBufferStripes stripes = new ManyToOneRingBufferStripes(
                ManyToOneRingBufferStripes.MIN_STRIPE_BYTES, 1);
        // The wake-up relies on every record being 16 bytes: an 8-byte header and an 8-byte payload.
        assertEquals(8, EventCodec.METHOD_EXIT_LENGTH);
        assertEquals(8, SignalCodec.LENGTH);
        int quarter = stripes.stripeCapacity() / 16 / 4;
        AtomicLong wakes = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch registered = new CountDownLatch(1);
        // Parks with no timeout: only a writer's unpark (or the end of the test) wakes it.
        Thread reader = new Thread(() -> {
            stripes.wakeOnFill(Thread.currentThread());
            registered.countDown();
            while (running.get()) {
                LockSupport.park();
                wakes.incrementAndGet();
            }
        }, "test-reader");
        reader.setDaemon(true);
        reader.start();
        registered.await();

        stripes.writeMethodExit(1, 1, false); // the first record of the first quarter
        awaitWakes(wakes, 1);
        for (int i = 1; i < quarter; i++) { // the rest of the quarter, through both write paths
            if ((i & 1) == 0) {
                stripes.writeMethodExit(1, 1, false);
            } else {
                stripes.writePoolWait(0, 1);
            }
        }
        Thread.sleep(100);
        assertEquals(1, wakes.get(), "no wake-up within a quarter");
        stripes.writeSignal(Signal.JVM_CPU_LOAD, 0.5); // the first record of the second quarter
        awaitWakes(wakes, 2);
        assertEquals(0, stripes.dropped());

        running.set(false);
        LockSupport.unpark(reader);
        reader.join(10_000);
    }

    private static void awaitWakes(AtomicLong wakes, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (wakes.get() < expected && System.nanoTime() - deadline < 0) {
            Thread.sleep(1);
        }
        assertEquals(expected, wakes.get(), "reader woken");
    }

    /** What a writer leaves behind when an error strikes between claim and commit: a claim, never committed. */
    private static int claimAndAbandon(ManyToOneRingBufferStripes stripes) {
        int index = stripes.stripe(0).tryClaim(EventCodec.methodExitType(1, true), EventCodec.METHOD_EXIT_LENGTH);
        assertTrue(index > 0);
        return index;
    }

    @Test
    void aRecordLeftClaimedIsReleasedOnceTheReaderHasSeenItStuckLongEnoughAndLaterEventsAllArrive() {
        long[] now = {0};
        ManyToOneRingBufferStripes stripes = new ManyToOneRingBufferStripes(1 << 16, 1, () -> now[0]);
        claimAndAbandon(stripes);
        for (int i = 0; i < 100; i++) {
            stripes.writeMethodExit(2, 5, false);
        }
        Tally tally = new Tally();
        int read = stripes.drain(tally, 1000);
        // Looks every 200 ms, as a parked reader does at most every 50 ms: stopped until the timeout has passed.
        for (long waited = 0; waited + 200_000_000L < ManyToOneRingBufferStripes.UNBLOCK_AFTER_NANOS; ) {
            now[0] += 200_000_000L;
            waited += 200_000_000L;
            read += stripes.drain(tally, 1000);
        }
        assertEquals(0, read, "the reader stops at the claimed record");
        assertEquals(0, stripes.dropped());
        now[0] += 200_000_000L;
        read += stripes.drain(tally, 1000); // releases the claim
        read += stripes.drain(tally, 1000);
        assertEquals(100, read, "every event after the abandoned claim");
        assertEquals(100, tally.ok);
        assertEquals(1, stripes.dropped(), "the abandoned event counts as dropped");
        stripes.writeMethodExit(2, 5, false);
        assertEquals(1, stripes.drain(tally, 1000));
    }

    @Test
    void aReaderHeldUpLongerThanTheTimeoutWaitsAgainSoAClaimOfAWriterHeldUpWithItSurvives() {
        long[] now = {0};
        ManyToOneRingBufferStripes stripes = new ManyToOneRingBufferStripes(1 << 16, 1, () -> now[0]);
        int index = claimAndAbandon(stripes);
        Tally tally = new Tally();
        assertEquals(0, stripes.drain(tally, 1000));
        now[0] += 5_000_000_000L; // a long GC pause: the writer had no time to commit either
        assertEquals(0, stripes.drain(tally, 1000));
        now[0] += 200_000_000L;
        assertEquals(0, stripes.drain(tally, 1000));
        assertEquals(0, stripes.dropped(), "not released: the reader has seen it stopped for only 200 ms");
        stripes.stripe(0).buffer().putLong(index, 42);
        stripes.stripe(0).commit(index);
        assertEquals(1, stripes.drain(tally, 1000));
        assertEquals(1, tally.threw);
        assertEquals(42, tally.durationSum);
    }

    @Test
    void severalRecordsLeftClaimedOneAfterAnotherAreReleasedAfterOneWait() {
        long[] now = {0};
        ManyToOneRingBufferStripes stripes = new ManyToOneRingBufferStripes(1 << 16, 1, () -> now[0]);
        for (int claim = 0; claim < 3; claim++) {
            claimAndAbandon(stripes);
            for (int i = 0; i < 10; i++) {
                stripes.writeMethodExit(2, 5, false);
            }
        }
        Tally tally = new Tally();
        int read = stripes.drain(tally, 1000);
        for (int look = 0; look < 5; look++) {
            now[0] += 200_000_000L;
            read += stripes.drain(tally, 1000);
        }
        for (int look = 0; look < 6; look++) {
            read += stripes.drain(tally, 1000);
        }
        assertEquals(30, read, "all three claims released after one wait of " + now[0] + " ns");
        assertEquals(3, stripes.dropped());
    }

    @Test
    void unreadCountsEventsWaiting() {
        ManyToOneRingBufferStripes stripes = new ManyToOneRingBufferStripes(1 << 16, 2);
        for (int i = 0; i < 10; i++) {
            stripes.writeMethodExit(1, 1, false);
        }
        assertEquals(10, stripes.unread());
        stripes.drain(new Tally(), 1000);
        assertEquals(0, stripes.unread());
    }
}
