package dev.attune.tuner.loop;

import java.util.HashSet;
import java.util.Set;

/**
 * Readable, stable names for pools: from their worker threads' names ({@code orders-io-3} → {@code orders-io},
 * {@code pool-2-thread-1} → {@code pool-2}), or a configured name when a thread name starts with its match
 * prefix or the pool's class is the configured one. A name taken twice gets {@code #2}, {@code #3}, ...
 */
final class PoolNames {

    private final Set<String> taken = new HashSet<>();

    /** The base name for a pool whose worker is called {@code threadName}. */
    static String fromThreadName(String threadName) {
        // Executors.defaultThreadFactory: pool-<pool>-thread-<thread>; the pool's number is what tells pools apart.
        String name = threadName.matches(".*-thread-\\d+$") ? threadName.replaceFirst("-thread-\\d+$", "")
                : threadName.replaceFirst("[-_ #.]*\\(?\\d+\\)?$", "");
        name = name.replaceAll("[,=:\"*?\\n]", "_").trim();
        return name.isEmpty() ? "pool" : name;
    }

    /** Takes a unique name based on {@code base}. */
    String unique(String base) {
        String name = base;
        for (int n = 2; !taken.add(name); n++) {
            name = base + "#" + n;
        }
        return name;
    }

    /** Gives a name back (its pool is gone). */
    void release(String name) {
        taken.remove(name);
    }
}
