package dev.attune.instrumentation.signals;

/**
 * Where the signal sources say what they skipped: the wiring turns each call into one warning line.
 *
 * <p>Called from agent threads only ({@code attune-agent}, {@code attune-jfr}), so an implementation
 * must accept calls from more than one thread. The sources call it once per problem, never per event.
 */
@FunctionalInterface
public interface SignalProblems {

    /**
     * Says that {@code what} from {@code source} ("jfr", "oshi", "os", ...) is skipped, and why.
     * Must not throw.
     */
    void skipped(String source, String what, String reason);
}
