package dev.sovereign.gateway.provider.openai;

import dev.sovereign.config.OpenAiCompatibleSettings;
import dev.sovereign.config.OpenAiDialect;
import dev.sovereign.config.ProviderConfig;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.provider.BodyRewriter;
import dev.sovereign.gateway.provider.ProviderAdapter;
import dev.sovereign.gateway.provider.UpstreamRequest;
import dev.sovereign.gateway.wire.InboundRequest;
import dev.sovereign.gateway.wire.Json;
import io.vertx.core.MultiMap;
import java.net.URI;

/**
 * OpenAI and the servers that speak its API: Mistral, Azure-hosted OpenAI-compatible endpoints, and
 * self-hosted Ollama, vLLM and llama.cpp. The endpoint includes {@code /v1}, as {@code OPENAI_BASE_URL}
 * does. Servers configured with the {@code anthropic} format (Ollama, vLLM and llama.cpp serve
 * {@code /v1/messages}) also receive Anthropic Messages requests as they are. A server of the Mistral
 * dialect gets its requests in Mistral's terms ({@link MistralRequests}) and has its errors read as
 * Mistral states them ({@link MistralErrors}); it is never asked for OpenAI's usage chunk, as it sends
 * usage in the last chunk of every stream.
 */
public final class OpenAiCompatibleAdapter implements ProviderAdapter {
    private final ProviderConfig config;
    private final BodyRewriter rewriter;
    private final String base;
    private final MistralRequests mistral;
    private final MistralErrors mistralErrors;

    public OpenAiCompatibleAdapter(ProviderConfig config, BodyRewriter rewriter, Json json) {
        this.config = config;
        this.rewriter = rewriter;
        this.base = config.endpoint().toString();
        boolean isMistral =
                config.settings() instanceof OpenAiCompatibleSettings s && s.dialect() == OpenAiDialect.MISTRAL;
        this.mistral = isMistral ? new MistralRequests(json) : null;
        this.mistralErrors = isMistral ? new MistralErrors(json) : null;
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
        if (mistral != null && request.api() == WireFormat.OPENAI) {
            return new UpstreamRequest(
                    URI.create(base + path), headers, mistral.body(request, upstreamModel), false, mistralErrors);
        }
        return new UpstreamRequest(
                URI.create(base + path),
                headers,
                rewriter.body(request, upstreamModel),
                BodyRewriter.needsUsageChunk(request));
    }
}
