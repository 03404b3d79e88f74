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

    /** What a resize left: its outcome, and the core and maximum sizes the actuator set or left in place. */
    public record Resized(Outcome outcome, int core, int max) {
    }

    /**
     * Sets {@code pool}'s core size to {@code core}; the maximum becomes {@code max(core, appMax)}, but a grow never
     * lowers a maximum it finds higher (the application's own, raised meanwhile).
     *
     * @param appMax the maximum size the application itself configured
     */
    public static Outcome resize(ThreadPoolExecutor pool, int core, int appMax) {
        return resizeTo(pool, core, appMax).outcome();
    }

    /**
     * As {@link #resize}, and says which sizes it set: what the pool has now as far as the agent knows, so that a
     * size the application sets at the same moment is not taken for the agent's.
     */
    public static Resized resizeTo(ThreadPoolExecutor pool, int core, int appMax) {
        int oldCore = pool.getCorePoolSize();
        int oldMax = pool.getMaximumPoolSize();
        if (core < 1 || pool.isShutdown()) {
            return new Resized(Outcome.FAILED, oldCore, oldMax);
        }
        try {
            boolean scheduled = pool instanceof ScheduledThreadPoolExecutor;
            int max = scheduled ? oldMax : Math.max(core, appMax);
            if (core > oldCore) {
                // Maximum first: since JDK 9 a core size above the maximum throws.
                max = Math.max(max, oldMax);
                if (max > oldMax) {
                    pool.setMaximumPoolSize(max);
                }
                pool.setCorePoolSize(core);
            } else if (core == oldCore && max == oldMax) {
                return new Resized(Outcome.UNCHANGED, core, max);
            } else {
                pool.setCorePoolSize(core);
                if (max != oldMax) {
                    pool.setMaximumPoolSize(max);
                }
            }
            return new Resized(Outcome.APPLIED, core, max);
        } catch (IllegalArgumentException | SecurityException e) {
            // Most likely the application resized the pool meanwhile: the sizes read before say what the agent knew.
            return new Resized(Outcome.FAILED, oldCore, oldMax);
        }
    }
}
