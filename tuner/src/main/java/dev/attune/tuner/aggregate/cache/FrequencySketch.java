package dev.attune.tuner.aggregate.cache;

/**
 * How often each key was seen lately, approximately: a count-min sketch of 4-bit counters, four rows, sixteen
 * counters to a long, halved every ten times the cache's capacity in additions so that old popularity fades.
 * This is the admission filter's memory in TinyLFU; the mini caches need the same kind of filter as the real one
 * so that they admit and reject like it.
 *
 * <p>Row indexes are the low bits of a hash that does not depend on the table's length, so doubling the table
 * keeps every estimate (each counter is copied to both places a key can now land) and halving it keeps each
 * estimate an upper bound (the larger of the two counters folded together).
 */
final class FrequencySketch {

    private static final long[] SEEDS = {
        0xC3A5C85C97CB3127L, 0xB492B66FBE98F273L, 0x9AE16A3B2F90404FL, 0xCBF29CE484222325L};
    private static final long HALF_MASK = 0x7777777777777777L;
    private static final long ONE_MASK = 0x1111111111111111L;
    private static final int MIN_LENGTH = 8;

    private long[] table;
    private int sampleSize;
    private int additions;

    FrequencySketch(int capacity, int entries) {
        table = new long[lengthFor(entries)];
        capacity(capacity);
    }

    /** The capacity sets how many additions make a period; the table's length is the caller's, by entries. */
    void capacity(int capacity) {
        sampleSize = (int) Math.min(Integer.MAX_VALUE, 10L * Math.max(1, capacity));
    }

    static int lengthFor(int entries) {
        return Integer.highestOneBit(Math.max(MIN_LENGTH, entries) - 1) << 1;
    }

    int length() {
        return table.length;
    }

    long bytes() {
        return 16L + 8L * table.length;
    }

    /** Grows or shrinks the table to {@code length} (a power of two), keeping the estimates as the class says. */
    void resize(int length) {
        long[] old = table;
        if (length == old.length) {
            return;
        }
        long[] resized = new long[length];
        if (length > old.length) {
            for (int i = 0; i < length; i++) {
                resized[i] = old[i & (old.length - 1)];
            }
        } else {
            System.arraycopy(old, 0, resized, 0, length);
            for (int i = length; i < old.length; i++) {
                resized[i & (length - 1)] = nibbleMax(resized[i & (length - 1)], old[i]);
            }
        }
        table = resized;
    }

    private static long nibbleMax(long a, long b) {
        long max = 0;
        for (int shift = 0; shift < 64; shift += 4) {
            max |= Math.max((a >>> shift) & 15L, (b >>> shift) & 15L) << shift;
        }
        return max;
    }

    int frequency(long key) {
        int start = (int) (key >>> 62) << 2;
        int frequency = 15;
        for (int row = 0; row < 4; row++) {
            int shift = (start + row) << 2;
            frequency = Math.min(frequency, (int) (table[index(key, row)] >>> shift) & 15);
        }
        return frequency;
    }

    void increment(long key) {
        int start = (int) (key >>> 62) << 2;
        boolean added = false;
        for (int row = 0; row < 4; row++) {
            int index = index(key, row);
            int shift = (start + row) << 2;
            if (((table[index] >>> shift) & 15) != 15) {
                table[index] += 1L << shift;
                added = true;
            }
        }
        if (added && ++additions >= sampleSize) {
            halve();
        }
    }

    private int index(long key, int row) {
        long x = (key + SEEDS[row]) * SEEDS[row];
        return (int) (x ^ (x >>> 32)) & (table.length - 1);
    }

    private void halve() {
        int odd = 0;
        for (int i = 0; i < table.length; i++) {
            odd += Long.bitCount(table[i] & ONE_MASK);
            table[i] = (table[i] >>> 1) & HALF_MASK;
        }
        additions = (additions - (odd >>> 2)) >>> 1;
    }
}
