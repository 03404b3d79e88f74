package dev.attune.tuner.loop;

import dev.attune.tuner.decide.PoolSample;
import dev.attune.tuner.report.log.AgentLog;

/**
 * The saturation alert of one pool: fires when tasks have waited (rejections, or queue wait p99 above the pool's
 * threshold; {@code Long.MAX_VALUE} while none is known yet, so only rejections count) for {@link #INTERVALS}
 * intervals in a row, resolves after as many calm ones; one log line each way, nothing in between. Agent thread
 * only.
 */
final class SaturationAlert {

    static final int INTERVALS = 2;

    private int saturatedStreak;
    private int calmStreak;
    private boolean firing;

    /** Takes one interval's sample; writes a firing or resolved line when the state changes. */
    void observe(String pool, PoolSample s, long thresholdNanos, AgentLog log) {
        boolean saturated = s.rejected() > 0 || (s.queued() > 0 && s.queueWaitP99Nanos() > thresholdNanos);
        saturatedStreak = saturated ? saturatedStreak + 1 : 0;
        calmStreak = saturated ? 0 : calmStreak + 1;
        if (!firing && saturatedStreak >= INTERVALS) {
            firing = true;
            line(log.warn("alert"), "firing", pool, s, thresholdNanos).kv("rejected", s.rejected()).emit();
        } else if (firing && calmStreak >= INTERVALS) {
            firing = false;
            line(log.info("alert"), "resolved", pool, s, thresholdNanos).emit();
        }
    }

    private static AgentLog.Line line(AgentLog.Line line, String state, String pool, PoolSample s, long threshold) {
        line.kv("state", state).kv("alert", "pool_saturated").kv("pool", pool).kv("intervals", INTERVALS)
                .kv("queued", s.queued()).kv("queue_wait_p99_ms", s.queueWaitP99Nanos() / 1e6);
        return threshold == Long.MAX_VALUE ? line.kv("threshold_ms", "learning")
                : line.kv("threshold_ms", threshold / 1e6);
    }
}
