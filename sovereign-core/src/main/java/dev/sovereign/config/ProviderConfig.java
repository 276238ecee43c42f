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
 *     {@code openai-compatible} with it (as {@code OPENAI_BASE_URL})
 * @param formats the inbound formats this upstream serves natively (no translation needed)
 * @param credential the API key, or empty for a local server that needs none
 * @param profile the id of the sovereignty profile that describes this deployment's jurisdiction
 * @param models the model map, in order; the first matching entry of the first matching provider wins
 * @param caFile PEM certificates to trust for this endpoint instead of the JDK's (an internal CA or a TLS proxy)
 * @param settings what the provider's kind needs beyond these ({@link VertexSettings}, {@link AzureOpenAiSettings},
 *     {@link OpenAiCompatibleSettings})
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
        ProviderSettings settings) {

    public ProviderConfig {
        formats = Set.copyOf(formats);
        models = List.copyOf(models);
        if (settings == null) settings = ProviderSettings.defaults(kind, endpoint);
    }

    /** A provider whose kind needs no settings of its own, or takes their defaults (the dialect from the host). */
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
                ProviderSettings.defaults(kind, endpoint));
    }

    public boolean speaks(WireFormat format) {
        return formats.contains(format);
    }
}
