package dev.sovereign.config;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * How an {@code openai-compatible} server departs from OpenAI's Chat Completions API. Mistral's API takes
 * {@code random_seed} for {@code seed} and {@code "any"} for {@code tool_choice: "required"}, refuses fields it does not
 * know (HTTP 422), sends usage in the last chunk of a stream without {@code stream_options}, and reports validation
 * errors as {@code {"detail":[...]}}.
 */
public enum OpenAiDialect {
    OPENAI("openai"),
    MISTRAL("mistral");

    private final String id;

    OpenAiDialect(String id) {
        this.id = id;
    }

    /** The name used in {@code providers.yaml} ({@code dialect:}). */
    public String id() {
        return id;
    }

    public static OpenAiDialect fromId(String id) {
        for (OpenAiDialect d : values()) {
            if (d.id.equals(id)) return d;
        }
        throw new IllegalArgumentException("unknown dialect '" + id + "' (expected openai or mistral)");
    }

    /** {@link #MISTRAL} for a host under {@code mistral.ai}, else {@link #OPENAI}. */
    public static OpenAiDialect detect(URI endpoint) {
        String host = endpoint == null || endpoint.getHost() == null
                ? ""
                : endpoint.getHost().toLowerCase(Locale.ROOT);
        return host.equals("mistral.ai") || host.endsWith(".mistral.ai") ? MISTRAL : OPENAI;
    }

    /**
     * The region a Mistral host names: {@code eu} for {@code api.eu.mistral.ai}, {@code us} for {@code
     * api.us.mistral.ai}; empty for other hosts, {@code api.mistral.ai} included.
     */
    public static Optional<String> mistralRegion(URI endpoint) {
        if (detect(endpoint) != MISTRAL) return Optional.empty();
        String host = endpoint.getHost().toLowerCase(Locale.ROOT);
        if (host.equals("api.eu.mistral.ai")) return Optional.of("eu");
        if (host.equals("api.us.mistral.ai")) return Optional.of("us");
        return Optional.empty();
    }
}
