package dev.sovereign.gateway.provider.anthropic;

import dev.sovereign.config.ProviderConfig;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.provider.BodyRewriter;
import dev.sovereign.gateway.provider.ProviderAdapter;
import dev.sovereign.gateway.provider.UpstreamRequest;
import dev.sovereign.gateway.wire.InboundRequest;
import dev.sovereign.gateway.wire.Operation;
import io.vertx.core.MultiMap;
import java.net.URI;

/**
 * The Anthropic API ({@code api.anthropic.com} or a compatible endpoint given without {@code /v1}).
 * Messages go to {@code /v1/messages} with {@code x-api-key}; {@code anthropic-version} and
 * {@code anthropic-beta} pass through untouched, as does the query ({@code ?beta=true}). OpenAI-format
 * requests go to Anthropic's OpenAI-compatible {@code /v1/chat/completions} with a bearer token.
 */
public final class AnthropicAdapter implements ProviderAdapter {
    private final ProviderConfig config;
    private final BodyRewriter rewriter;
    private final String base;

    public AnthropicAdapter(ProviderConfig config, BodyRewriter rewriter) {
        this.config = config;
        this.rewriter = rewriter;
        this.base = config.endpoint().toString();
    }

    @Override
    public ProviderConfig config() {
        return config;
    }

    /** The Anthropic API has no embeddings endpoint, in either of its formats. */
    @Override
    public boolean servesEmbeddings() {
        return false;
    }

    @Override
    public UpstreamRequest prepare(InboundRequest request, String upstreamModel, MultiMap clientHeaders) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        headers.set("content-type", "application/json");
        String key = config.credential().orElseThrow().reveal();
        String path;
        if (request.api() == WireFormat.ANTHROPIC) {
            path = request.operation() == Operation.COUNT_TOKENS ? "/v1/messages/count_tokens" : "/v1/messages";
            headers.set("x-api-key", key);
            BodyRewriter.copyAnthropicHeaders(clientHeaders, headers);
        } else {
            path = "/v1/chat/completions";
            headers.set("authorization", "Bearer " + key);
        }
        String query = request.query() == null || request.query().isEmpty() ? "" : "?" + request.query();
        return new UpstreamRequest(
                URI.create(base + path + query),
                headers,
                rewriter.body(request, upstreamModel),
                BodyRewriter.needsUsageChunk(request));
    }
}
