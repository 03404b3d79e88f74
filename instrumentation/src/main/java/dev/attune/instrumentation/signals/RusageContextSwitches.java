package dev.attune.instrumentation.signals;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Context switches of the whole process from {@code getrusage(RUSAGE_SELF)} through JNA: one system
 * call, every thread counted, those that have ended too. OSHI reports only the main thread's sum
 * ({@code /proc/<pid>/status} is per task), and does not split voluntary from involuntary.
 *
 * <p>Layout of {@code struct rusage} on 64-bit Linux and macOS: two {@code struct timeval} (16 bytes
 * each), then fourteen {@code long}s of which {@code ru_nvcsw} is the 13th and {@code ru_nivcsw} the
 * 14th, so they are longs 16 and 17 of the whole. The struct is passed as a {@code long[]}: JNA copies a
 * primitive array in and out around the call, so no native memory (and no JNA cleaner) is involved.
 */
final class RusageContextSwitches implements ContextSwitches {

    private static final int RUSAGE_SELF = 0;
    private static final int RUSAGE_LONGS = 18;
    private static final int VOLUNTARY = 16;
    private static final int INVOLUNTARY = 17;

    private final Function getrusage;
    private final long[] usage = new long[RUSAGE_LONGS];
    private final Object[] args = {RUSAGE_SELF, usage};

    private RusageContextSwitches(Function getrusage) {
        this.getrusage = getrusage;
    }

    /**
     * getrusage where the layout above holds (64-bit Linux or macOS); else the per-thread sums of
     * {@code /proc} on Linux, else none. Throws a {@link LinkageError} when JNA cannot load.
     */
    static ContextSwitches best() {
        if ((Platform.isLinux() || Platform.isMac()) && Native.LONG_SIZE == Long.BYTES) {
            return new RusageContextSwitches(Function.getFunction(Platform.C_LIBRARY_NAME, "getrusage"));
        }
        return ProcTaskContextSwitches.ofThisProcess();
    }

    @Override
    public boolean read(long[] into) {
        if (getrusage.invokeInt(args) != 0) {
            return false;
        }
        into[0] = usage[VOLUNTARY];
        into[1] = usage[INVOLUNTARY];
        return true;
    }
}
