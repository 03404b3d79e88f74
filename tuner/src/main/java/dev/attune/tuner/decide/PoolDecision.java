package dev.attune.tuner.decide;

import java.util.Locale;

/**
 * What {@link PoolSizeRule} decided for one pool: hold, or resize to a new core size, with the reason and the
 * evidence behind it (logfmt pairs, ready for the log line and the audit trail).
 *
 * @param action   hold, grow, shrink or revert
 * @param fromSize core size before
 * @param toSize   core size wanted (equal to {@code fromSize} for a hold)
 * @param reason   a short phrase: why
 * @param evidence the figures behind it, e.g. {@code queue_wait_p99_ms=230 blocked=0.92 cpu=0.41}
 */
public record PoolDecision(Action action, int fromSize, int toSize, String reason, String evidence)
        implements SizeChange {

    /** The kinds of decision. */
    public enum Action { HOLD, GROW, SHRINK, REVERT }

    /** A hold at {@code size}. */
    static PoolDecision hold(int size, String reason, String evidence) {
        return new PoolDecision(Action.HOLD, size, size, reason, evidence);
    }

    /** True when the decision changes the pool. */
    @Override
    public boolean changes() {
        return action != Action.HOLD && toSize != fromSize;
    }

    @Override
    public String actionName() {
        return action.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean reverts() {
        return action == Action.REVERT;
    }

    @Override
    public long from() {
        return fromSize;
    }

    @Override
    public long to() {
        return toSize;
    }
}
