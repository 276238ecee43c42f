package dev.sovereign.gateway.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Token usage in each format. They count cached prompt tokens differently: Anthropic reports {@code input_tokens}
 * beside {@code cache_read_input_tokens} and {@code cache_creation_input_tokens}; OpenAI's {@code prompt_tokens}
 * includes the cached tokens, reported again in {@code prompt_tokens_details.cached_tokens}. Prompt-cache writes
 * have no OpenAI field: they count as prompt tokens. Stateless.
 */
final class TokenUsage {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TokenUsage() {}

    /** Counts from an OpenAI {@code usage} object (absent counts are 0). */
    record Counts(long prompt, long completion, long cached) {
        static final Counts NONE = new Counts(0, 0, 0);

        static Counts ofOpenAi(JsonNode usage) {
            if (usage == null || !usage.isObject()) return NONE;
            return new Counts(
                    usage.path("prompt_tokens").asLong(0),
                    usage.path("completion_tokens").asLong(0),
                    usage.path("prompt_tokens_details").path("cached_tokens").asLong(0));
        }
    }

    /** The Anthropic {@code usage} object for OpenAI counts. */
    static ObjectNode anthropic(Counts counts) {
        ObjectNode usage = NODES.objectNode();
        usage.put("input_tokens", Math.max(0, counts.prompt() - counts.cached()));
        usage.put("cache_creation_input_tokens", 0);
        usage.put("cache_read_input_tokens", counts.cached());
        usage.put("output_tokens", counts.completion());
        return usage;
    }

    /** The OpenAI {@code usage} object for an Anthropic one. */
    static ObjectNode openAi(long input, long output, long cacheRead, long cacheWrite) {
        long prompt = Math.max(0, input) + Math.max(0, cacheRead) + Math.max(0, cacheWrite);
        long completion = Math.max(0, output);
        ObjectNode usage = NODES.objectNode();
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", prompt + completion);
        usage.putObject("prompt_tokens_details").put("cached_tokens", Math.max(0, cacheRead));
        return usage;
    }

    /** As {@link #openAi(long, long, long, long)} from an Anthropic {@code usage} object. */
    static ObjectNode openAi(JsonNode usage) {
        return openAi(
                usage.path("input_tokens").asLong(0),
                usage.path("output_tokens").asLong(0),
                usage.path("cache_read_input_tokens").asLong(0),
                usage.path("cache_creation_input_tokens").asLong(0));
    }
}
