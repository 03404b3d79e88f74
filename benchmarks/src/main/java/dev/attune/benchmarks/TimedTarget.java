package dev.attune.benchmarks;

import org.openjdk.jmh.annotations.CompilerControl;

/**
 * Two identical empty methods; the benchmark JVM's agent times {@link #timed} only.
 *
 * <p>Neither may be inlined into the benchmark loop, so both keep a real call and the difference
 * between them is the advice alone.
 */
public final class TimedTarget {

    /** Instrumented by the agent ({@code attune.methods=dev.attune.benchmarks.TimedTarget#timed}). */
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public void timed() {
        // empty: the cost measured is the advice's
    }

    /** Never instrumented. */
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public void plain() {
        // empty
    }
}
