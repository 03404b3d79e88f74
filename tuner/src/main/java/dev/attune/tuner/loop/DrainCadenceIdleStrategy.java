package dev.attune.tuner.loop;

import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.IdleStrategy;

/**
 * Idles the agent thread between drains unless a drain was saturated.
 *
 * <p>Why not idle only when there was no work (Agrona's usual rule): under a steady stream of events the
 * agent thread would then never rest, and would read each ring-buffer line right behind the writers,
 * pulling the lines they are still writing into its own core's cache and back. Draining in bursts, once
 * a period, lets writers fill lines no one else touches, which is what keeps the hot path cheap. A drain
 * that hit its limit means a backlog: then the next one follows at once, so buffers never fill.
 */
public final class DrainCadenceIdleStrategy implements IdleStrategy {

    private final long periodNanos;
    private final int saturatedWork;

    /** Parks {@code periodNanos} after each duty cycle that did less than {@code saturatedWork}. */
    public DrainCadenceIdleStrategy(long periodNanos, int saturatedWork) {
        this.periodNanos = periodNanos;
        this.saturatedWork = saturatedWork;
    }

    @Override
    public void idle(int workCount) {
        if (workCount < saturatedWork) {
            idle();
        }
    }

    @Override
    public void idle() {
        LockSupport.parkNanos(periodNanos);
    }

    @Override
    public void reset() {
        // no state
    }

    @Override
    public String alias() {
        return "drain-cadence";
    }
}
