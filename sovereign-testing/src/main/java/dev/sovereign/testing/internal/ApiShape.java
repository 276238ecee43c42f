package dev.sovereign.testing.internal;

import io.vertx.core.MultiMap;

/** Which provider API a request speaks, and therefore the shape of its errors and responses. */
public enum ApiShape {
    ANTHROPIC,
    OPENAI,
    /** Claude on Bedrock ({@code /model/{id}/invoke…}): AWS error answers and event streams. */
    BEDROCK,
    /** Claude on Vertex AI: Anthropic's format, Google's errors for authentication and quota. */
    VERTEX,
    /** Azure OpenAI: OpenAI's format, Azure's errors for authentication, rate limits and the content filter. */
    AZURE,
    /** Mistral: OpenAI's format, Mistral's errors. */
    MISTRAL;

    /** True when answers and model errors are in Anthropic's format. */
    public boolean anthropicFormat() {
        return this == ANTHROPIC || this == VERTEX;
    }

    /**
     * {@code /v1/messages*} is Anthropic; {@code /v1/chat/*} and {@code /v1/embeddings*} are OpenAI;
     * {@code /model/*} is Bedrock, {@code /v1/projects/*} Vertex AI, {@code /openai/*} Azure OpenAI, {@code
     * /mistral/*} Mistral;
     * any other path is Anthropic when the request carries {@code anthropic-version}, else OpenAI.
     */
    public static ApiShape of(String path, MultiMap headers) {
        if (path.startsWith("/v1/projects/")) {
            return VERTEX;
        }
        if (path.startsWith("/openai/")) {
            return AZURE;
        }
        if (path.startsWith("/mistral/")) {
            return MISTRAL;
        }
        if (path.startsWith("/v1/messages")) {
            return ANTHROPIC;
        }
        if (path.startsWith("/v1/chat/") || path.startsWith("/v1/embeddings")) {
            return OPENAI;
        }
        if (path.startsWith("/model/")) {
            return BEDROCK;
        }
        return headers.contains("anthropic-version") ? ANTHROPIC : OPENAI;
    }
}
