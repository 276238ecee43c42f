package dev.sovereign.gateway.wire;

import dev.sovereign.config.WireFormat;

/** The inbound operations that carry a prompt, each tied to the API format it belongs to. */
public enum Operation {
    MESSAGES("messages", WireFormat.ANTHROPIC),
    COUNT_TOKENS("count_tokens", WireFormat.ANTHROPIC),
    CHAT_COMPLETIONS("chat_completions", WireFormat.OPENAI),
    EMBEDDINGS("embeddings", WireFormat.OPENAI);

    private final String id;
    private final WireFormat api;

    Operation(String id, WireFormat api) {
        this.id = id;
        this.api = api;
    }

    public String id() {
        return id;
    }

    public WireFormat api() {
        return api;
    }

    /** True for operations the gateway can translate into the other format (Messages ⇄ Chat Completions). */
    public boolean translates() {
        return this == MESSAGES || this == CHAT_COMPLETIONS;
    }

    /** True for operations that may stream their answer. */
    public boolean canStream() {
        return this == MESSAGES || this == CHAT_COMPLETIONS;
    }
}
