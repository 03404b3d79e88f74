package dev.attune.tuner.decide;

/**
 * What {@link StressBreakerRule} decided for one interval: whether the breaker opened, closed or stayed as it
 * was, with the monitor(s) behind it, the reason and the figures (logfmt pairs, ready for the log line).
 *
 * @param transition none, opened or closed
 * @param monitors   the monitors that tripped it, comma-separated ({@code heap_after_gc}, {@code cpu}); on a
 *                   close, those that had tripped it; empty for none
 * @param reason     a short phrase: why
 * @param evidence   the figures, e.g. {@code heap_after_gc_ratio=0.934 cpu_ratio=0.412 ...}
 */
public record BreakerDecision(Transition transition, String monitors, String reason, String evidence) {

    /** The kinds of decision. */
    public enum Transition {
        /** The breaker stays as it was. */
        NONE,
        /** A monitor was stressed for the required intervals: sampling and tuning pause. */
        OPENED,
        /** Every monitor was relieved for the required intervals: sampling and tuning resume. */
        CLOSED
    }

    static BreakerDecision none(String evidence) {
        return new BreakerDecision(Transition.NONE, "", "", evidence);
    }
}
