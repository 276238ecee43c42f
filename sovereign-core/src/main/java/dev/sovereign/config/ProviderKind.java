package dev.sovereign.config;

/** The upstream protocols the gateway has an adapter for. */
public enum ProviderKind {
    ANTHROPIC("anthropic"),
    OPENAI_COMPATIBLE("openai-compatible");

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
                "unknown provider kind '" + id + "' (supported: anthropic, openai-compatible)");
    }
}
