package dev.sovereign.testing.internal;

import io.vertx.core.MultiMap;

/** Which provider API a request speaks, and therefore the shape of its errors and responses. */
public enum ApiShape {
    ANTHROPIC,
    OPENAI,
    /** Claude on Bedrock ({@code /model/{id}/invoke…}): AWS error answers and event streams. */
    BEDROCK;

    /**
     * {@code /v1/messages*} is Anthropic; {@code /v1/chat/*} and {@code /v1/embeddings*} are OpenAI;
     * {@code /model/*} is Bedrock; any other path is Anthropic when the request carries {@code anthropic-version}, else OpenAI.
     */
    public static ApiShape of(String path, MultiMap headers) {
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
