package dev.sovereign.gateway.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import java.io.IOException;

/**
 * An OpenAI {@code chat.completion} as an Anthropic {@code message}: the first choice's text (and a refusal, with
 * stop reason {@code refusal}) → a text block, its {@code tool_calls} → {@code tool_use} blocks (arguments parsed
 * into {@code input}), {@code finish_reason} → {@code stop_reason} ({@link StopReasons}), usage → Anthropic usage
 * ({@link TokenUsage}); the id and model are the upstream's. Pure and thread-safe.
 */
final class OpenAiToAnthropicResponse {
    private final ObjectMapper mapper;

    OpenAiToAnthropicResponse(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode translate(JsonNode completion) {
        ObjectNode message = mapper.createObjectNode();
        message.put("id", completion.path("id").asText("msg_translated"));
        message.put("type", "message");
        message.put("role", "assistant");
        message.set("model", completion.get("model"));
        ArrayNode content = message.putArray("content");
        JsonNode choice = completion.path("choices").path(0);
        JsonNode answer = choice.path("message");
        String text = text(answer.get("content"));
        String refusal =
                answer.path("refusal").isTextual() ? answer.path("refusal").textValue() : null;
        if (!text.isEmpty()) content.addObject().put("type", "text").put("text", text);
        if (refusal != null && !refusal.isEmpty())
            content.addObject().put("type", "text").put("text", refusal);
        for (JsonNode call : answer.path("tool_calls")) {
            ObjectNode use = content.addObject().put("type", "tool_use");
            use.put("id", call.path("id").asText());
            use.set("name", call.path("function").get("name"));
            use.set("input", arguments(call.path("function").path("arguments").asText("")));
        }
        String stop = refusal != null && !refusal.isEmpty()
                ? "refusal"
                : StopReasons.stopReason(choice.path("finish_reason").asText(null));
        message.put("stop_reason", stop == null ? "end_turn" : stop);
        message.putNull("stop_sequence");
        message.set("usage", TokenUsage.anthropic(TokenUsage.Counts.ofOpenAi(completion.get("usage"))));
        return message;
    }

    /** The content as text: a string, or text parts joined (some servers answer with parts). */
    private static String text(JsonNode content) {
        if (content == null || content.isNull()) return "";
        if (content.isTextual()) return content.textValue();
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText()))
                text.append(part.path("text").asText());
        }
        return text.toString();
    }

    private JsonNode arguments(String arguments) {
        if (arguments.isBlank()) return mapper.createObjectNode();
        try {
            JsonNode input = mapper.readTree(arguments);
            if (input != null && input.isObject()) return input;
        } catch (IOException e) {
            // reported below
        }
        throw new GatewayFailure(
                FailureKind.UPSTREAM_INVALID_RESPONSE,
                "The upstream provider called a tool with arguments that are not a JSON object, which an Anthropic"
                        + " answer cannot carry.");
    }
}
