package dev.sovereign.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One upstream provider deployment.
 *
 * @param endpoint base URL; for {@code anthropic} without {@code /v1} (as {@code ANTHROPIC_BASE_URL}), for
 *     {@code openai-compatible} with it (as {@code OPENAI_BASE_URL}); for {@code bedrock} the runtime endpoint,
 *     {@code https://bedrock-runtime.{region}.amazonaws.com} unless overridden (a VPC endpoint, a test server)
 * @param region where the provider runs; for {@code bedrock} the AWS region of its endpoint and SigV4 scope
 * @param formats the inbound formats this upstream serves natively (no translation needed)
 * @param credential the API key, or empty for a local server that needs none; for {@code bedrock} a Bedrock API key
 *     (sent as a bearer token), or empty to sign requests with the AWS default credentials chain
 * @param profile the id of the sovereignty profile that describes this deployment's jurisdiction
 * @param models the model map, in order; the first matching entry of the first matching provider wins
 * @param caFile PEM certificates to trust for this endpoint instead of the JDK's (an internal CA or a TLS proxy)
 * @param resilience retries, concurrency limit and circuit breaker for calls to this provider
 * @param translation how requests in a format this provider does not serve are translated into one it does
 * @param settings what the provider's kind needs beyond these ({@link BedrockSettings}, {@link VertexSettings},
 *     {@link AzureOpenAiSettings}, {@link OpenAiCompatibleSettings})
 */
public record ProviderConfig(
        String id,
        ProviderKind kind,
        URI endpoint,
        String region,
        Optional<Secret> credential,
        Set<WireFormat> formats,
        String profile,
        Timeouts timeouts,
        int maxConnections,
        List<ModelMapping> models,
        Optional<Path> caFile,
        TranslationOptions translation,
        Resilience resilience,
        ProviderSettings settings) {

    public ProviderConfig {
        if (resilience == null) resilience = Resilience.DEFAULTS;
        formats = Set.copyOf(formats);
        models = List.copyOf(models);
        if (formats.isEmpty()) throw new IllegalArgumentException("a provider serves at least one format");
        translation = translation == null ? TranslationOptions.DEFAULTS : translation;
        if (settings == null) settings = ProviderSettings.defaults(kind, endpoint, region);
    }

    /**
     * A provider that translates with the {@linkplain TranslationOptions#DEFAULTS default options}, has the
     * {@linkplain Resilience#DEFAULTS default resilience}, and whose kind needs no settings of its own or takes their
     * defaults (the dialect from the host).
     */
    public ProviderConfig(
            String id,
            ProviderKind kind,
            URI endpoint,
            String region,
            Optional<Secret> credential,
            Set<WireFormat> formats,
            String profile,
            Timeouts timeouts,
            int maxConnections,
            List<ModelMapping> models,
            Optional<Path> caFile) {
        this(
                id,
                kind,
                endpoint,
                region,
                credential,
                formats,
                profile,
                timeouts,
                maxConnections,
                models,
                caFile,
                ProviderSettings.defaults(kind, endpoint, region));
    }

    /** A provider with the default translation options and resilience, and its kind's own {@code settings}. */
    public ProviderConfig(
            String id,
            ProviderKind kind,
            URI endpoint,
            String region,
            Optional<Secret> credential,
            Set<WireFormat> formats,
            String profile,
            Timeouts timeouts,
            int maxConnections,
            List<ModelMapping> models,
            Optional<Path> caFile,
            ProviderSettings settings) {
        this(
                id,
                kind,
                endpoint,
                region,
                credential,
                formats,
                profile,
                timeouts,
                maxConnections,
                models,
                caFile,
                TranslationOptions.DEFAULTS,
                Resilience.DEFAULTS,
                settings);
    }

    public boolean speaks(WireFormat format) {
        return formats.contains(format);
    }

    /**
     * Where a request sent to this provider as {@code upstreamModel} is processed: the configured region, or for
     * Bedrock the geography its inference profile names (see {@link ProviderKind#regionOf}).
     */
    public String regionOf(String upstreamModel) {
        return kind.regionOf(upstreamModel, region);
    }
}
