package dev.sovereign.gateway.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.gateway.wire.InboundRequest;
import dev.sovereign.gateway.wire.Json;
import dev.sovereign.gateway.wire.Operation;
import io.vertx.core.buffer.Buffer;

/**
 * The Ingress stage: parses an inbound body and checks the fields the gateway and every upstream rely
 * on, with messages that name the field ({@code messages.2.role: expected a string, got a number}).
 * Deeper validation stays with the upstream, whose own errors are relayed. Pure and thread-safe.
 */
public final class Ingress {
    private final Json json;

    public Ingress(Json json) {
        this.json = json;
    }

    public InboundRequest parse(Operation op, Buffer raw, String query) {
        ObjectNode body = json.parseObject(raw);
        String model = requireString(body, "model");
        boolean stream = false;
        boolean wantsUsage = false;
        switch (op) {
            case MESSAGES -> {
                requireMessages(body);
                JsonNode maxTokens = body.get("max_tokens");
                if (maxTokens == null) fail("max_tokens: required");
                if (!maxTokens.isIntegralNumber()) fail("max_tokens: expected an integer, got " + Json.kind(maxTokens));
                checkSystem(body);
                stream = optionalBoolean(body, "stream");
            }
            case COUNT_TOKENS -> {
                requireMessages(body);
                checkSystem(body);
            }
            case CHAT_COMPLETIONS -> {
                requireMessages(body);
                stream = optionalBoolean(body, "stream");
                JsonNode options = body.get("stream_options");
                if (options != null && !options.isNull()) {
                    if (!options.isObject()) fail("stream_options: expected an object, got " + Json.kind(options));
                    JsonNode include = options.get("include_usage");
                    if (include != null && !include.isNull() && !include.isBoolean()) {
                        fail("stream_options.include_usage: expected a boolean, got " + Json.kind(include));
                    }
                    wantsUsage = include != null && include.asBoolean(false);
                }
            }
            case EMBEDDINGS -> {
                JsonNode input = body.get("input");
                if (input == null) fail("input: required");
                if (!input.isTextual() && !input.isArray())
                    fail("input: expected a string or an array, got " + Json.kind(input));
                JsonNode encoding = body.get("encoding_format");
                if (encoding != null
                        && !encoding.isNull()
                        && !(encoding.isTextual()
                                && (encoding.asText().equals("float")
                                        || encoding.asText().equals("base64")))) {
                    fail("encoding_format: expected \"float\" or \"base64\"");
                }
            }
        }
        return new InboundRequest(op, body, raw, model, stream, wantsUsage, query);
    }

    private static String requireString(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) fail(field + ": required");
        if (!node.isTextual()) fail(field + ": expected a string, got " + Json.kind(node));
        if (node.asText().isBlank()) fail(field + ": must not be empty");
        return node.asText();
    }

    private static boolean optionalBoolean(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) return false;
        if (!node.isBoolean()) fail(field + ": expected a boolean, got " + Json.kind(node));
        return node.asBoolean();
    }

    private static void requireMessages(ObjectNode body) {
        JsonNode messages = body.get("messages");
        if (messages == null || messages.isNull()) fail("messages: required");
        if (!messages.isArray()) fail("messages: expected an array, got " + Json.kind(messages));
        if (messages.isEmpty()) fail("messages: must contain at least one message");
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            if (!m.isObject()) fail("messages." + i + ": expected an object, got " + Json.kind(m));
            JsonNode role = m.get("role");
            if (role == null || role.isNull()) fail("messages." + i + ".role: required");
            if (!role.isTextual()) fail("messages." + i + ".role: expected a string, got " + Json.kind(role));
            JsonNode content = m.get("content");
            if (content != null && !content.isNull() && !content.isTextual() && !content.isArray()) {
                fail("messages." + i + ".content: expected a string or an array, got " + Json.kind(content));
            }
        }
    }

    private static void checkSystem(ObjectNode body) {
        JsonNode system = body.get("system");
        if (system != null && !system.isNull() && !system.isTextual() && !system.isArray()) {
            fail("system: expected a string or an array, got " + Json.kind(system));
        }
    }

    private static void fail(String message) {
        throw new GatewayFailure(FailureKind.INVALID_REQUEST, message);
    }
}
