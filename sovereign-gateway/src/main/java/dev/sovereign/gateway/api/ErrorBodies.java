package dev.sovereign.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.failure.FailureKind;
import io.vertx.core.buffer.Buffer;

/**
 * Error bodies and in-stream error events in the shape of the API the client called, each carrying the
 * stable key of the failure ({@code error.code}).
 */
public final class ErrorBodies {
    private final Json json;

    public ErrorBodies(Json json) {
        this.json = json;
    }

    /** {@code {"type":"error","error":{...},"request_id":...}} or {@code {"error":{...}}}. */
    public Buffer body(WireFormat api, FailureKind kind, String message, String requestId) {
        return body(
                api,
                api == WireFormat.ANTHROPIC ? kind.anthropicType() : kind.openAiType(),
                kind.key(),
                message,
                requestId);
    }

    public Buffer body(WireFormat api, String type, String code, String message, String requestId) {
        return json.buffer(node(api, type, code, message, requestId));
    }

    /** The server-sent event that reports a failure after a stream has begun. */
    public Buffer streamEvent(WireFormat api, FailureKind kind, String message, String requestId) {
        ObjectNode node = node(
                api,
                api == WireFormat.ANTHROPIC ? kind.anthropicType() : kind.openAiType(),
                kind.key(),
                message,
                requestId);
        String data = json.string(node);
        return Buffer.buffer(
                api == WireFormat.ANTHROPIC ? "event: error\ndata: " + data + "\n\n" : "data: " + data + "\n\n");
    }

    private ObjectNode node(WireFormat api, String type, String code, String message, String requestId) {
        ObjectNode root = json.mapper().createObjectNode();
        if (api == WireFormat.ANTHROPIC) {
            root.put("type", "error");
            ObjectNode error = root.putObject("error");
            error.put("type", type);
            error.put("message", message);
            if (code != null) error.put("code", code);
            if (requestId != null) root.put("request_id", requestId);
        } else {
            ObjectNode error = root.putObject("error");
            error.put("message", message);
            error.put("type", type);
            error.putNull("param");
            if (code != null) error.put("code", code);
            else error.putNull("code");
        }
        return root;
    }
}
