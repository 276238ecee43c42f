package dev.sovereign.gateway.provider.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.gateway.provider.ErrorDialect;
import dev.sovereign.gateway.provider.ProviderError;
import dev.sovereign.gateway.wire.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Azure OpenAI's content filter: a 400 with {@code "code":"content_filter"} and an {@code innererror} naming the
 * filters that acted. It keeps its status and gets the stable key {@code upstream.content_filter}; OpenAI clients
 * receive Azure's body as it came (the Azure SDKs read {@code innererror}), Anthropic clients an {@code
 * invalid_request_error} naming the filtered categories. Azure's other errors are OpenAI-shaped and take the generic
 * path. Thread-safe.
 */
final class AzureErrors implements ErrorDialect {
    private final Json json;

    AzureErrors(Json json) {
        this.json = json;
    }

    @Override
    public ProviderError read(int status, byte[] body) {
        JsonNode node = body.length == 0 ? null : json.tryParse(body);
        if (node == null) return null;
        JsonNode error = node.path("error");
        boolean filtered = "content_filter".equals(error.path("code").asText(null))
                || "ResponsibleAIPolicyViolation"
                        .equals(error.path("innererror").path("code").asText(null));
        if (!filtered) return null;
        List<String> categories = new ArrayList<>();
        JsonNode results = error.path("innererror").path("content_filter_result");
        for (Map.Entry<String, JsonNode> e : results.properties()) {
            if (e.getValue().path("filtered").asBoolean(false)) categories.add(e.getKey());
        }
        String message = "Azure OpenAI's content filter refused the request"
                + (categories.isEmpty() ? "." : " (" + String.join(", ", categories) + ").");
        return new ProviderError(
                status, "upstream.content_filter", message, "invalid_request_error", "invalid_request_error", true);
    }
}
