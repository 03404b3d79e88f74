package dev.attune.tuner.aggregate.cache;

import java.util.Arrays;

/**
 * One scaled-down simulation: a W-TinyLFU-like cache of {@code capacity} sampled keys standing for a real cache of
 * {@link #size} entries. A small LRU admission window feeds a segmented LRU main space (probation, protected); a
 * window victim enters the main space only if the frequency sketch rates it above the main space's victim, as in
 * Caffeine, whose hit ratio on skewed streams an LRU model would understate.
 *
 * <p>Nodes are parallel arrays linked by index, three circular lists with sentinel nodes 0 to 2, and an
 * open-addressing table of node indexes: a few primitive arrays, no object per entry, so the bytes held are
 * {@link #bytes()} exactly. The arrays grow only on the owner's word ({@link #grow()}), so that it can keep the sum
 * of all simulations under its budget. Agent thread only.
 */
final class MiniCache {

    private static final int WINDOW = 0;
    private static final int PROBATION = 1;
    private static final int PROTECTED = 2;
    private static final int SENTINELS = 3;
    private static final int MIN_SLOTS = 16;
    /** Below this a losing candidate is never admitted; at or above it, rarely, so that no key is shut out. */
    private static final int ADMIT_ANYWAY_FREQUENCY = 6;
    private static final int MIN_DECAY_PERIOD = 1 << 16;
    private static final int DECAY_PERIODS_PER_CAPACITY = 32;
    /** An allowance for this object's and the sketch's headers and fields, above what their arrays hold. */
    private static final long OWN_BYTES = 256;

    /** The real cache's size this simulation stands for. */
    final long size;

    private int capacity;
    private int windowCapacity;
    private int protectedCapacity;
    private int count;
    private int windowCount;
    private int protectedCount;

    private long[] keys;
    private int[] prev;
    private int[] next;
    private byte[] queue;
    private int used;
    private int free;
    private int[] table;
    private final FrequencySketch sketch;
    private int random = 0x2545F491;

    private long hits;
    private long accesses;

    MiniCache(long size, int capacity) {
        this.size = size;
        int slots = Math.min(MIN_SLOTS, capacity + SENTINELS + 1);
        allocate(slots);
        sketch = new FrequencySketch(capacity, slots - SENTINELS);
        capacity(capacity);
    }

    private void allocate(int slots) {
        keys = new long[slots];
        prev = new int[slots];
        next = new int[slots];
        queue = new byte[slots];
        table = new int[tableLength(slots)];
        for (int sentinel = 0; sentinel < SENTINELS; sentinel++) {
            prev[sentinel] = sentinel;
            next[sentinel] = sentinel;
        }
        used = SENTINELS;
        free = 0;
    }

    private static int tableLength(int slots) {
        return Integer.highestOneBit(Math.max(4, 2 * slots) - 1) << 1;
    }

    private void capacity(int capacity) {
        this.capacity = capacity;
        // Caffeine's split: one percent window, then eighty percent of the main space protected.
        windowCapacity = capacity - (int) (0.99 * capacity);
        protectedCapacity = (int) (0.8 * (capacity - windowCapacity));
        sketch.capacity(capacity);
    }

    /** Records one access; true if it hit. */
    boolean record(long key) {
        accesses++;
        if (capacity == 0) {
            decay();
            return false;
        }
        sketch.increment(key);
        int node = find(key);
        if (node != 0) {
            onHit(node);
            hits++;
            decay();
            return true;
        }
        node = newNode(key);
        link(node, WINDOW);
        windowCount++;
        count++;
        evict();
        decay();
        return false;
    }

    /** Ages the ratio so that it follows the recent stream; the period grows with the size so that it can warm. */
    private void decay() {
        if (accesses >= Math.max(MIN_DECAY_PERIOD, (long) DECAY_PERIODS_PER_CAPACITY * capacity)) {
            accesses >>>= 1;
            hits >>>= 1;
        }
    }

    double hitRatio() {
        return accesses == 0 ? 0 : (double) hits / accesses;
    }

    /** Sampled accesses the ratio rests on, after ageing. */
    long accesses() {
        return accesses;
    }

    private void onHit(int node) {
        switch (queue[node]) {
            case WINDOW:
                unlink(node);
                link(node, WINDOW);
                break;
            case PROBATION:
                unlink(node);
                link(node, PROTECTED);
                protectedCount++;
                demoteProtected();
                break;
            default:
                unlink(node);
                link(node, PROTECTED);
                break;
        }
    }

    private void demoteProtected() {
        while (protectedCount > protectedCapacity) {
            int demoted = next[PROTECTED];
            unlink(demoted);
            link(demoted, PROBATION);
            protectedCount--;
        }
    }

    /** Moves the window's overflow to probation as candidates, then evicts down to the capacity. */
    private void evict() {
        int candidate = 0;
        while (windowCount > windowCapacity) {
            int moved = next[WINDOW];
            unlink(moved);
            link(moved, PROBATION);
            windowCount--;
            if (candidate == 0) {
                candidate = moved;
            }
        }
        while (count > capacity) {
            int victim = next[PROBATION];
            if (victim == candidate || victim == PROBATION) {
                victim = next[PROTECTED] != PROTECTED ? next[PROTECTED] : next[WINDOW];
            }
            if (candidate == 0 || victim == WINDOW) {
                remove(victim == WINDOW ? candidate : victim);
            } else if (admit(keys[candidate], keys[victim])) {
                remove(victim);
            } else {
                int loser = candidate;
                candidate = next[candidate] == PROBATION ? 0 : next[candidate];
                remove(loser);
            }
        }
    }

    private boolean admit(long candidateKey, long victimKey) {
        int candidateFrequency = sketch.frequency(candidateKey);
        int victimFrequency = sketch.frequency(victimKey);
        if (candidateFrequency > victimFrequency) {
            return true;
        }
        if (candidateFrequency < ADMIT_ANYWAY_FREQUENCY) {
            return false;
        }
        random ^= random << 13;
        random ^= random >>> 17;
        random ^= random << 5;
        return (random & 127) == 0;
    }

    /** True when the next miss would need a slot the arrays lack, though the capacity allows one. */
    boolean crowded() {
        return free == 0 && used == keys.length && keys.length < capacity + SENTINELS + 1;
    }

    /** The bytes {@link #grow()} would leave held. */
    long grownBytes() {
        int slots = grownSlots();
        return arrayBytes(slots, tableLength(slots)) + 16L + 8L * FrequencySketch.lengthFor(slots - SENTINELS);
    }

    private int grownSlots() {
        return (int) Math.min(capacity + SENTINELS + 1L, keys.length + Math.max(MIN_SLOTS, keys.length / 2));
    }

    void grow() {
        int slots = grownSlots();
        keys = Arrays.copyOf(keys, slots);
        prev = Arrays.copyOf(prev, slots);
        next = Arrays.copyOf(next, slots);
        queue = Arrays.copyOf(queue, slots);
        if (tableLength(slots) != table.length) {
            table = new int[tableLength(slots)];
            for (int node = SENTINELS; node < used; node++) {
                put(node);
            }
        }
        sketch.resize(FrequencySketch.lengthFor(slots - SENTINELS));
    }

    long bytes() {
        return arrayBytes(keys.length, table.length) + sketch.bytes();
    }

    private static long arrayBytes(int slots, int tableLength) {
        return OWN_BYTES + 4 * 16L + slots * (8L + 4 + 4 + 1) + 16L + 4L * tableLength;
    }

    /**
     * Keeps only the keys still sampled under a lower threshold, at the capacity that now stands for {@link #size},
     * in fresh arrays just large enough: the owner lowers the rate to free memory.
     */
    void trim(long threshold, int newCapacity) {
        for (int list = 0; list < SENTINELS; list++) {
            for (int node = next[list]; node != list; ) {
                int following = next[node];
                if (!KeySampling.sampled(keys[node], threshold)) {
                    remove(node);
                }
                node = following;
            }
        }
        capacity(newCapacity);
        demoteProtected();
        while (count > capacity) {
            remove(next[PROBATION] != PROBATION ? next[PROBATION]
                    : next[PROTECTED] != PROTECTED ? next[PROTECTED] : next[WINDOW]);
        }
        compact();
    }

    /** Copies the entries, in list order, into arrays just large enough for them and a little growth. */
    private void compact() {
        long[] oldKeys = keys;
        int[] oldNext = next;
        int slots = (int) Math.min(capacity + SENTINELS + 1L, count + SENTINELS + Math.max(MIN_SLOTS, count / 4));
        allocate(slots);
        for (int list = 0; list < SENTINELS; list++) {
            for (int node = oldNext[list]; node != list; node = oldNext[node]) {
                link(newNode(oldKeys[node]), list);
            }
        }
        sketch.resize(FrequencySketch.lengthFor(slots - SENTINELS));
    }

    private int newNode(long key) {
        int node;
        if (free != 0) {
            node = free;
            free = next[node];
        } else {
            node = used++;
        }
        keys[node] = key;
        put(node);
        return node;
    }

    private void remove(int node) {
        unlink(node);
        if (queue[node] == WINDOW) {
            windowCount--;
        } else if (queue[node] == PROTECTED) {
            protectedCount--;
        }
        count--;
        delete(node);
        next[node] = free;
        free = node;
    }

    private void link(int node, int list) {
        int last = prev[list];
        prev[node] = last;
        next[node] = list;
        next[last] = node;
        prev[list] = node;
        queue[node] = (byte) list;
    }

    private void unlink(int node) {
        next[prev[node]] = next[node];
        prev[next[node]] = prev[node];
    }

    private int slot(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 32) & (table.length - 1);
    }

    private int find(long key) {
        int mask = table.length - 1;
        for (int i = slot(key); ; i = (i + 1) & mask) {
            int node = table[i];
            if (node == 0 || keys[node] == key) {
                return node;
            }
        }
    }

    private void put(int node) {
        int mask = table.length - 1;
        int i = slot(keys[node]);
        while (table[i] != 0) {
            i = (i + 1) & mask;
        }
        table[i] = node;
    }

    /** Linear-probing delete: shifts later members of the run back so that no lookup stops early. */
    private void delete(int node) {
        int mask = table.length - 1;
        int i = slot(keys[node]);
        while (table[i] != node) {
            i = (i + 1) & mask;
        }
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            int moved = table[j];
            if (moved == 0) {
                break;
            }
            int home = slot(keys[moved]);
            boolean stays = i <= j ? i < home && home <= j : i < home || home <= j;
            if (!stays) {
                table[i] = moved;
                i = j;
            }
        }
        table[i] = 0;
    }
}
