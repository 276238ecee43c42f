package dev.sovereign.testing.internal;

import java.util.List;

/**
 * The fake model's answer to one request, independent of wire format: either text (as word
 * fragments) or one tool call (as argument JSON fragments).
 *
 * @param fragments the text, one word per fragment; empty for a tool call
 * @param toolCall the tool call, or {@code null} for a text answer
 * @param inputTokens the prompt token estimate
 */
public record Reply(List<String> fragments, ToolCall toolCall, int inputTokens) {

    /**
     * A call of tool {@code name}.
     *
     * @param argumentFragments pieces of the arguments JSON, split mid-token as real streams do;
     *     they concatenate to {@link #argumentsJson()}
     */
    public record ToolCall(String name, List<String> argumentFragments) {
        public String argumentsJson() {
            return String.join("", argumentFragments);
        }
    }

    private static final List<String> WEATHER_ARGUMENTS = List.of("{\"loc", "ation\": \"Pa", "ris\"}");

    /**
     * Plans the answer: a call of the first tool when {@link Conversation#wantsTool()}, else {@code
     * replyWords} lorem words when positive, else {@code "Echo: " + last user text}.
     */
    public static Reply plan(Conversation conversation, int replyWords) {
        if (conversation.wantsTool()) {
            return new Reply(
                    List.of(),
                    new ToolCall(conversation.firstToolName(), WEATHER_ARGUMENTS),
                    conversation.inputTokens());
        }
        List<String> fragments =
                replyWords > 0 ? Words.lorem(replyWords) : Words.fragments("Echo: " + conversation.lastUserText());
        return new Reply(fragments, null, conversation.inputTokens());
    }

    public boolean isToolCall() {
        return toolCall != null;
    }

    public String text() {
        return String.join("", fragments);
    }

    /** Output tokens: one per word, or per argument fragment for a tool call; at least 1. */
    public int outputTokens() {
        return Math.max(1, isToolCall() ? toolCall.argumentFragments().size() : fragments.size());
    }
}
