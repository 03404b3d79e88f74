package dev.attune.tuner.loop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The agent thread's idling: long parks that a deadline or a writer's unpark cut short. */
class DrainCadenceIdleStrategyTest {

    private static final long HOUR = TimeUnit.HOURS.toNanos(1);

    @Test
    void aSaturatedDrainIsFollowedAtOnceEvenWithALongPeriod() {
        DrainCadenceIdleStrategy idle = new DrainCadenceIdleStrategy(HOUR, 4096, () -> HOUR);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> idle.idle(4096));
    }

    @Test
    void aDueDeadlineIsNotParkedThrough() {
        DrainCadenceIdleStrategy idle = new DrainCadenceIdleStrategy(HOUR, 4096, () -> 0);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> idle.idle(0));
        DrainCadenceIdleStrategy overdue = new DrainCadenceIdleStrategy(HOUR, 4096, () -> -HOUR);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> overdue.idle(0));
    }

    @Test
    void aNearDeadlineShortensThePark() {
        DrainCadenceIdleStrategy idle = new DrainCadenceIdleStrategy(HOUR, 4096,
                () -> TimeUnit.MILLISECONDS.toNanos(10));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> idle.idle(0));
    }

    @Test
    void anUnparkEndsALongPark() throws Exception {
        DrainCadenceIdleStrategy idle = new DrainCadenceIdleStrategy(HOUR, 4096, () -> HOUR);
        CountDownLatch idling = new CountDownLatch(1);
        Thread agent = new Thread(() -> {
            idling.countDown();
            idle.idle(0);
        }, "test-agent");
        agent.setDaemon(true);
        agent.start();
        idling.await();
        assertWokenOutOfItsPark(agent, () -> LockSupport.unpark(agent));
    }

    /**
     * Wakes {@code agent} until it returns (a wake that lands before the park leaves a permit, which also ends
     * it), and fails if it has not within 10 s.
     */
    static void assertWokenOutOfItsPark(Thread agent, Runnable wake) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (agent.isAlive() && System.nanoTime() - deadline < 0) {
            wake.run();
            agent.join(10);
        }
        assertFalse(agent.isAlive(), "the woken agent thread returned from its one-hour park");
    }
}
