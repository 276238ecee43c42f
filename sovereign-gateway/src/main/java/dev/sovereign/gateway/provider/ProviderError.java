package dev.sovereign.gateway.provider;

/**
 * An upstream error as a provider's own shape states it, read into what the client is told: the status it answers
 * with, the stable key, a message in the provider's own words, and the error type of each inbound API.
 *
 * @param status the HTTP status for the client (a provider's 422 validation error is a 400 for OpenAI clients)
 * @param key the stable machine key ({@code upstream.429}, {@code upstream.content_filter})
 * @param message safe text from the upstream's own words, never from the request
 * @param anthropicType the Anthropic error type ({@code rate_limit_error})
 * @param openAiType the OpenAI error type ({@code rate_limit_exceeded})
 * @param nativeForOpenAi the body is already an OpenAI-format error the OpenAI client may receive as it came
 *     (Azure's content-filter error, whose {@code innererror} says which filter acted)
 */
public record ProviderError(
        int status, String key, String message, String anthropicType, String openAiType, boolean nativeForOpenAi) {}
