package dev.sovereign.gateway.provider.openai;

import dev.sovereign.config.ProviderConfig;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.api.InboundRequest;
import dev.sovereign.gateway.provider.BodyRewriter;
import dev.sovereign.gateway.provider.ProviderAdapter;
import dev.sovereign.gateway.provider.UpstreamRequest;
import io.vertx.core.MultiMap;
import java.net.URI;

/**
 * OpenAI and the servers that speak its API: Mistral, Azure-hosted OpenAI-compatible endpoints, and
 * self-hosted Ollama, vLLM and llama.cpp. The endpoint includes {@code /v1}, as {@code OPENAI_BASE_URL}
 * does. Servers configured with the {@code anthropic} format (Ollama, vLLM and llama.cpp serve
 * {@code /v1/messages}) also receive Anthropic Messages requests as they are.
 */
public final class OpenAiCompatibleAdapter implements ProviderAdapter {
    private final ProviderConfig config;
    private final BodyRewriter rewriter;
    private final String base;

    public OpenAiCompatibleAdapter(ProviderConfig config, BodyRewriter rewriter) {
        this.config = config;
        this.rewriter = rewriter;
        this.base = config.endpoint().toString();
    }

    @Override
    public ProviderConfig config() {
        return config;
    }

    @Override
    public UpstreamRequest prepare(InboundRequest request, String upstreamModel, MultiMap clientHeaders) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        headers.set("content-type", "application/json");
        String path = switch (request.operation()) {
            case CHAT_COMPLETIONS -> "/chat/completions";
            case EMBEDDINGS -> "/embeddings";
            case MESSAGES -> "/messages";
            case COUNT_TOKENS -> "/messages/count_tokens";
        };
        config.credential().ifPresent(secret -> {
            headers.set("authorization", "Bearer " + secret.reveal());
            if (request.api() == WireFormat.ANTHROPIC) headers.set("x-api-key", secret.reveal());
        });
        if (request.api() == WireFormat.ANTHROPIC) BodyRewriter.copyAnthropicHeaders(clientHeaders, headers);
        return new UpstreamRequest(
                URI.create(base + path),
                headers,
                rewriter.body(request, upstreamModel),
                BodyRewriter.needsUsageChunk(request));
    }
}
