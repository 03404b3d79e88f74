package dev.attune.tuner.loop;

import dev.attune.tuner.decide.PoolSample;
import dev.attune.tuner.report.log.AgentLog;

/**
 * The saturation alert of one pool, on the reporting interval's cadence: an interval counts as saturated when
 * tasks were rejected in it, or waited (queue wait p99 above the pool's threshold; {@code Long.MAX_VALUE} while none
 * is known yet, so only rejections count) in at least half of its control periods. Fires after {@link #INTERVALS}
 * saturated intervals in a row, resolves after as many calm ones; one log line each way, nothing in between. Agent
 * thread only.
 */
final class SaturationAlert {

    static final int INTERVALS = 2;

    private int saturatedStreak;
    private int calmStreak;
    private boolean firing;
    // The interval under way.
    private int periods;
    private int waitedPeriods;
    private long rejected;
    private int worstQueued;
    private long worstWaitNanos;
    private long thresholdNanos = Long.MAX_VALUE;

    /** Takes one control period's sample. */
    void observe(PoolSample s, long threshold) {
        periods++;
        rejected += s.rejected();
        if (s.queued() > 0 && s.queueWaitP99Nanos() > threshold) {
            waitedPeriods++;
        }
        worstQueued = Math.max(worstQueued, s.queued());
        worstWaitNanos = Math.max(worstWaitNanos, s.queueWaitP99Nanos());
        thresholdNanos = threshold;
    }

    /** Ends the reporting interval; writes a firing or resolved line when the state changes. */
    void endInterval(String pool, AgentLog log) {
        if (periods == 0) {
            return; // not measured in this interval (not yet named): neither saturated nor calm
        }
        boolean saturated = rejected > 0 || waitedPeriods * 2 >= periods;
        saturatedStreak = saturated ? saturatedStreak + 1 : 0;
        calmStreak = saturated ? 0 : calmStreak + 1;
        if (!firing && saturatedStreak >= INTERVALS) {
            firing = true;
            line(log.warn("alert"), "firing", pool).kv("rejected", rejected).emit();
        } else if (firing && calmStreak >= INTERVALS) {
            firing = false;
            line(log.info("alert"), "resolved", pool).emit();
        }
        periods = 0;
        waitedPeriods = 0;
        rejected = 0;
        worstQueued = 0;
        worstWaitNanos = 0;
    }

    private AgentLog.Line line(AgentLog.Line line, String state, String pool) {
        line.kv("state", state).kv("alert", "pool_saturated").kv("pool", pool).kv("intervals", INTERVALS)
                .kv("queued", worstQueued).kv("queue_wait_p99_ms", worstWaitNanos / 1e6);
        return thresholdNanos == Long.MAX_VALUE ? line.kv("threshold_ms", "learning")
                : line.kv("threshold_ms", thresholdNanos / 1e6);
    }
}
