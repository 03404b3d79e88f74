package dev.attune.tuner.aggregate.cache;

/**
 * A placeholder hand-off of one cache's sampled key hashes from application threads to the agent thread: one
 * array of longs, written with no lock, atomic or fence. Writers racing on {@code written} may land in the same
 * slot, and a reader lapped by the writers skips what was overwritten: a lost sample thins the sample a little,
 * which the model tolerates, whereas any coordination would cost every sampled access more than it is worth.
 * The shared write index is one contended field when many threads sample at once; a real hand-off would stripe it.
 */
public final class SampledKeys {

    private final long[] slots;
    private final int mask;
    /** Plain: the hot path's only write besides the slot; a racy increment loses a sample, nothing more. */
    private int written;
    private int read;
    private volatile long threshold = KeySampling.ALL;

    /** {@code capacity} is rounded up to a power of two. */
    public SampledKeys(int capacity) {
        slots = new long[Integer.highestOneBit(Math.max(2, capacity) - 1) << 1];
        mask = slots.length - 1;
    }

    /** The hot path, on every access: a few arithmetic steps for an unsampled key, one array store for a sampled. */
    public void access(int keyHashCode) {
        long hash = KeySampling.hash(keyHashCode);
        if (KeySampling.sampled(hash, threshold)) {
            slots[written++ & mask] = hash;
        }
    }

    /** Agent thread: feeds the model what was written since the last drain, oldest first; returns how many. */
    public int drainTo(HitRatioModel model) {
        int end = written;
        if (end - read > slots.length) {
            read = end - slots.length;
        }
        int drained = 0;
        for (; read != end; read++) {
            int slot = read & mask;
            long hash = slots[slot];
            if (hash != 0) {
                // Cleared so that a slot a racing writer skipped is not read again a lap later.
                slots[slot] = 0;
                model.record(hash);
                drained++;
            }
        }
        threshold = model.threshold();
        return drained;
    }

    /** The threshold the hot path samples at; it follows the model's at each drain. */
    public long threshold() {
        return threshold;
    }
}
