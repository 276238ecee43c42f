package dev.sovereign.config;

/** The API formats the gateway speaks inbound and that upstream providers speak natively. */
public enum WireFormat {
    /** Anthropic Messages API ({@code /v1/messages}). */
    ANTHROPIC("anthropic"),
    /** OpenAI Chat Completions and Embeddings ({@code /v1/chat/completions}, {@code /v1/embeddings}). */
    OPENAI("openai");

    private final String id;

    WireFormat(String id) {
        this.id = id;
    }

    /** The lower-case name used in configuration files, metrics and logs. */
    public String id() {
        return id;
    }

    public static WireFormat fromId(String id) {
        for (WireFormat format : values()) {
            if (format.id.equals(id)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown format '" + id + "' (expected anthropic or openai)");
    }
}
