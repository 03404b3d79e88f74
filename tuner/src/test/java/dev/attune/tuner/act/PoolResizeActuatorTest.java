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
    void scheduledPoolsChangeOnlyTheirCoreSize() {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1);
        try {
            int max = pool.getMaximumPoolSize();
            assertEquals(PoolResizeActuator.Outcome.APPLIED, PoolResizeActuator.resize(pool, 3, 1));
            assertEquals(3, pool.getCorePoolSize());
            assertEquals(max, pool.getMaximumPoolSize());
            assertTrue(PoolResizeActuator.queueUnbounded(pool));
        } finally {
            pool.shutdownNow();
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
