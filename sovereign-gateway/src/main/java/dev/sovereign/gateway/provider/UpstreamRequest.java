package dev.sovereign.gateway.provider;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.net.URI;

/**
 * The HTTP request to send upstream, complete with credentials.
 *
 * @param hideUsageChunk the gateway asked an OpenAI-format upstream for a usage chunk that the client did
 *     not ask for: read it, then drop it from the client's stream
 * @param answers how the upstream writes its answer: its stream framing and error meanings
 */
public record UpstreamRequest(URI uri, MultiMap headers, Buffer body, boolean hideUsageChunk, AnswerFormat answers) {

    /** A request whose answer streams as server-sent events. */
    public UpstreamRequest(URI uri, MultiMap headers, Buffer body, boolean hideUsageChunk) {
        this(uri, headers, body, hideUsageChunk, AnswerFormat.SERVER_SENT_EVENTS);
    }
}
