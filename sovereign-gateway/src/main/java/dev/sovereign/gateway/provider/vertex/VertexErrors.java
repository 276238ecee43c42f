package dev.sovereign.gateway.provider.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.gateway.provider.ErrorDialect;
import dev.sovereign.gateway.provider.ProviderError;
import dev.sovereign.gateway.wire.ErrorBodies;
import dev.sovereign.gateway.wire.Json;

/**
 * Vertex AI's own errors: Google's {@code {"error":{"code":429,"message":"…","status":"RESOURCE_EXHAUSTED"}}}, also
 * wrapped in an array, for quota, permission, authentication and unknown-model failures. They become the Anthropic
 * error of the Google status ({@code RESOURCE_EXHAUSTED} a {@code rate_limit_error}, {@code PERMISSION_DENIED} a
 * {@code permission_error}). Errors of the model itself are Anthropic's own and pass as they are. Thread-safe.
 */
final class VertexErrors implements ErrorDialect {
    private final Json json;

    VertexErrors(Json json) {
        this.json = json;
    }

    @Override
    public ProviderError read(int status, byte[] body) {
        JsonNode node = body.length == 0 ? null : json.tryParse(body);
        if (node == null) return null;
        if (node.isArray() && !node.isEmpty()) node = node.get(0);
        JsonNode error = node.path("error");
        if (!error.isObject() || !error.path("status").isTextual()) return null;
        String googleStatus = error.path("status").asText();
        String message = error.path("message").isTextual()
                ? error.path("message").asText()
                : "Vertex AI answered " + googleStatus + ".";
        return new ProviderError(
                status,
                "upstream." + status,
                message,
                anthropicType(googleStatus, status),
                ErrorBodies.openAiType(status),
                false);
    }

    /** The Anthropic error type of a Google status, else of the HTTP status. */
    static String anthropicType(String googleStatus, int status) {
        return switch (googleStatus) {
            case "RESOURCE_EXHAUSTED" -> "rate_limit_error";
            case "PERMISSION_DENIED" -> "permission_error";
            case "UNAUTHENTICATED" -> "authentication_error";
            case "NOT_FOUND" -> "not_found_error";
            case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" -> "invalid_request_error";
            case "DEADLINE_EXCEEDED" -> "timeout_error";
            default -> ErrorBodies.anthropicType(status);
        };
    }
}
