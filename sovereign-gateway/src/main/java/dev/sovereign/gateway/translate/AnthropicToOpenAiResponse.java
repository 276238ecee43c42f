package dev.sovereign.gateway.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An Anthropic {@code message} as an OpenAI {@code chat.completion}: text blocks → {@code message.content} (joined;
 * {@code null} when there is none), {@code tool_use} blocks → {@code tool_calls} (input as a JSON string), {@code
 * stop_reason} → {@code finish_reason} ({@link StopReasons}), usage → OpenAI usage ({@link TokenUsage}); the id and
 * model are the upstream's, {@code created} the time of translation. Thinking and server-tool blocks have no place in
 * a chat completion and are left out. Pure and thread-safe.
 */
final class AnthropicToOpenAiResponse {
    private final ObjectMapper mapper;

    AnthropicToOpenAiResponse(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode translate(JsonNode message, long created) {
        ObjectNode completion = mapper.createObjectNode();
        completion.put("id", message.path("id").asText("chatcmpl-translated"));
        completion.put("object", "chat.completion");
        completion.put("created", created);
        completion.set("model", message.get("model"));
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        ObjectNode answer = choice.putObject("message").put("role", "assistant");
        StringBuilder text = null;
        ArrayNode calls = mapper.createArrayNode();
        for (JsonNode block : message.path("content")) {
            switch (block.path("type").asText()) {
                case "text" -> {
                    if (text == null) text = new StringBuilder();
                    text.append(block.path("text").asText());
                }
                case "tool_use" -> {
                    ObjectNode call = calls.addObject();
                    call.set("id", block.get("id"));
                    call.put("type", "function");
                    ObjectNode function = call.putObject("function");
                    function.set("name", block.get("name"));
                    JsonNode input = block.get("input");
                    function.put("arguments", input == null || input.isNull() ? "{}" : input.toString());
                }
                default -> {}
            }
        }
        if (text == null) answer.putNull("content");
        else answer.put("content", text.toString());
        answer.putNull("refusal");
        if (!calls.isEmpty()) answer.set("tool_calls", calls);
        choice.putNull("logprobs");
        String finish = StopReasons.finishReason(message.path("stop_reason").asText(null));
        choice.put("finish_reason", finish == null ? "stop" : finish);
        completion.set("usage", TokenUsage.openAi(message.path("usage")));
        return completion;
    }
}
