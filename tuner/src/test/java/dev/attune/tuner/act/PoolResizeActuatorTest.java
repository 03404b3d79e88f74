package dev.attune.tuner.act;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** Resizes of real pools: ordering, bounds, and no task lost under concurrent submission. */
class PoolResizeActuatorTest {

    @Test
    void growsPastTheMaximumAndShrinksBackWithoutEverBreakingCoreAtMostMax() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10));
        try {
            assertEquals(PoolResizeActuator.Outcome.APPLIED, PoolResizeActuator.resize(pool, 9, 4));
            assertEquals(9, pool.getCorePoolSize());
            assertEquals(9, pool.getMaximumPoolSize());
            assertEquals(PoolResizeActuator.Outcome.APPLIED, PoolResizeActuator.resize(pool, 3, 4));
            assertEquals(3, pool.getCorePoolSize());
            assertEquals(4, pool.getMaximumPoolSize(), "the maximum returns to the application's own");
            assertEquals(PoolResizeActuator.Outcome.UNCHANGED, PoolResizeActuator.resize(pool, 3, 4));
            assertEquals(PoolResizeActuator.Outcome.FAILED, PoolResizeActuator.resize(pool, 0, 4));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aGrowNeverLowersAMaximumTheApplicationRaisedAndSaysWhatItLeft() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10));
        try {
            pool.setMaximumPoolSize(40); // the application, after the agent read its maximum of 2
            PoolResizeActuator.Resized grown = PoolResizeActuator.resizeTo(pool, 4, 2);
            assertEquals(new PoolResizeActuator.Resized(PoolResizeActuator.Outcome.APPLIED, 4, 40), grown);
            assertEquals(40, pool.getMaximumPoolSize());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void scheduledPoolsChangeOnlyTheirCoreSize() {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1);
        try {
            int max = pool.getMaximumPoolSize();
            assertEquals(PoolResizeActuator.Outcome.APPLIED, PoolResizeActuator.resize(pool, 3, 1));
            assertEquals(3, pool.getCorePoolSize());
            assertEquals(max, pool.getMaximumPoolSize());
            assertEquals(QueueKind.UNBOUNDED, QueueKind.of(pool));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theQueueKindIsReadFromTheQueuesCapacityNotFromWhatItHolds() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ThreadPoolExecutor unbounded = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        ThreadPoolExecutor full = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new ArrayBlockingQueue<>(2));
        ThreadPoolExecutor handOff = new ThreadPoolExecutor(1, 4, 1, TimeUnit.SECONDS,
                new java.util.concurrent.SynchronousQueue<>());
        try {
            for (ThreadPoolExecutor pool : new ThreadPoolExecutor[] {unbounded, full}) {
                for (int i = 0; i < 3; i++) { // one runs and holds the only thread, two wait
                    pool.execute(() -> await(release));
                }
            }
            assertEquals(2, unbounded.getQueue().size(), "an unbounded queue that is not empty");
            assertEquals(QueueKind.UNBOUNDED, QueueKind.of(unbounded));
            assertEquals(0, full.getQueue().remainingCapacity(), "a bounded queue that is full");
            assertEquals(QueueKind.BOUNDED, QueueKind.of(full));
            assertEquals(QueueKind.HAND_OFF, QueueKind.of(handOff));
        } finally {
            release.countDown();
            unbounded.shutdownNow();
            full.shutdownNow();
            handOff.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aShutDownPoolIsNotTouched() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        pool.shutdown();
        assertEquals(PoolResizeActuator.Outcome.FAILED, PoolResizeActuator.resize(pool, 4, 1));
        assertEquals(1, pool.getCorePoolSize());
    }

    @Test
    void randomResizesWhileFourThreadsSubmitAMillionTasksLoseNothing() throws Exception {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 4, 50, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
        int submitters = 4;
        int perSubmitter = 250_000;
        LongAdder ran = new LongAdder();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch submitted = new CountDownLatch(submitters);
        for (int s = 0; s < submitters; s++) {
            Thread t = new Thread(() -> {
                try {
                    for (int i = 0; i < perSubmitter; i++) {
                        pool.execute(ran::increment);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    submitted.countDown();
                }
            }, "submitter-" + s);
            t.start();
        }
        SplittableRandom random = new SplittableRandom(42);
        int resizes = 0;
        while (submitted.getCount() > 0 || resizes < 1_000) {
            int core = 1 + random.nextInt(16);
            int appMax = 1 + random.nextInt(16);
            PoolResizeActuator.Outcome outcome = PoolResizeActuator.resize(pool, core, appMax);
            assertTrue(outcome != PoolResizeActuator.Outcome.FAILED, "resize to " + core + "/" + appMax);
            assertTrue(pool.getCorePoolSize() <= pool.getMaximumPoolSize());
            resizes++;
        }
        submitted.await();
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS), "all tasks finish");
        assertEquals(null, failure.get());
        assertEquals((long) submitters * perSubmitter, ran.sum(), "every task ran");
        assertTrue(resizes >= 1_000, "resized " + resizes + " times");
    }
}
