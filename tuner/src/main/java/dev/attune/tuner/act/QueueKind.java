package dev.attune.tuner.act;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * What a pool's queue can hold, read from its type and capacity (never from what it holds at the moment): it
 * decides which of the pool's sizes matter.
 */
public enum QueueKind {
    /** A queue that fills: threads beyond the core size start once it is full. */
    BOUNDED("bounded"),
    /** A queue that never fills: threads beyond the core size never start, the maximum means nothing. */
    UNBOUNDED("unbounded"),
    /** A queue that holds nothing (a direct hand-off): a task starts a thread or is rejected, never waits. */
    HAND_OFF("hand-off");

    private final String key;

    QueueKind(String key) {
        this.key = key;
    }

    /** The kind as written in the log. */
    public String key() {
        return key;
    }

    /** The kind of {@code pool}'s queue. */
    public static QueueKind of(ThreadPoolExecutor pool) {
        if (pool instanceof ScheduledThreadPoolExecutor) {
            return UNBOUNDED; // its delayed work queue grows as needed
        }
        BlockingQueue<Runnable> queue = pool.getQueue();
        // Capacity is what is held plus what still fits; either may move between the two reads, by a few tasks at
        // most, so "unbounded" is anything near Integer.MAX_VALUE (the JDK's queues' own "no bound").
        long capacity = (long) queue.remainingCapacity() + queue.size();
        return capacity >= Integer.MAX_VALUE / 2 ? UNBOUNDED : capacity == 0 ? HAND_OFF : BOUNDED;
    }
}
