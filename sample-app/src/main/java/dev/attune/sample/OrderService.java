package dev.attune.sample;

import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.attune.sample.downstream.InventoryItem;

/**
 * Order business logic; runs on {@code orders-io-N} threads and reads inventory through a bounded cache.
 *
 * <p>Agent configs name these methods ({@code dev.attune.sample.OrderService#place}, {@code #find}); keep them stable.
 */
public final class OrderService {

    private final LoadingCache<Long, InventoryItem> inventory;

    /** Creates the service over a cache whose loader calls the slow downstream on a miss. */
    public OrderService(LoadingCache<Long, InventoryItem> inventory) {
        this.inventory = inventory;
    }

    /** Places (prices) an order for one item: a cache read, blocking on the downstream on a miss, then arithmetic. */
    public Order place(long itemId) {
        InventoryItem item = find(itemId);
        // Quantity is derived from the id, not random, so repeated runs return identical bodies.
        int quantity = 1 + (int) Math.floorMod(itemId, 5L);
        boolean inStock = item.stock() >= quantity;
        long total = item.unitPriceCents() * quantity;
        if (quantity >= 3) {
            total -= total / 20; // bulk discount: 5 %
        }
        return new Order(item.id(), item.sku(), quantity, item.unitPriceCents(), total, inStock);
    }

    /** Looks an item up through the cache; on a miss the calling thread blocks in the downstream fetch. */
    public InventoryItem find(long itemId) {
        return inventory.get(itemId);
    }
}
