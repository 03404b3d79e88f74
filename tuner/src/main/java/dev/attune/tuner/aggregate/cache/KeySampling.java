package dev.attune.tuner.aggregate.cache;

/**
 * The application thread's whole share of cache modelling: spread a key's {@code hashCode()} to 64 bits and keep
 * the key only if its hash falls below the sampling threshold (spatial sampling: a sampled key is seen on every
 * access, an unsampled one never, which is what lets a small simulation stand for the full cache).
 *
 * <p>The filter reads the low 32 bits, so a threshold of {@link #ALL} samples every key and the rate is
 * {@code threshold / 2^32}. Both methods are static, branch-light and allocate nothing.
 */
public final class KeySampling {

    /** The modulus of the spatial filter: a threshold of this many samples every key. */
    public static final long ALL = 1L << 32;

    private static final long LOW_BITS = ALL - 1;

    private KeySampling() {
    }

    /**
     * A 64-bit hash of a key's {@code hashCode()}, mixed so that its low bits are uniform whatever the key. Never 0,
     * so that 0 can mean "no key": the xor sets high bits that no sign-extended int cancels, and each mixing step
     * is a bijection that keeps 0 at 0.
     */
    public static long hash(int hashCode) {
        long z = (hashCode ^ 0x5DEECE6600000000L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 32)) * 0xD6E8FEB86659FD93L;
        return z ^ (z >>> 32);
    }

    /** Whether the key with this hash is in the sample at this threshold (from {@link HitRatioModel#threshold()}). */
    public static boolean sampled(long hash, long threshold) {
        return (hash & LOW_BITS) < threshold;
    }
}
