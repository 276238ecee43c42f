package dev.sovereign.config;

import java.net.URI;

/**
 * What a provider kind needs beyond the settings every provider has: the AWS region of a Bedrock endpoint, the Vertex
 * AI project, the Azure OpenAI API version and deployment type, the dialect of an OpenAI-compatible server.
 * Immutable.
 */
public sealed interface ProviderSettings
        permits ProviderSettings.None, BedrockSettings, VertexSettings, AzureOpenAiSettings, OpenAiCompatibleSettings {

    /** The settings in words for the effective configuration printed at start; never a secret. */
    default String describe() {
        return "";
    }

    /** A kind that needs nothing more ({@code anthropic}). */
    record None() implements ProviderSettings {}

    /** The settings of a provider of {@code kind} at {@code endpoint} in {@code region} that names none of its own. */
    static ProviderSettings defaults(ProviderKind kind, URI endpoint, String region) {
        return switch (kind) {
            case OPENAI_COMPATIBLE -> new OpenAiCompatibleSettings(OpenAiDialect.detect(endpoint));
            case BEDROCK -> new BedrockSettings(region);
            case VERTEX, AZURE_OPENAI ->
                throw new IllegalArgumentException("a " + kind.id() + " provider needs its own settings");
            default -> new None();
        };
    }
}
