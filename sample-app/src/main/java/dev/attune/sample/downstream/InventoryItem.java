package dev.attune.sample.downstream;

/** One inventory record as the downstream inventory system returns it. */
public record InventoryItem(long id, String sku, int stock, long unitPriceCents) {

    /**
     * Derives the item for an id deterministically, so response bodies (and the {@code check} checksum)
     * do not depend on timing, cache state or whether an agent is attached.
     */
    static InventoryItem forId(long id) {
        long h = mix(id);
        int stock = (int) Long.remainderUnsigned(h, 100);
        long priceCents = 100 + Long.remainderUnsigned(h >>> 8, 9_900);
        return new InventoryItem(id, "SKU-" + id, stock, priceCents);
    }

    // SplitMix64 finaliser: cheap, well-spread, and identical on every JVM.
    private static long mix(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
