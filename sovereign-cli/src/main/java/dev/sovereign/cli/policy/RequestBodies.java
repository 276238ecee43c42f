package dev.sovereign.cli.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.classify.StrictJson;
import dev.sovereign.config.WireFormat;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Request bodies as the policy commands read them: JSON read as strictly as the gateway reads it ({@link StrictJson}),
 * whose errors are reported by position without echoing the text, and the API format told from the body when it is
 * not given.
 */
final class RequestBodies {
    private static final StrictJson STRICT = new StrictJson(1000);
    private static final Set<String> OPENAI_ROLES = Set.of("system", "developer", "tool", "function");
    private static final Set<String> OPENAI_FIELDS =
            Set.of("input", "max_completion_tokens", "n", "response_format", "stream_options", "logprobs");
    private static final Set<String> ANTHROPIC_FIELDS = Set.of("system", "max_tokens", "stop_sequences", "top_k");
    private static final Set<String> ANTHROPIC_BLOCKS =
            Set.of("tool_use", "tool_result", "document", "thinking", "redacted_thinking", "image");

    private RequestBodies() {}

    /**
     * Parses {@code text} as JSON.
     *
     * @throws ToolFailure naming the line and column of the first error, never the text around it
     */
    static JsonNode parse(String where, String text) {
        try {
            return STRICT.parse(text.getBytes(StandardCharsets.UTF_8));
        } catch (StrictJson.MalformedJsonException e) {
            throw new ToolFailure(where + ": " + e.getMessage());
        }
    }

    /**
     * The format of {@code body}: OpenAI when anything in it is OpenAI's alone (a {@code system}, {@code
     * developer} or {@code tool} message, {@code input}, {@code max_completion_tokens}, …), else Anthropic when
     * anything is Anthropic's ({@code system} or {@code max_tokens} at the top, {@code tool_use} and other
     * content blocks), else OpenAI.
     */
    static WireFormat detect(JsonNode body) {
        for (String f : OPENAI_FIELDS) if (body.has(f)) return WireFormat.OPENAI;
        boolean anthropic = false;
        for (String f : ANTHROPIC_FIELDS) anthropic |= body.has(f);
        for (JsonNode m : body.path("messages")) {
            if (OPENAI_ROLES.contains(m.path("role").asText()) || m.has("tool_calls")) return WireFormat.OPENAI;
            for (JsonNode block : m.path("content")) {
                String type = block.path("type").asText();
                if (type.equals("image_url") || type.equals("input_audio")) return WireFormat.OPENAI;
                anthropic |= ANTHROPIC_BLOCKS.contains(type);
            }
        }
        return anthropic ? WireFormat.ANTHROPIC : WireFormat.OPENAI;
    }
}
