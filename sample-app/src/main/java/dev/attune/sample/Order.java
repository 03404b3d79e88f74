package dev.attune.sample;

/** A priced order for one inventory item, as returned by {@code GET /orders/{id}}. */
public record Order(long itemId, String sku, int quantity, long unitPriceCents, long totalCents, boolean inStock) {

    /** Renders the order as a small JSON object; field order is fixed so bodies are byte-for-byte reproducible. */
    public String toJson() {
        return "{\"itemId\":" + itemId + ",\"sku\":\"" + sku + "\",\"quantity\":" + quantity
                + ",\"unitPriceCents\":" + unitPriceCents + ",\"totalCents\":" + totalCents
                + ",\"inStock\":" + inStock + "}";
    }
}
