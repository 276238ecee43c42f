package dev.sovereign.config;

/** The upstream protocols the gateway has an adapter for. */
public enum ProviderKind {
    ANTHROPIC("anthropic"),
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

    public static ProviderKind fromId(String id) {
        for (ProviderKind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(
                "unknown provider kind '" + id + "' (supported: anthropic, openai-compatible, vertex, azure-openai)");
    }
}
