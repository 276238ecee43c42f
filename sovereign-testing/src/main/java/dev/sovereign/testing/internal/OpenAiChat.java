package dev.sovereign.testing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Serves {@code POST /v1/chat/completions} as OpenAI does (and as Mistral, Ollama, vLLM and
 * llama.cpp do in their OpenAI-compatible mode): a {@code chat.completion} object, or the stream of
 * {@link OpenAiChunks}.
 *
 * <p>Checks: bearer key (401 {@code invalid_api_key}), then {@code model} and {@code messages} (400
 * {@code invalid_request_error} with {@code param} and {@code code}). Stateless and thread-safe.
 */
final class OpenAiChat {

    private OpenAiChat() {}

    static void completions(Exchange exchange) {
        if (!ApiKeys.openAi(exchange)) {
            return;
        }
        JsonNode body = exchange.json();
        if (body == null) {
            exchange.invalidRequest(exchange.parseError(), null, null);
            return;
        }
        if (!validated(exchange, body)) {
            return;
        }
        String model = body.get("model").asText();
        Reply reply = Reply.plan(Conversation.fromOpenAi(body), exchange.state().replyWords());
        long created = exchange.state().clock().instant().getEpochSecond();
        String id = Ids.chatCompletion();
        if (body.path("stream").asBoolean(false)) {
            boolean includeUsage =
                    body.path("stream_options").path("include_usage").asBoolean(false);
            exchange.stream(
                    OpenAiChunks.frames(reply, id, created, model, includeUsage), ErrorBodies.openAiServerErrorEvent());
        } else {
            exchange.respond(200, Json.buffer(completion(reply, id, created, model)));
        }
    }

    static String finishReason(Reply reply) {
        return reply.isToolCall() ? "tool_calls" : "stop";
    }

    static ObjectNode usage(Reply reply) {
        return Json.object()
                .put("prompt_tokens", reply.inputTokens())
                .put("completion_tokens", reply.outputTokens())
                .put("total_tokens", reply.inputTokens() + reply.outputTokens());
    }

    static ObjectNode completion(Reply reply, String id, long created, String model) {
        ObjectNode completion = Json.object()
                .put("id", id)
                .put("object", "chat.completion")
                .put("created", created)
                .put("model", model);
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (reply.isToolCall()) {
            message.putNull("content");
            ObjectNode call = message.putArray("tool_calls").addObject();
            call.put("id", Ids.toolCall()).put("type", "function");
            call.putObject("function")
                    .put("name", reply.toolCall().name())
                    .put("arguments", reply.toolCall().argumentsJson());
        } else {
            message.put("content", reply.text());
        }
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(reply));
        completion.set("usage", usage(reply));
        completion.put("system_fingerprint", OpenAiChunks.SYSTEM_FINGERPRINT);
        return completion;
    }

    static boolean validated(Exchange exchange, JsonNode body) {
        if (!body.isObject()) {
            exchange.invalidRequest("The request body must be a JSON object.", null, null);
            return false;
        }
        JsonNode model = body.get("model");
        if (model == null || model.isNull()) {
            exchange.invalidRequest("you must provide a model parameter", "model", null);
            return false;
        }
        if (!model.isTextual()) {
            exchange.invalidRequest(
                    "Invalid type for 'model': expected a string, but got "
                            + model.getNodeType().name().toLowerCase() + " instead.",
                    "model",
                    "invalid_type");
            return false;
        }
        JsonNode messages = body.get("messages");
        if (messages == null || messages.isNull()) {
            exchange.invalidRequest(
                    "Missing required parameter: 'messages'.", "messages", "missing_required_parameter");
            return false;
        }
        if (!messages.isArray()) {
            exchange.invalidRequest(
                    "Invalid type for 'messages': expected an array of objects.", "messages", "invalid_type");
            return false;
        }
        if (messages.isEmpty()) {
            exchange.invalidRequest(
                    "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty"
                            + " array instead.",
                    "messages",
                    "empty_array");
            return false;
        }
        return true;
    }
}
