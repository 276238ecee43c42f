package dev.sovereign.gateway.translate;

/**
 * Why the model stopped, in each format: Anthropic's {@code stop_reason} and OpenAI's {@code finish_reason}. Both
 * are open sets that providers extend; a value without an equivalent maps to the nearest meaning (unknown Anthropic
 * reasons to {@code stop}, unknown OpenAI reasons to {@code end_turn}). Stateless.
 */
public final class StopReasons {
    private StopReasons() {}

    /**
     * Anthropic → OpenAI: {@code end_turn}, {@code stop_sequence} and {@code pause_turn} → {@code stop};
     * {@code max_tokens} and {@code model_context_window_exceeded} → {@code length}; {@code tool_use} →
     * {@code tool_calls}; {@code refusal} → {@code content_filter}. {@code null} stays {@code null}.
     */
    public static String finishReason(String stopReason) {
        if (stopReason == null) return null;
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop";
        };
    }

    /**
     * OpenAI → Anthropic: {@code stop} → {@code end_turn} (OpenAI does not say whether a stop sequence ended the
     * answer); {@code length} → {@code max_tokens}; {@code tool_calls} and the older {@code function_call} →
     * {@code tool_use}; {@code content_filter} → {@code refusal}. {@code null} stays {@code null}.
     */
    public static String stopReason(String finishReason) {
        if (finishReason == null) return null;
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }
}
