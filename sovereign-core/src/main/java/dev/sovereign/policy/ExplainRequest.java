package dev.sovereign.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.config.WireFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A request to explain: a parsed request body in the format of {@code api}, who would send it, and the labels it
 * would declare. Nothing is forwarded.
 *
 * @param operation as the gateway names it ({@code messages}, {@code count_tokens}, {@code chat_completions},
 *     {@code embeddings}); {@code null} to infer it from the body ({@code messages} for Anthropic, {@code
 *     embeddings} for an OpenAI body with {@code input} and no {@code messages}, else {@code chat_completions})
 * @param sizeBytes the size of the body as sent, which conditions read as {@code request.size}
 * @param keyId the client key's id, or {@code null}
 * @param team the client key's team, or {@code null}
 * @param workload the client key's workload, or {@code null}
 * @param labels labels declared as with {@code x-sovereign-labels}; trimmed and lower-cased here, as the gateway
 *     does
 */
public record ExplainRequest(
        WireFormat api,
        String operation,
        JsonNode body,
        long sizeBytes,
        String keyId,
        String team,
        String workload,
        Set<String> labels) {

    public ExplainRequest {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(body, "body");
        if (operation == null) operation = inferOperation(api, body);
        labels = labels.stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** A body sent by nobody in particular, without labels. */
    public static ExplainRequest of(WireFormat api, JsonNode body, long sizeBytes) {
        return new ExplainRequest(api, null, body, sizeBytes, null, null, null, Set.of());
    }

    public ExplainRequest withSubject(String newKeyId, String newTeam, String newWorkload) {
        return new ExplainRequest(api, operation, body, sizeBytes, newKeyId, newTeam, newWorkload, labels);
    }

    public ExplainRequest withLabels(Set<String> newLabels) {
        return new ExplainRequest(api, operation, body, sizeBytes, keyId, team, workload, newLabels);
    }

    private static String inferOperation(WireFormat api, JsonNode body) {
        if (api == WireFormat.ANTHROPIC) return "messages";
        return body.has("input") && !body.has("messages") ? "embeddings" : "chat_completions";
    }
}
