package dev.sovereign.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.translate.ErrorTypes;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts an upstream's error response into the shape of the API the client called. A body already in that
 * shape, from an upstream of the client's format, passes unchanged; others (an error of the other format when the
 * gateway translated the request, Mistral's {@code {"detail":[...]}} validation errors and
 * {@code {"object":"error",...}}, plain text, HTML from a proxy) are rewritten, keeping the status and
 * a message built only from the upstream's own words: never from the {@code input} it may echo. Thread-safe.
 */
public final class UpstreamErrors {
    private static final int MAX_MESSAGE = 500;
    private final Json json;
    private final ErrorBodies bodies;

    public UpstreamErrors(Json json, ErrorBodies bodies) {
        this.json = json;
        this.bodies = bodies;
    }

    /** As {@link #normalise(WireFormat, WireFormat, int, byte[], String)} from an upstream of the client's format. */
    public Buffer normalise(WireFormat api, int status, byte[] body, String requestId) {
        return normalise(api, api, status, body, requestId);
    }

    /**
     * The client's error body for an upstream's error response.
     *
     * @param api the format of the client's API
     * @param upstreamApi the format the upstream speaks (another than {@code api} when the gateway translated)
     */
    public Buffer normalise(WireFormat api, WireFormat upstreamApi, int status, byte[] body, String requestId) {
        JsonNode node = body.length == 0 ? null : json.tryParse(body);
        if (node != null && api == upstreamApi && isNative(api, node)) return Buffer.buffer(body);
        String message = message(node);
        if (message == null) message = "The upstream provider answered HTTP " + status + ".";
        if (message.length() > MAX_MESSAGE) message = message.substring(0, MAX_MESSAGE) + "…";
        String type = api == WireFormat.ANTHROPIC ? anthropicType(status) : openAiType(status, node, upstreamApi);
        return bodies.body(api, type, "upstream." + status, message, requestId);
    }

    private static boolean isNative(WireFormat api, JsonNode node) {
        if (api == WireFormat.ANTHROPIC) {
            return "error".equals(node.path("type").asText(null))
                    && node.path("error").path("type").isTextual();
        }
        return node.path("error").isObject()
                && node.path("error").path("message").isTextual();
    }

    private static String message(JsonNode node) {
        if (node == null) return null;
        JsonNode detail = node.get("detail");
        if (detail != null && detail.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode d : detail) {
                List<String> loc = new ArrayList<>();
                for (JsonNode l : d.path("loc")) loc.add(l.asText());
                String msg = d.path("msg").asText("invalid");
                parts.add(loc.isEmpty() ? msg : String.join(".", loc) + ": " + msg);
            }
            return String.join("; ", parts);
        }
        if (detail != null && detail.isTextual()) return detail.asText();
        JsonNode error = node.get("error");
        if (error != null && error.isObject() && error.path("message").isTextual())
            return error.path("message").asText();
        if (error != null && error.isTextual()) return error.asText();
        if (node.path("message").isTextual()) return node.path("message").asText();
        return null;
    }

    static String anthropicType(int status) {
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

    private static String openAiType(int status, JsonNode node, WireFormat upstreamApi) {
        if (upstreamApi == WireFormat.ANTHROPIC
                && node != null
                && node.path("error").path("type").isTextual()) {
            return ErrorTypes.openAi(node.path("error").path("type").asText());
        }
        if (upstreamApi == WireFormat.OPENAI
                && node != null
                && node.path("type").isTextual()) return node.path("type").asText();
        if (status == 429) return "rate_limit_exceeded";
        if (status >= 500) return "server_error";
        return "invalid_request_error";
    }
}
