package dev.attune.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link PoolTap} and {@link PoolProbe} with real pools and threads: a pool is registered by the agent's thread
 * after its first use, measured from then on (queue wait and run time, by task identity and worker thread), and
 * held weakly, so a pool that becomes garbage leaves only a cleared probe.
 */
class PoolTapTest {

    /** What the sink received: {pool id, 0 for a wait or 1 for a run, nanos}. */
    private static final Queue<long[]> EVENTS = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger IDS = new AtomicInteger(100);

    @BeforeAll
    static void installSink() {
        // The tap keeps the first sink for the JVM's life: this class is its only user in this module's tests.
        assertTrue(PoolTap.install(new PoolEventSink() {
            @Override
            public void onQueueWait(int poolId, long waitNanos) {
                EVENTS.add(new long[] {poolId, 0, waitNanos});
            }

            @Override
            public void onTaskRun(int poolId, long runNanos) {
                EVENTS.add(new long[] {poolId, 1, runNanos});
            }
        }));
        assertFalse(PoolTap.install(new RecordingOnlyOnce()), "only the first sink is kept");
    }

    /** Registers what was announced; returns the probe of {@code pool}, or null. */
    private static PoolProbe register(TappedPool pool) {
        List<PoolProbe> found = new ArrayList<>();
        PoolTap.registerNewcomers(IDS::getAndIncrement, any -> false, found::add);
        return found.stream().filter(p -> p.pool() == pool).findFirst().orElse(null);
    }

    private static List<Long> times(PoolProbe probe, int kind) {
        List<Long> out = new ArrayList<>();
        for (long[] e : EVENTS) {
            if (e[0] == probe.id() && e[1] == kind) {
                out.add(e[2]);
            }
        }
        return out;
    }

    @Test
    void aPoolIsRegisteredOnFirstUseOnceAndMeasuredFromThen() throws Exception {
        TappedPool pool = new TappedPool(1, 1, new LinkedBlockingQueue<>());
        try {
            pool.submit(() -> { }).get();
            PoolProbe probe = register(pool);
            assertNotNull(probe, "announced on first use, registered by the agent's call");
            pool.submit(() -> { }).get();
            assertNull(register(pool), "registered once");

            // Hold the only worker, queue a second task behind it, and release after a measured while. The while is
            // measured from after the second task is queued, when the first has surely started: so the queued task
            // waited at least that long and the holding task ran at least that long, however the threads were
            // scheduled on a busy machine.
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            pool.execute(() -> {
                started.countDown();
                await(release);
            });
            assertTrue(started.await(10, TimeUnit.SECONDS));
            pool.execute(() -> { }); // queued behind the holding task
            long queued = System.nanoTime();
            TimeUnit.MILLISECONDS.sleep(30);
            long held = System.nanoTime() - queued;
            release.countDown();
            pool.submit(() -> { }).get(); // runs after the two: both have been measured by now
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));

            assertEquals(4, probe.submitted.get(), "every execute after registration");
            assertTrue(times(probe, 0).stream().anyMatch(w -> w >= held),
                    "the queued task waited at least as long as the worker was held after it: " + times(probe, 0));
            assertTrue(times(probe, 1).stream().anyMatch(r -> r >= held),
                    "the holding task ran at least that long: " + times(probe, 1));
            assertEquals(0, probe.rejected.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPoolTheAgentIgnoresIsNeverMeasuredNorAnnouncedAgain() throws Exception {
        TappedPool own = new TappedPool(1, 1, new LinkedBlockingQueue<>());
        try {
            own.submit(() -> { }).get();
            List<PoolProbe> found = new ArrayList<>();
            PoolTap.registerNewcomers(IDS::getAndIncrement, pool -> pool == own, found::add);
            assertTrue(found.stream().noneMatch(p -> p.pool() == own), "the agent's own pool is not handed on");
            own.submit(() -> { }).get();
            own.submit(() -> { }).get();
            assertNull(register(own), "nor announced again once ignored");
        } finally {
            own.shutdownNow();
        }
    }

    @Test
    void workersAreListedEvenWhenTheyOnlyEverRanTheirFirstTask() throws Exception {
        TappedPool pool = new TappedPool(3, 3, new LinkedBlockingQueue<>());
        try {
            pool.submit(() -> { }).get();
            PoolProbe probe = register(pool);
            CountDownLatch started = new CountDownLatch(2);
            CountDownLatch release = new CountDownLatch(1);
            Queue<Long> newWorkers = new ConcurrentLinkedQueue<>();
            for (int i = 0; i < 2; i++) {
                pool.execute(() -> {
                    @SuppressWarnings("deprecation")
                    long id = Thread.currentThread().getId();
                    newWorkers.add(id);
                    started.countDown();
                    await(release);
                });
            }
            assertTrue(started.await(10, TimeUnit.SECONDS));
            release.countDown();
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            long[] ids = new long[8];
            List<Long> listed = new ArrayList<>();
            for (int i = 0, n = probe.workerIds(ids); i < n; i++) {
                listed.add(ids[i]);
            }
            // Each new worker ran only its first task, which never passes the queue, and was seen when it asked
            // for its next one. (The first worker may or may not have asked again after registration.)
            assertTrue(listed.containsAll(newWorkers), listed + " holds " + newWorkers);
            assertEquals(2, newWorkers.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectionsAreCounted() throws Exception {
        TappedPool pool = new TappedPool(1, 1, new ArrayBlockingQueue<>(1));
        CountDownLatch release = new CountDownLatch(1);
        try {
            pool.submit(() -> { }).get();
            PoolProbe probe = register(pool);
            CountDownLatch running = new CountDownLatch(1);
            pool.execute(() -> {
                running.countDown();
                await(release);
            });
            assertTrue(running.await(10, TimeUnit.SECONDS));
            pool.execute(() -> { }); // fills the queue of one
            assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> { }));
            assertEquals(1, probe.rejected.get());
            assertEquals(3, probe.submitted.get(), "a rejected task was submitted too");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aPoolThatBecomesGarbageLeavesOnlyAClearedProbe() throws Exception {
        PoolProbe probe = useAndDrop();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (probe.pool() != null && System.nanoTime() < deadline) {
            System.gc();
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertNull(probe.pool(), "the probe holds its pool weakly");
        assertTrue(PoolTap.unregister(probe));
        assertFalse(PoolTap.unregister(probe), "already gone");
    }

    private static PoolProbe useAndDrop() throws Exception {
        TappedPool pool = new TappedPool(1, 1, new LinkedBlockingQueue<>());
        pool.submit(() -> { }).get();
        PoolProbe probe = register(pool);
        assertNotNull(probe);
        pool.submit(() -> { }).get();
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        return probe; // the only reference to the pool left is the probe's weak one
    }

    @Test
    void queueWaitIsMatchedByTaskIdentityOnceAndRunTimePerWorker() {
        PoolProbe probe = new PoolProbe(7, new TappedPool(1, 1, new LinkedBlockingQueue<>()));
        Object task = new Object();
        probe.submit(task, 1_000);
        assertEquals(250, probe.taken(task, 1_250));
        assertEquals(-1, probe.taken(task, 1_300), "taken once");
        assertEquals(-1, probe.taken(new Object(), 1_300), "never submitted");

        assertEquals(-1, probe.finished(42, 2_000), "a worker's first ask: no task before");
        assertTrue(probe.started(42, 2_000));
        assertEquals(500, probe.finished(42, 2_500));
        assertEquals(-1, probe.finished(42, 2_600), "each run is reported once");
        long[] ids = new long[4];
        assertEquals(1, probe.workerIds(ids));
        assertEquals(42, ids[0]);
        probe.forgetWorker(42);
        assertEquals(0, probe.workerIds(ids));
        assertTrue(probe.started(43, 3_000), "a forgotten worker's slot can be taken again");
    }

    @Test
    void aFullTableSkipsTasksAndCountsThemAndStaleEntriesAreReused() {
        PoolProbe probe = new PoolProbe(8, new TappedPool(1, 1, new LinkedBlockingQueue<>()));
        List<Object> tasks = new ArrayList<>();
        for (int i = 0; i < PoolProbe.TASK_SLOTS + 500; i++) {
            Object t = new Object();
            tasks.add(t);
            probe.submit(t, 1_000);
        }
        assertTrue(probe.unmeasured.get() >= 500, "at most TASK_SLOTS tasks are held: " + probe.unmeasured.get());
        long later = 1_000 + PoolProbe.STALE_NANOS + 1;
        long before = probe.unmeasured.get();
        Object fresh = new Object();
        probe.submit(fresh, later);
        assertEquals(before, probe.unmeasured.get(), "entries older than STALE_NANOS make room");
        assertEquals(1, probe.taken(fresh, later + 1));
    }

    @Test
    void aSubmittedTaskIsNeverKeptReachableByTheProbe() throws InterruptedException {
        PoolProbe probe = new PoolProbe(9, new TappedPool(1, 1, new LinkedBlockingQueue<>()));
        Object task = new Object();
        java.lang.ref.WeakReference<Object> ref = new java.lang.ref.WeakReference<>(task);
        probe.submit(task, 1_000); // a task that starts at once on a new worker is never taken from the queue
        task = null;
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(ref.get(), "only the task's identity hash is kept, never the task");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class RecordingOnlyOnce implements PoolEventSink {
        @Override
        public void onQueueWait(int poolId, long waitNanos) {
        }

        @Override
        public void onTaskRun(int poolId, long runNanos) {
        }
    }
}
