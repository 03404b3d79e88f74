package dev.attune.tuner.decide;

import java.util.Locale;

/**
 * What {@link CacheSizeRule} decided for one cache: hold, or a new maximum, with the reason and the evidence behind
 * it (logfmt pairs, ready for the {@code cache_resize} log line and the audit trail).
 *
 * @param action   hold, grow, shrink or revert
 * @param fromSize maximum before (entries, or weight)
 * @param toSize   maximum wanted (equal to {@code fromSize} for a hold)
 * @param reason   a short phrase: why
 * @param evidence the figures behind it, e.g. {@code hit_ratio=0.412 requests_per_s=1200.0 heap_after_gc=0.41}
 */
public record CacheDecision(Action action, long fromSize, long toSize, String reason, String evidence)
        implements SizeChange {

    /** The kinds of decision. */
    public enum Action { HOLD, GROW, SHRINK, REVERT }

    /** A hold at {@code size}. */
    static CacheDecision hold(long size, String reason, String evidence) {
        return new CacheDecision(Action.HOLD, size, size, reason, evidence);
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
