package dev.sovereign.gateway.provider;

import dev.sovereign.config.ProviderConfig;
import dev.sovereign.gateway.provider.anthropic.AnthropicAdapter;
import dev.sovereign.gateway.provider.azure.AzureOpenAiAdapter;
import dev.sovereign.gateway.provider.openai.OpenAiCompatibleAdapter;
import dev.sovereign.gateway.provider.vertex.VertexAdapter;
import dev.sovereign.gateway.wire.Json;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * The adapter of each provider kind. Adapters whose credentials expire (Google tokens for Vertex AI, Microsoft Entra
 * tokens for Azure OpenAI) start fetching them on {@code vertx}'s worker threads here, so that the first requests
 * find a token ready.
 */
public final class ProviderAdapters {
    private ProviderAdapters() {}

    /** @param env the process environment (the AWS default credentials chain reads it for Bedrock) */
    public static ProviderAdapter create(
            ProviderConfig provider,
            BodyRewriter rewriter,
            Json json,
            Vertx vertx,
            Clock clock,
            java.util.Map<String, String> env) {
        return switch (provider.kind()) {
            case ANTHROPIC -> new AnthropicAdapter(provider, rewriter);
            case BEDROCK ->
                new dev.sovereign.gateway.provider.bedrock.BedrockAdapter(
                        provider, json, dev.sovereign.gateway.provider.bedrock.BedrockAuthorizers.of(provider, env));
            case VERTEX -> VertexAdapter.start(provider, json, vertx, clock);
            case AZURE_OPENAI -> AzureOpenAiAdapter.start(provider, rewriter, json, vertx, clock);
            case OPENAI_COMPATIBLE -> new OpenAiCompatibleAdapter(provider, rewriter, json);
        };
    }
}
