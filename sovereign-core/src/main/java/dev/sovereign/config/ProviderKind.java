package dev.sovereign.config;

import java.util.EnumSet;
import java.util.Set;

/** The upstream protocols the gateway has an adapter for. */
public enum ProviderKind {
    ANTHROPIC("anthropic"),
    /** Claude on AWS Bedrock ({@code bedrock-runtime}), whose model ids name where a request may be processed. */
    BEDROCK("bedrock"),
    OPENAI_COMPATIBLE("openai-compatible"),
    /** Claude on Google Vertex AI ({@code rawPredict} and {@code streamRawPredict}), with Google credentials. */
    VERTEX("vertex"),
    /** Azure OpenAI and OpenAI models in Microsoft Foundry: deployments, an {@code api-version}, Azure credentials. */
    AZURE_OPENAI("azure-openai");

    private final String id;

    ProviderKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The formats a provider of this kind serves when its entry does not list them; a new, modifiable set. */
    Set<WireFormat> defaultFormats() {
        return switch (this) {
            // The Anthropic API also serves the OpenAI Chat Completions format at /v1/chat/completions.
            case ANTHROPIC -> EnumSet.allOf(WireFormat.class);
            case BEDROCK, VERTEX -> EnumSet.of(WireFormat.ANTHROPIC);
            case OPENAI_COMPATIBLE, AZURE_OPENAI -> EnumSet.of(WireFormat.OPENAI);
        };
    }

    public static ProviderKind fromId(String id) {
        for (ProviderKind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown provider kind '" + id
                + "' (supported: anthropic, bedrock, openai-compatible, vertex, azure-openai)");
    }

    /**
     * Where a request sent to a provider of this kind as {@code upstreamModel} is processed, as a region name that
     * guarantees and the residency assessment read. For most kinds that is the provider's configured region; a
     * Bedrock cross-region inference profile names its own geography ({@code eu}, {@code us}, or {@code global}
     * for anywhere), whatever the region of the endpoint (see {@link BedrockModelId#processingRegion}).
     */
    public String regionOf(String upstreamModel, String configuredRegion) {
        if (this != BEDROCK || upstreamModel == null) return configuredRegion;
        return BedrockModelId.parse(upstreamModel)
                .map(id -> id.processingRegion(configuredRegion))
                .orElse(BedrockModelId.UNKNOWN_REGION);
    }
}
