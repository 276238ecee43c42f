package dev.sovereign.testing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Serves the Anthropic Messages API: {@code POST /v1/messages} (a full {@code message} object, or
 * the stream of {@link AnthropicEvents}) and {@code POST /v1/messages/count_tokens}.
 *
 * <p>Checks in the real order: API key (401 {@code authentication_error}), {@code
 * anthropic-version} header (400), then the body (400 {@code invalid_request_error} naming the
 * field, in the API's {@code field: problem} style). Stateless and thread-safe.
 */
final class AnthropicMessages {

    private AnthropicMessages() {}

    static void messages(Exchange exchange) {
        JsonNode body = admitted(exchange, true);
        if (body == null) {
            return;
        }
        String model = body.get("model").asText();
        Reply reply =
                Reply.plan(Conversation.fromAnthropic(body), exchange.state().replyWords());
        if (body.path("stream").asBoolean(false)) {
            exchange.stream(
                    AnthropicEvents.frames(reply, model, Ids.message()), ErrorBodies.anthropicOverloadedEvent());
        } else {
            exchange.respond(200, Json.buffer(message(reply, model)));
        }
    }

    static void countTokens(Exchange exchange) {
        JsonNode body = admitted(exchange, false);
        if (body == null) {
            return;
        }
        int tokens = Conversation.fromAnthropic(body).inputTokens();
        exchange.respond(200, Json.buffer(Json.object().put("input_tokens", tokens)));
    }

    static ObjectNode envelope(String id, String model) {
        return Json.object()
                .put("id", id)
                .put("type", "message")
                .put("role", "assistant")
                .put("model", model);
    }

    static void usage(ObjectNode message, int inputTokens, int outputTokens) {
        message.putObject("usage")
                .put("input_tokens", inputTokens)
                .put("cache_creation_input_tokens", 0)
                .put("cache_read_input_tokens", 0)
                .put("output_tokens", outputTokens);
    }

    static String stopReason(Reply reply) {
        return reply.isToolCall() ? "tool_use" : "end_turn";
    }

    static ObjectNode message(Reply reply, String model) {
        ObjectNode message = envelope(Ids.message(), model);
        ObjectNode block = message.putArray("content").addObject();
        if (reply.isToolCall()) {
            block.put("type", "tool_use")
                    .put("id", Ids.toolUse())
                    .put("name", reply.toolCall().name());
            block.set("input", readTree(reply.toolCall().argumentsJson()));
        } else {
            block.put("type", "text").put("text", reply.text());
        }
        message.put("stop_reason", stopReason(reply));
        message.putNull("stop_sequence");
        usage(message, reply.inputTokens(), reply.outputTokens());
        return message;
    }

    /** The validated body, or {@code null} after answering the error. */
    private static JsonNode admitted(Exchange exchange, boolean needsMaxTokens) {
        if (!ApiKeys.anthropic(exchange)) {
            return null;
        }
        if (exchange.header("anthropic-version") == null) {
            exchange.anthropicError(400, "invalid_request_error", "anthropic-version: header is required");
            return null;
        }
        JsonNode body = exchange.json();
        String problem = body == null ? exchange.parseError() : problem(body, needsMaxTokens);
        if (problem != null) {
            exchange.anthropicError(400, "invalid_request_error", problem);
            return null;
        }
        return body;
    }

    static String problem(JsonNode body, boolean needsMaxTokens) {
        if (!body.isObject()) {
            return "request body must be a JSON object";
        }
        JsonNode model = body.get("model");
        if (model == null) {
            return "model: Field required";
        }
        if (!model.isTextual()) {
            return "model: Input should be a valid string";
        }
        if (needsMaxTokens) {
            JsonNode maxTokens = body.get("max_tokens");
            if (maxTokens == null) {
                return "max_tokens: Field required";
            }
            if (!maxTokens.canConvertToExactIntegral() || !maxTokens.isNumber()) {
                return "max_tokens: Input should be a valid integer";
            }
            if (maxTokens.asLong() < 1) {
                return "max_tokens: Input should be greater than or equal to 1";
            }
        }
        JsonNode messages = body.get("messages");
        if (messages == null) {
            return "messages: Field required";
        }
        if (!messages.isArray()) {
            return "messages: Input should be a valid list";
        }
        if (messages.isEmpty()) {
            return "messages: at least one message is required";
        }
        JsonNode stream = body.get("stream");
        if (stream != null && !stream.isBoolean() && !stream.isNull()) {
            return "stream: Input should be a valid boolean";
        }
        return null;
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("tool arguments are not JSON: " + json, e);
        }
    }
}
