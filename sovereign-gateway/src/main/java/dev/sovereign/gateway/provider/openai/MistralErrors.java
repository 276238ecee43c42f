package dev.sovereign.gateway.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.gateway.provider.ErrorDialect;
import dev.sovereign.gateway.provider.ProviderError;
import dev.sovereign.gateway.wire.ErrorBodies;
import dev.sovereign.gateway.wire.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Mistral's error shapes: validation errors as HTTP 422 with pydantic's {@code {"detail":[{"loc","msg","input"}]}},
 * bare or inside {@code {"object":"error","message":…}} (where {@code message} is text, an object with {@code detail},
 * or that object as a JSON string), and other errors as {@code {"object":"error","message","type","code"}}. A 422
 * becomes a 400 {@code invalid_request_error} with the key {@code upstream.422}; the message lists each field and
 * problem ({@code body.messages: Field required}) and never the {@code input} Mistral echoes. Thread-safe.
 */
public final class MistralErrors implements ErrorDialect {
    private final Json json;

    public MistralErrors(Json json) {
        this.json = json;
    }

    @Override
    public ProviderError read(int status, byte[] body) {
        JsonNode node = body.length == 0 ? null : json.tryParse(body);
        if (node == null || !node.isObject() || node.path("error").isObject()) return null;
        boolean mistralShape = node.has("detail")
                || "error".equalsIgnoreCase(node.path("object").asText(""));
        if (!mistralShape && status != 422) return null;
        String message = message(node);
        int answered = status == 422 ? 400 : status;
        String openAiType = status == 422
                ? "invalid_request_error"
                : node.path("type").isTextual() ? node.path("type").asText() : ErrorBodies.openAiType(status);
        return new ProviderError(
                answered, "upstream." + status, message, ErrorBodies.anthropicType(answered), openAiType, false);
    }

    private String message(JsonNode node) {
        String detail = details(node.get("detail"));
        if (detail != null) return detail;
        JsonNode message = node.get("message");
        if (message == null) return null;
        if (message.isTextual()) {
            String text = message.asText();
            JsonNode nested = text.startsWith("{") ? json.tryParse(text.getBytes(StandardCharsets.UTF_8)) : null;
            String fromNested = nested == null ? null : details(nested.get("detail"));
            return fromNested != null ? fromNested : text;
        }
        if (message.isArray()) return details(message);
        return details(message.get("detail"));
    }

    /** {@code loc: msg; loc: msg} of a pydantic detail list, or {@code null} when it is not one. */
    private static String details(JsonNode detail) {
        if (detail == null) return null;
        if (detail.isTextual()) return detail.asText();
        if (!detail.isArray()) return null;
        List<String> parts = new ArrayList<>();
        for (JsonNode d : detail) {
            List<String> loc = new ArrayList<>();
            for (JsonNode l : d.path("loc")) loc.add(l.asText());
            String msg = d.path("msg").asText("invalid");
            parts.add(loc.isEmpty() ? msg : String.join(".", loc) + ": " + msg);
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }
}
