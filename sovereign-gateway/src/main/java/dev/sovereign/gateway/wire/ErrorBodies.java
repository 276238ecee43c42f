package dev.sovereign.gateway.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.config.WireFormat;
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

    /** The Anthropic error type of an HTTP status. */
    public static String anthropicType(int status) {
        return switch (status) {
            case 400, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            case 529 -> "overloaded_error";
            default -> "api_error";
        };
    }

    /** The OpenAI error type of an HTTP status. */
    public static String openAiType(int status) {
        if (status == 429) return "rate_limit_exceeded";
        if (status >= 500) return "server_error";
        return "invalid_request_error";
    }
}
