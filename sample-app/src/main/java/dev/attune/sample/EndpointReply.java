package dev.attune.sample;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** An HTTP status plus a small body, and the one place that writes such a reply to an exchange. */
record EndpointReply(int status, String contentType, String body) {

    static EndpointReply json(String body) {
        return new EndpointReply(200, "application/json", body);
    }

    static EndpointReply text(int status, String body) {
        return new EndpointReply(status, "text/plain; charset=utf-8", body);
    }

    /** Sends this reply and closes the exchange; a client that went away is not the server's error. */
    void sendTo(HttpExchange exchange) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException clientGone) {
            // Nothing to do: the connection is already broken, and the exchange is closed by try-with-resources.
        }
    }
}
