package dev.attune.instrumentation.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Waits for a CPU of real threads, found by their names among this process's Linux tasks. */
class RunQueueWaitsTest {

    @Test
    void aUniquelyNamedThreadIsResolvedOnceAndItsWaitRead() throws Exception {
        RunQueueWaits waits = RunQueueWaits.ofThisProcess();
        assumeTrue(waits.available(), "Linux scheduler statistics are not available here");
        CountDownLatch end = new CountDownLatch(1);
        Thread t = parked("rqw-unique-4711", end);
        try {
            @SuppressWarnings("deprecation")
            long id = t.getId();
            assertTrue(waits.needsName(id));
            assertEquals(-1, waits.waitedNanos(id, t.getName()), "unknown until the next scan");
            assertFalse(waits.needsName(id), "its name is held for the scan");
            assertEquals(1, waits.rescan());
            assertTrue(waits.waitedNanos(id, null) >= 0);
            assertFalse(waits.needsName(id));
        } finally {
            end.countDown();
            t.join();
        }
    }

    @Test
    void namesThatMatchSeveralTasksStayUnknownForGood() throws Exception {
        RunQueueWaits waits = RunQueueWaits.ofThisProcess();
        assumeTrue(waits.available(), "Linux scheduler statistics are not available here");
        CountDownLatch end = new CountDownLatch(1);
        // Native names keep 15 bytes: these two differ only past them.
        Thread a = parked("rqw-twin-thread-1", end);
        Thread b = parked("rqw-twin-thread-2", end);
        try {
            @SuppressWarnings("deprecation")
            long id = a.getId();
            waits.waitedNanos(id, a.getName());
            assertEquals(0, waits.rescan());
            assertEquals(-1, waits.waitedNanos(id, null));
            assertFalse(waits.needsName(id), "not looked up again");
        } finally {
            end.countDown();
            a.join();
            b.join();
        }
    }

    private static Thread parked(String name, CountDownLatch end) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            started.countDown();
            try {
                end.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        t.setDaemon(true);
        t.start();
        started.await();
        return t;
    }
}
