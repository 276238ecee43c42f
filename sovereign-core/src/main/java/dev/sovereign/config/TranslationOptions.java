package dev.sovereign.config;

/**
 * How the gateway translates requests for a provider that does not serve the client's API format natively
 * ({@code translation:} in {@code providers.yaml}).
 *
 * @param dropUnsupported remove the request fields the provider's format cannot express and forward the rest,
 *     instead of refusing the request with a 400 that names the first such field
 * @param defaultMaxTokens the {@code max_tokens} sent to an Anthropic-format provider (which requires it) when an
 *     OpenAI-format request sets neither {@code max_completion_tokens} nor {@code max_tokens}
 */
public record TranslationOptions(boolean dropUnsupported, int defaultMaxTokens) {
    /** The {@code max_tokens} an OpenAI-format request gets when it sets none: 4096. */
    public static final int DEFAULT_MAX_TOKENS = 4096;

    /** Refuse what cannot be translated; 4096 output tokens when the request does not say. */
    public static final TranslationOptions DEFAULTS = new TranslationOptions(false, DEFAULT_MAX_TOKENS);

    public TranslationOptions {
        if (defaultMaxTokens < 1) throw new IllegalArgumentException("defaultMaxTokens must be at least 1");
    }
}
