package dev.sovereign.gateway.provider.azure;

import dev.sovereign.config.AzureOpenAiSettings;
import dev.sovereign.config.ProviderConfig;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.provider.BodyRewriter;
import dev.sovereign.gateway.provider.ProviderAdapter;
import dev.sovereign.gateway.provider.RefreshedToken;
import dev.sovereign.gateway.provider.UpstreamRequest;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.gateway.wire.InboundRequest;
import dev.sovereign.gateway.wire.Json;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * Azure OpenAI and OpenAI models in Microsoft Foundry. The model a request is sent as is a deployment name. With a
 * dated {@code api_version}, chat completions go to {@code
 * /openai/deployments/{deployment}/chat/completions?api-version=…} (and {@code /embeddings}); with the v1 API to
 * {@code /openai/v1/chat/completions} with the deployment in the body's {@code model}. Credentials are an {@code
 * api-key} header, or a Microsoft Entra token as a bearer token, obtained on a worker thread: read from a file
 * the platform keeps fresh ({@link EntraTokenFile}), or exchanged for the pod's federated token with workload
 * identity ({@link EntraWorkloadTokens}). Answers are OpenAI's wire format with Azure's content-filter annotations ({@code
 * prompt_filter_results}, {@code content_filter_results}, stream chunks with empty {@code choices}), which pass to
 * the client untouched. Immutable and thread-safe.
 */
public final class AzureOpenAiAdapter implements ProviderAdapter {
    private final ProviderConfig config;
    private final AzureOpenAiSettings settings;
    private final BodyRewriter rewriter;
    private final RefreshedToken entraToken;
    private final AzureErrors errors;
    private final String base;

    /** @param entraToken the Entra token, or {@code null} when the provider authenticates with an API key */
    public AzureOpenAiAdapter(ProviderConfig config, BodyRewriter rewriter, Json json, RefreshedToken entraToken) {
        this.config = config;
        this.settings = (AzureOpenAiSettings) config.settings();
        this.rewriter = rewriter;
        this.entraToken = entraToken;
        this.errors = new AzureErrors(json);
        this.base = config.endpoint().toString();
        if (entraToken == null && config.credential().isEmpty()) {
            throw new IllegalArgumentException(
                    "provider " + config.id() + " has neither an API key nor an Entra token");
        }
    }

    /** An adapter whose Entra token, when configured, is obtained on {@code vertx}'s worker threads from now on. */
    public static AzureOpenAiAdapter start(
            ProviderConfig config, BodyRewriter rewriter, Json json, Vertx vertx, Clock clock) {
        AzureOpenAiSettings settings = (AzureOpenAiSettings) config.settings();
        RefreshedToken token = null;
        if (settings.entraTokenFile().isPresent()) {
            token = RefreshedToken.start(
                    vertx,
                    config.id(),
                    new EntraTokenFile(settings.entraTokenFile().get(), json, clock),
                    clock,
                    Duration.ofMinutes(5));
        } else if (settings.workloadIdentity().isPresent()) {
            token = RefreshedToken.start(
                    vertx,
                    config.id(),
                    new EntraWorkloadTokens(settings.workloadIdentity().get(), json, clock),
                    clock,
                    Duration.ofMinutes(50));
        }
        return new AzureOpenAiAdapter(config, rewriter, json, token);
    }

    @Override
    public ProviderConfig config() {
        return config;
    }

    @Override
    public UpstreamRequest prepare(InboundRequest request, String upstreamModel, MultiMap clientHeaders) {
        String operation = switch (request.operation()) {
            case CHAT_COMPLETIONS -> "chat/completions";
            case EMBEDDINGS -> "embeddings";
            default ->
                throw new GatewayFailure(
                        FailureKind.FORMAT_UNSUPPORTED,
                        "Provider '" + config.id() + "' (Azure OpenAI) accepts " + WireFormat.OPENAI.id()
                                + "-format requests only.");
        };
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        headers.set("content-type", "application/json");
        if (entraToken == null) {
            headers.set("api-key", config.credential().orElseThrow().reveal());
        } else {
            String token = entraToken
                    .current()
                    .orElseThrow(() -> new GatewayFailure(
                            FailureKind.UPSTREAM_AUTH_UNAVAILABLE,
                            "The gateway holds no valid Microsoft Entra token for provider '" + config.id()
                                    + "' yet; retry shortly."));
            headers.set("authorization", "Bearer " + token);
        }
        String uri = settings.v1()
                ? base + "/openai/v1/" + operation
                : base + "/openai/deployments/" + URLEncoder.encode(upstreamModel, StandardCharsets.UTF_8) + "/"
                        + operation + "?api-version=" + settings.apiVersion();
        return new UpstreamRequest(
                URI.create(uri),
                headers,
                rewriter.body(request, upstreamModel),
                BodyRewriter.needsUsageChunk(request),
                errors);
    }
}
