package dev.sovereign.gateway.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.config.WireFormat;
import io.vertx.core.buffer.Buffer;

/**
 * A parsed and validated inbound request. {@code body} is the parsed tree (later stages may rewrite it);
 * {@code raw} the bytes as received, forwarded unchanged when nothing needs rewriting.
 *
 * @param query the query string as received, or {@code null}
 * @param wantsUsageChunk for an OpenAI stream: the client itself asked for {@code stream_options.include_usage}
 */
public record InboundRequest(
        Operation operation,
        ObjectNode body,
        Buffer raw,
        String model,
        boolean stream,
        boolean wantsUsageChunk,
        String query) {

    public WireFormat api() {
        return operation.api();
    }

    /** The same request with another body (after redaction): the tree and its bytes. */
    public InboundRequest withBody(ObjectNode newBody, Buffer newRaw) {
        return new InboundRequest(operation, newBody, newRaw, model, stream, wantsUsageChunk, query);
    }
}
