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
import dev.sovereign.gateway.wire.Operation;
import io.vertx.core.MultiMap;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;

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
    /** The endpoint of each operation, parsed once (a request's URI is one of these). */
    private final Map<Operation, URI> uris = new EnumMap<>(Operation.class);

    private final MistralRequests mistral;
    private final MistralErrors mistralErrors;

    public OpenAiCompatibleAdapter(ProviderConfig config, BodyRewriter rewriter, Json json) {
        this.config = config;
        this.rewriter = rewriter;
        String base = config.endpoint().toString();
        for (Operation op : Operation.values()) uris.put(op, URI.create(base + path(op)));
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
        URI uri = uris.get(request.operation());
        config.credential().ifPresent(secret -> {
            headers.set("authorization", "Bearer " + secret.reveal());
            if (request.api() == WireFormat.ANTHROPIC) headers.set("x-api-key", secret.reveal());
        });
        if (request.api() == WireFormat.ANTHROPIC) BodyRewriter.copyAnthropicHeaders(clientHeaders, headers);
        if (mistral != null && request.api() == WireFormat.OPENAI) {
            return new UpstreamRequest(uri, headers, mistral.body(request, upstreamModel), false, mistralErrors);
        }
        return new UpstreamRequest(
                uri, headers, rewriter.body(request, upstreamModel), BodyRewriter.needsUsageChunk(request));
    }

    private static String path(Operation op) {
        return switch (op) {
            case CHAT_COMPLETIONS -> "/chat/completions";
            case EMBEDDINGS -> "/embeddings";
            case MESSAGES -> "/messages";
            case COUNT_TOKENS -> "/messages/count_tokens";
        };
    }
}
