package dev.attune.instrumentation.encode;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Assigns each timed method name ({@code Class#method}) a small int id, once, for the life of the JVM.
 *
 * <p>Ids are assigned on class-loading threads while a class is transformed (never on the timed path),
 * and read back by name on the agent thread when it first sees an id. Overloads share one name and so
 * one id: the figures are per {@code Class#method}, as the JMX names are.
 *
 * <p>Bounded: once every id is taken, a new name gets {@link #NONE} and nothing is stored for it, only
 * counted, so a source of names that never ends (execution-sample frames of hidden and lambda classes)
 * costs no memory past the capacity. Names by id sit in an array that grows by doubling up to the capacity.
 */
public final class MethodIds {

    /** Returned when no more ids can be assigned. */
    public static final int NONE = -1;

    private static final int FIRST_LENGTH = 256;

    private final ConcurrentHashMap<String, Integer> idsByName = new ConcurrentHashMap<>();
    private volatile AtomicReferenceArray<String> namesById;
    private final AtomicLong refused = new AtomicLong();
    private final int capacity;
    private volatile int next; // written under this' lock only

    /** Creates a registry that hands out at most {@code capacity} ids. */
    public MethodIds(int capacity) {
        this.capacity = Math.max(0, Math.min(capacity, EventCodec.MAX_METHOD_ID + 1));
        this.namesById = new AtomicReferenceArray<>(Math.min(this.capacity, FIRST_LENGTH));
    }

    /** The id of {@code name}, assigning the next free one on first sight; {@link #NONE} when full. */
    public int idFor(String name) {
        Integer id = idsByName.get(name);
        if (id == null) {
            id = idsByName.computeIfAbsent(name, this::assign); // null, storing nothing, when full
        }
        if (id == null) {
            refused.incrementAndGet();
            return NONE;
        }
        return id;
    }

    private synchronized Integer assign(String name) {
        if (next >= capacity) {
            return null;
        }
        int id = next++;
        AtomicReferenceArray<String> names = namesById;
        if (id >= names.length()) {
            AtomicReferenceArray<String> grown = new AtomicReferenceArray<>(Math.min(capacity, names.length() * 2));
            for (int i = 0; i < names.length(); i++) {
                grown.set(i, names.get(i));
            }
            namesById = names = grown;
        }
        names.set(id, name);
        return id;
    }

    /** The name behind {@code id}, or null when the id was never assigned. */
    public String nameOf(int id) {
        AtomicReferenceArray<String> names = namesById;
        return id >= 0 && id < names.length() ? names.get(id) : null;
    }

    /** How many ids have been assigned. */
    public int count() {
        return next;
    }

    /** True when some name could not get an id because the registry is full. */
    public boolean overflowed() {
        return refused.get() > 0;
    }

    /** How many times a name was refused an id because the registry was full. */
    public long refused() {
        return refused.get();
    }

    /** How many names are stored: never more than the capacity. */
    int stored() {
        return idsByName.size();
    }
}
