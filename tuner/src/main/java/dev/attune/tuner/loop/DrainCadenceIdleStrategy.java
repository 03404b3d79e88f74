package dev.attune.tuner.loop;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.agrona.concurrent.IdleStrategy;

/**
 * Idles the agent thread between drains unless a drain was saturated: parks for a period, never past the loop's
 * next deadline, and wakes earlier when a writer unparks it (a stripe has filled another quarter).
 *
 * <p>Why not idle only when there was no work (Agrona's usual rule): under a steady stream of events the
 * agent thread would then never rest, and would read each ring-buffer line right behind the writers,
 * pulling the lines they are still writing into its own core's cache and back. Draining in bursts
 * lets writers fill lines no one else touches, which is what keeps the hot path cheap. A drain that hit
 * its limit means a backlog: then the next one follows at once.
 *
 * <p>Why a long period: every wake-up costs the agent thread CPU whatever it then finds (about 27 µs a
 * wake-up on this project's 2-core virtual machine, so a 1 ms period cost an idle agent 2.7% of a core).
 * The buffers do not need it: their writers wake the reader as they fill, and JMX requests and shutdown wake
 * it too. The period bounds how late the agent thread's other work happens (pool discovery, MBean
 * registration); interval deadlines are kept to within a park's wake-up latency.
 */
public final class DrainCadenceIdleStrategy implements IdleStrategy {

    private final long periodNanos;
    private final int saturatedWork;
    private final LongSupplier nanosToDeadline;

    /**
     * Parks at most {@code periodNanos}, and at most {@code nanosToDeadline} (read on the agent thread after each
     * duty cycle), after each duty cycle that did less than {@code saturatedWork}.
     */
    public DrainCadenceIdleStrategy(long periodNanos, int saturatedWork, LongSupplier nanosToDeadline) {
        this.periodNanos = periodNanos;
        this.saturatedWork = saturatedWork;
        this.nanosToDeadline = nanosToDeadline;
    }

    @Override
    public void idle(int workCount) {
        if (workCount < saturatedWork) {
            idle();
        }
    }

    @Override
    public void idle() {
        long park = Math.min(periodNanos, nanosToDeadline.getAsLong());
        if (park > 0) {
            LockSupport.parkNanos(park);
        }
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
