package dev.attune.bootstrap;

/**
 * Receives one timed method exit from an application thread.
 *
 * <p>Lives on the bootstrap class path with JDK types only, so that both inlined advice (in any
 * class loader) and the isolated agent (which implements it) can see the same interface.
 * Implementations run on the application's threads: they must not allocate, lock, block or throw.
 */
public interface MethodEventSink {

    /** Records that method {@code methodId} returned (or threw) after {@code durationNanos}. */
    void onMethodExit(int methodId, long durationNanos, boolean threw);
}
