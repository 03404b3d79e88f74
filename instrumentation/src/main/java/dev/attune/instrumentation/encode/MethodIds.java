package dev.attune.instrumentation.encode;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Assigns each timed method name ({@code Class#method}) a small int id, once, for the life of the JVM.
 *
 * <p>Ids are assigned on class-loading threads while a class is transformed (never on the timed path),
 * and read back by name on the agent thread when it first sees an id. Overloads share one name and so
 * one id: the figures are per {@code Class#method}, as the JMX names are.
 */
public final class MethodIds {

    /** Returned when no more ids can be assigned. */
    public static final int NONE = -1;

    private final ConcurrentHashMap<String, Integer> idsByName = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, String> namesById = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    private final int capacity;

    /** Creates a registry that hands out at most {@code capacity} ids. */
    public MethodIds(int capacity) {
        this.capacity = Math.min(capacity, EventCodec.MAX_METHOD_ID + 1);
    }

    /** The id of {@code name}, assigning the next free one on first sight; {@link #NONE} when full. */
    public int idFor(String name) {
        Integer id = idsByName.get(name);
        if (id != null) {
            return id;
        }
        return idsByName.computeIfAbsent(name, this::assign);
    }

    private Integer assign(String name) {
        int id = next.getAndUpdate(n -> n < capacity ? n + 1 : n);
        if (id >= capacity) {
            return NONE;
        }
        namesById.put(id, name);
        return id;
    }

    /** The name behind {@code id}, or null when the id was never assigned. */
    public String nameOf(int id) {
        return namesById.get(id);
    }

    /** How many ids have been assigned. */
    public int count() {
        return namesById.size();
    }

    /** True when some method could not get an id because the registry is full. */
    public boolean overflowed() {
        return idsByName.containsValue(NONE);
    }
}
