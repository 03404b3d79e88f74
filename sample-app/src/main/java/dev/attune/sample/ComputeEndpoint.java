package dev.attune.sample;

import java.net.URI;

/** {@code GET /compute?n=N}: CPU-bound pricing via {@link PriceCalculator#compute}. */
final class ComputeEndpoint implements Endpoint {

    /** Rounds used when the query has no {@code n}: a few hundred microseconds of CPU. */
    static final int DEFAULT_N = 100_000;

    private final PriceCalculator calculator;

    ComputeEndpoint(PriceCalculator calculator) {
        this.calculator = calculator;
    }

    @Override
    public EndpointReply handle(URI uri) {
        int n = parseN(uri.getRawQuery());
        long price = calculator.compute(n);
        return EndpointReply.json("{\"n\":" + n + ",\"priceCents\":" + price + "}");
    }

    private static int parseN(String query) {
        if (query == null || query.isEmpty()) {
            return DEFAULT_N;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("n=")) {
                try {
                    return Integer.parseInt(pair.substring(2));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("n must be an integer, got " + pair.substring(2));
                }
            }
        }
        return DEFAULT_N;
    }
}
