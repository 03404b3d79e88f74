package dev.attune.tuner.act;

/**
 * What an actuator did to a resource's size, for any kind: the size the tuner steers ({@code from → to}: a pool's
 * core size, a cache's maximum) and the limit that moves with it, where the kind has one (a pool's maximum size;
 * otherwise equal to the size). Sizes are as the actuator set them, not read back.
 */
public record Resize(Outcome outcome, long from, long to, long fromLimit, long toLimit) {

    /** The outcome of one resize. */
    public enum Outcome {
        /** The resource now has the new size. */
        APPLIED,
        /** The resource already had that size. */
        UNCHANGED,
        /** The resource refused (shut down, or resized by the application at the same moment). */
        FAILED
    }

    /** What a change would do, for advice: nothing is applied. */
    public static Resize advised(long from, long to, long fromLimit, long toLimit) {
        return new Resize(Outcome.UNCHANGED, from, to, fromLimit, toLimit);
    }

    /** True when the resource refused. */
    public boolean failed() {
        return outcome == Outcome.FAILED;
    }
}
