package dev.attune.tuner.decide;

/**
 * A rule's decision for one resource and one control period, whatever the kind: hold, or resize from one size to
 * another, with the reason and the evidence (logfmt pairs, ready for the log line and the audit trail). The shared
 * control step applies, advises, audits and shows it without knowing the kind.
 */
public interface SizeChange {

    /** {@code hold}, {@code grow}, {@code shrink} or {@code revert}. */
    String actionName();

    /** True for a revert of a change that did not help. */
    boolean reverts();

    /** Size before. */
    long from();

    /** Size wanted (equal to {@link #from} for a hold). */
    long to();

    /** A short phrase: why. */
    String reason();

    /** The figures behind it, e.g. {@code queue_wait_p99_ms=230 blocked=0.92 cpu=0.41}. */
    String evidence();

    /** True when the decision changes the resource. */
    default boolean changes() {
        return !actionName().equals("hold") && to() != from();
    }

    /** True when {@code other} says the same: the same action between the same sizes. */
    default boolean sameAs(SizeChange other) {
        return other != null && other.actionName().equals(actionName()) && other.from() == from()
                && other.to() == to();
    }
}
