package dev.sovereign.gateway.provider;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.net.URI;

/**
 * The HTTP request to send upstream, complete with credentials.
 *
 * @param hideUsageChunk the gateway asked an OpenAI-format upstream for a usage chunk that the client did
 *     not ask for: read it, then drop it from the client's stream
 * @param errors how this provider states errors beyond the shapes of its API
 */
public record UpstreamRequest(URI uri, MultiMap headers, Buffer body, boolean hideUsageChunk, ErrorDialect errors) {

    /** A request to a provider whose errors come in the shapes of its API. */
    public UpstreamRequest(URI uri, MultiMap headers, Buffer body, boolean hideUsageChunk) {
        this(uri, headers, body, hideUsageChunk, ErrorDialect.NONE);
    }
}
