package dev.attune.sample;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs on the HttpServer dispatcher thread and only hands the exchange to a bounded pool.
 *
 * <p>Why a hand-off instead of giving HttpServer the pool as its executor: the server's executor receives an opaque
 * task, so a rejection there could not be answered with a 503 (the JDK server just drops the connection), and one
 * server executor cannot send I/O-bound and CPU-bound routes to different pools. Here the route picks its pool, and
 * a full pool is answered immediately with 503 on the dispatcher thread, which costs microseconds.
 */
final class OffloadingHandler implements HttpHandler {

    private final Executor pool;
    private final Endpoint endpoint;
    private final LongAdder rejected;

    OffloadingHandler(Executor pool, Endpoint endpoint, LongAdder rejected) {
        this.pool = pool;
        this.endpoint = endpoint;
        this.rejected = rejected;
    }

    @Override
    public void handle(HttpExchange exchange) {
        if (!"GET".equals(exchange.getRequestMethod())) {
            EndpointReply.text(405, "GET only\n").sendTo(exchange);
            return;
        }
        try {
            pool.execute(() -> respond(exchange));
        } catch (RejectedExecutionException full) {
            rejected.increment();
            EndpointReply.text(503, "busy\n").sendTo(exchange);
        }
    }

    private void respond(HttpExchange exchange) {
        EndpointReply reply;
        try {
            reply = endpoint.handle(exchange.getRequestURI());
        } catch (IllegalArgumentException badInput) {
            reply = EndpointReply.text(400, badInput.getMessage() + "\n");
        } catch (RuntimeException failure) {
            reply = EndpointReply.text(500, "internal error\n");
        }
        reply.sendTo(exchange);
    }
}
