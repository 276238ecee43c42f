package dev.sovereign.testing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What the fake "model" reads from a validated request: the text of the last user message, whether
 * the conversation ends with it, the first declared tool and the size of all prompt text.
 *
 * @param lastUserText text of the last user message (string content, or its text blocks/parts
 *     joined by a newline); empty when there is none
 * @param endsWithUser whether the final message has role {@code user} and carries text
 * @param firstToolName name of the first declared tool, or {@code null} when none is declared
 * @param promptBytes UTF-8 bytes of every text in the system prompt and the messages
 */
public record Conversation(String lastUserText, boolean endsWithUser, String firstToolName, long promptBytes) {

    /** Deterministic token estimate: prompt bytes / 4, at least 1. */
    public int inputTokens() {
        return (int) Math.max(1, promptBytes / 4);
    }

    /** A tool is called when tools are declared and the final user message mentions "weather". */
    public boolean wantsTool() {
        return firstToolName != null
                && endsWithUser
                && lastUserText.toLowerCase(Locale.ROOT).contains("weather");
    }

    /** Reads an Anthropic Messages request ({@code system}, {@code messages}, {@code tools[].name}). */
    public static Conversation fromAnthropic(JsonNode body) {
        long bytes = textBytes(body.path("system"));
        JsonNode messages = body.path("messages");
        for (JsonNode message : messages) {
            bytes += textBytes(message.path("content"));
        }
        JsonNode tools = body.path("tools");
        String tool =
                tools.isArray() && !tools.isEmpty() ? textOrNull(tools.get(0).path("name")) : null;
        return fromMessages(messages, tool, bytes);
    }

    /**
     * Reads an OpenAI Chat Completions request ({@code messages}, {@code tools[].function.name}); the
     * arguments of earlier tool calls count as prompt text.
     */
    public static Conversation fromOpenAi(JsonNode body) {
        long bytes = 0;
        JsonNode messages = body.path("messages");
        for (JsonNode message : messages) {
            bytes += textBytes(message.path("content"));
            for (JsonNode call : message.path("tool_calls")) {
                bytes += textBytes(call.path("function").path("arguments"));
            }
        }
        JsonNode tools = body.path("tools");
        String tool = tools.isArray() && !tools.isEmpty()
                ? textOrNull(tools.get(0).path("function").path("name"))
                : null;
        return fromMessages(messages, tool, bytes);
    }

    /** A final user turn with only tool results has no text, so it never triggers another tool call. */
    private static Conversation fromMessages(JsonNode messages, String tool, long bytes) {
        String lastUserText = "";
        boolean endsWithUser = false;
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode message = messages.get(i);
            if ("user".equals(message.path("role").asText())) {
                String text = visibleText(message.path("content"));
                if (text != null) {
                    lastUserText = text;
                    endsWithUser = i == messages.size() - 1;
                    break;
                }
            }
        }
        return new Conversation(lastUserText, endsWithUser, tool, bytes);
    }

    /** Text of a content value: the string itself, or the {@code text} blocks joined; null when there are none. */
    private static String visibleText(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        if (!content.isArray()) {
            return null;
        }
        StringBuilder text = null;
        for (JsonNode block : content) {
            if ("text".equals(block.path("type").asText()) && block.path("text").isTextual()) {
                text = text == null ? new StringBuilder() : text.append('\n');
                text.append(block.path("text").asText());
            }
        }
        return text == null ? null : text.toString();
    }

    /** UTF-8 bytes of a string, of the {@code text} and {@code content} of blocks, recursively. */
    private static long textBytes(JsonNode node) {
        if (node.isTextual()) {
            return node.asText().getBytes(StandardCharsets.UTF_8).length;
        }
        long bytes = 0;
        if (node.isArray()) {
            for (JsonNode element : node) {
                bytes += textBytes(element);
            }
        } else if (node.isObject()) {
            bytes += textBytes(node.path("text")) + textBytes(node.path("content"));
        }
        return bytes;
    }

    private static String textOrNull(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }
}
