package dev.attune.instrumentation.signals;

/** The process's context switches since it started, split voluntary/involuntary. Agent thread only. */
interface ContextSwitches {

    /** None on this platform. */
    ContextSwitches NONE = into -> false;

    /**
     * Puts the cumulative voluntary count in {@code into[0]} and the involuntary in {@code into[1]};
     * false when this platform does not report them.
     */
    boolean read(long[] into);
}
