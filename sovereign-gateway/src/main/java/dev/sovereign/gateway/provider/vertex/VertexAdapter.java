package dev.sovereign.gateway.provider.vertex;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.config.ProviderConfig;
import dev.sovereign.config.VertexSettings;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.provider.BodyRewriter;
import dev.sovereign.gateway.provider.ProviderAdapter;
import dev.sovereign.gateway.provider.RefreshedToken;
import dev.sovereign.gateway.provider.UpstreamRequest;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.gateway.wire.InboundRequest;
import dev.sovereign.gateway.wire.Json;
import dev.sovereign.gateway.wire.Operation;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * Claude on Google Vertex AI, as the official Anthropic SDKs call it: Messages go to {@code
 * /v1/projects/{project}/locations/{location}/publishers/anthropic/models/{model}:rawPredict} ({@code
 * :streamRawPredict} when streaming) and token counts to {@code .../models/count-tokens:rawPredict}. The body loses
 * {@code model} (it is in the path; token counting keeps it), gains {@code "anthropic_version":"vertex-2023-10-16"}
 * unless the client set one, and keeps {@code stream}; {@code anthropic-version} and {@code anthropic-beta} pass as
 * headers, and {@code ?beta=true} is dropped. The answer, streams included, is the Anthropic wire format.
 *
 * <p>Credentials are Google OAuth tokens ({@link GoogleAccessTokens}) refreshed on a worker thread ahead of expiry;
 * {@link #prepare} only reads the current one and fails with {@link FailureKind#UPSTREAM_AUTH_UNAVAILABLE} when there
 * is none. Immutable and thread-safe.
 */
public final class VertexAdapter implements ProviderAdapter {
    public static final String ANTHROPIC_VERSION = "vertex-2023-10-16";

    private final ProviderConfig config;
    private final VertexSettings settings;
    private final Json json;
    private final RefreshedToken token;
    private final VertexErrors errors;
    private final String models;

    public VertexAdapter(ProviderConfig config, Json json, RefreshedToken token) {
        this.config = config;
        this.settings = (VertexSettings) config.settings();
        this.json = json;
        this.token = token;
        this.errors = new VertexErrors(json);
        this.models = config.endpoint() + "/v1/projects/" + settings.project() + "/locations/" + config.region()
                + "/publishers/anthropic/models/";
    }

    /** A Vertex adapter whose Google tokens are fetched on {@code vertx}'s worker threads from now on. */
    public static VertexAdapter start(ProviderConfig config, Json json, Vertx vertx, Clock clock) {
        VertexSettings settings = (VertexSettings) config.settings();
        RefreshedToken token = RefreshedToken.start(
                vertx,
                config.id(),
                new GoogleAccessTokens(settings.credentialsFile(), clock),
                clock,
                Duration.ofMinutes(50));
        return new VertexAdapter(config, json, token);
    }

    @Override
    public ProviderConfig config() {
        return config;
    }

    @Override
    public UpstreamRequest prepare(InboundRequest request, String upstreamModel, MultiMap clientHeaders) {
        if (request.api() != WireFormat.ANTHROPIC) {
            throw new GatewayFailure(
                    FailureKind.FORMAT_UNSUPPORTED,
                    "Provider '" + config.id() + "' (Claude on Vertex AI) accepts anthropic-format requests only.");
        }
        String bearer = token.current()
                .orElseThrow(() -> new GatewayFailure(
                        FailureKind.UPSTREAM_AUTH_UNAVAILABLE,
                        "The gateway holds no valid Google credentials for provider '" + config.id()
                                + "' yet; retry shortly."));
        boolean counting = request.operation() == Operation.COUNT_TOKENS;
        ObjectNode body = request.body().objectNode();
        body.setAll(request.body());
        if (counting) body.put("model", upstreamModel);
        else body.remove("model");
        if (!body.hasNonNull("anthropic_version")) body.put("anthropic_version", ANTHROPIC_VERSION);
        String method = counting
                ? "count-tokens:rawPredict"
                : pathSegment(upstreamModel) + (request.stream() ? ":streamRawPredict" : ":rawPredict");
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        headers.set("content-type", "application/json");
        headers.set("authorization", "Bearer " + bearer);
        BodyRewriter.copyAnthropicHeaders(clientHeaders, headers);
        return new UpstreamRequest(URI.create(models + method), headers, json.buffer(body), false, errors);
    }

    /** A model id as one path segment: {@code @} and the unreserved characters as they are, others escaped. */
    static String pathSegment(String model) {
        StringBuilder sb = new StringBuilder(model.length());
        for (byte b : model.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~'
                    || c == '@') {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }
}
