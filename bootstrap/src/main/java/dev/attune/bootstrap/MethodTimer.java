package dev.attune.bootstrap;

/**
 * The one class that inlined timing advice calls: reads the exit clock and hands the event to the sink.
 *
 * <p>Why a static holder: advice is copied into application classes of every class loader, so
 * whatever it calls must sit on the bootstrap class path and use JDK types only. The agent, loaded
 * in its own isolated class loader, installs its sink here once; until then events are discarded.
 */
public final class MethodTimer {

    // A named class, not a lambda: invokedynamic bootstrapping from a bootstrap class can recurse once
    // JDK classes themselves are instrumented.
    private static final MethodEventSink DISCARD = new Discard();

    // Volatile so a sink installed by the agent thread is seen by every application thread; a volatile
    // read is a plain load on x86 and costs nothing next to the clock reads.
    private static volatile MethodEventSink sink = DISCARD;

    private MethodTimer() {
    }

    /** Called by inlined exit advice: records the call that started at {@code startNanos}. */
    public static void exit(int methodId, long startNanos, boolean threw) {
        sink.onMethodExit(methodId, System.nanoTime() - startNanos, threw);
    }

    /** Installs the agent's sink; only the first call wins, so nothing else can redirect the events. */
    public static synchronized boolean install(MethodEventSink newSink) {
        if (sink != DISCARD || newSink == null) {
            return false;
        }
        sink = newSink;
        return true;
    }

    private static final class Discard implements MethodEventSink {
        @Override
        public void onMethodExit(int methodId, long durationNanos, boolean threw) {
            // No agent installed yet: nothing to record.
        }
    }
}
