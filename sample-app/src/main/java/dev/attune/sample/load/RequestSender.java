package dev.attune.sample.load;

import java.util.concurrent.CompletableFuture;

/** Starts one request without waiting for it; the open-loop pacer must never block on a response. */
@FunctionalInterface
public interface RequestSender {

    /** Sends a GET for {@code path} and returns at once; a timeout completes the future with HttpTimeoutException. */
    CompletableFuture<Reply> send(String path);
}
