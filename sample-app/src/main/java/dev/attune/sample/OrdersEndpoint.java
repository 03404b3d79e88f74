package dev.attune.sample;

import java.net.URI;

/** {@code GET /orders/{id}}: places an order for item {@code id} via {@link OrderService#place}. */
final class OrdersEndpoint implements Endpoint {

    static final String PREFIX = "/orders/";

    private final OrderService orders;

    OrdersEndpoint(OrderService orders) {
        this.orders = orders;
    }

    @Override
    public EndpointReply handle(URI uri) {
        String path = uri.getPath();
        long id;
        try {
            id = Long.parseLong(path.substring(PREFIX.length()));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("expected /orders/{numeric id}, got " + path);
        }
        if (id < 0) {
            throw new IllegalArgumentException("order id must be >= 0, got " + id);
        }
        return EndpointReply.json(orders.place(id).toJson());
    }
}
