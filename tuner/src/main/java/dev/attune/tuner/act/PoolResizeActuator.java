package dev.attune.tuner.act;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Applies a core size to a live {@link ThreadPoolExecutor}. Agent thread only.
 *
 * <p>Ordering: since JDK 9, {@code setCorePoolSize} above the maximum and {@code setMaximumPoolSize} below the
 * core size throw, so a grow raises the maximum first and a shrink lowers the core first; the maximum follows
 * the core up and never goes below the application's own maximum. Neither call drops a task: lowering the core
 * only lets idle threads time out (those with work finish it first), and the maximum is never lowered below what
 * the application configured, so no submission is rejected that the application's own sizing would have taken.
 * A {@link ScheduledThreadPoolExecutor} uses only its core size (its queue is unbounded), so only that changes.
 *
 * <p>The application may resize its own pools at the same moment; then a call can throw
 * {@link IllegalArgumentException}. That is caught and reported as a failed resize, never passed on.
 */
public final class PoolResizeActuator {

    /** The outcome of one resize. */
    public enum Outcome {
        /** The pool now has the new core size. */
        APPLIED,
        /** The pool was already at that size. */
        UNCHANGED,
        /** The pool refused (a concurrent change by the application, or it is shut down). */
        FAILED
    }

    private PoolResizeActuator() {
    }

    /**
     * Sets {@code pool}'s core size to {@code core}; the maximum becomes {@code max(core, appMax)}.
     *
     * @param appMax the maximum size the application itself configured
     */
    public static Outcome resize(ThreadPoolExecutor pool, int core, int appMax) {
        if (core < 1 || pool.isShutdown()) {
            return Outcome.FAILED;
        }
        try {
            int oldCore = pool.getCorePoolSize();
            boolean scheduled = pool instanceof ScheduledThreadPoolExecutor;
            int max = scheduled ? pool.getMaximumPoolSize() : Math.max(core, appMax);
            if (oldCore == core && (scheduled || pool.getMaximumPoolSize() == max)) {
                return Outcome.UNCHANGED;
            }
            if (core > oldCore) {
                if (!scheduled && max > pool.getMaximumPoolSize()) {
                    pool.setMaximumPoolSize(max);
                }
                pool.setCorePoolSize(core);
                if (!scheduled && max < pool.getMaximumPoolSize()) {
                    pool.setMaximumPoolSize(max);
                }
            } else {
                pool.setCorePoolSize(core);
                if (!scheduled && max != pool.getMaximumPoolSize()) {
                    pool.setMaximumPoolSize(max);
                }
            }
            return Outcome.APPLIED;
        } catch (IllegalArgumentException | SecurityException e) {
            return Outcome.FAILED;
        }
    }

    /** True when the pool's queue never fills, so threads beyond the core size never start. */
    public static boolean queueUnbounded(ThreadPoolExecutor pool) {
        return pool instanceof ScheduledThreadPoolExecutor || pool.getQueue().remainingCapacity() == Integer.MAX_VALUE;
    }
}
