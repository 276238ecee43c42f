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
 * @param errors how this provider states errors beyond the shapes of its API
 */
public record UpstreamRequest(
        URI uri, MultiMap headers, Buffer body, boolean hideUsageChunk, AnswerFormat answers, ErrorDialect errors) {

    /** A request whose answer streams as server-sent events, from a provider whose errors come in its API's shapes. */
    public UpstreamRequest(URI uri, MultiMap headers, Buffer body, boolean hideUsageChunk) {
        this(uri, headers, body, hideUsageChunk, AnswerFormat.SERVER_SENT_EVENTS, ErrorDialect.NONE);
    }

    /** A request whose answer comes in {@code answers}' framing. */
    public UpstreamRequest(URI uri, MultiMap headers, Buffer body, boolean hideUsageChunk, AnswerFormat answers) {
        this(uri, headers, body, hideUsageChunk, answers, ErrorDialect.NONE);
    }

    /** A request whose answer streams as server-sent events, from a provider that states errors in {@code errors}. */
    public UpstreamRequest(URI uri, MultiMap headers, Buffer body, boolean hideUsageChunk, ErrorDialect errors) {
        this(uri, headers, body, hideUsageChunk, AnswerFormat.SERVER_SENT_EVENTS, errors);
    }
}
