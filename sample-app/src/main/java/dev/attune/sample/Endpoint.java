package dev.attune.sample;

import java.net.URI;

/** Business side of one route: turns a request URI into a reply; runs on a pool thread, may block. */
@FunctionalInterface
interface Endpoint {

    /** Computes the reply; {@link IllegalArgumentException} means bad input (400), other failures are a 500. */
    EndpointReply handle(URI uri);
}
