package dev.sovereign.testing.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves {@code GET /v1/models} and {@code GET /v1/models/{id}} in the Anthropic shape when the
 * request carries {@code anthropic-version}, else in the OpenAI shape. All bodies are serialised
 * once at class load. Thread-safe.
 */
final class ModelCatalog {

    private record Model(String id, String displayName, String createdAt, String ownedBy) {}

    private static final List<Model> MODELS = List.of(
            new Model("claude-sonnet-4-5-20250929", "Claude Sonnet 4.5", "2025-09-29T00:00:00Z", "anthropic"),
            new Model("claude-haiku-4-5-20251001", "Claude Haiku 4.5", "2025-10-01T00:00:00Z", "anthropic"),
            new Model("gpt-4o-mini", "GPT-4o mini", "2024-07-18T00:00:00Z", "system"),
            new Model("mistral-small-latest", "Mistral Small", "2025-06-20T00:00:00Z", "mistralai"),
            new Model("llama3.1:8b", "Llama 3.1 8B", "2024-07-23T00:00:00Z", "library"));

    /** Every model id served, in list order. */
    static final List<String> IDS = MODELS.stream().map(Model::id).toList();

    private static final Buffer ANTHROPIC_LIST;
    private static final Buffer OPENAI_LIST;
    private static final Map<String, Buffer> ANTHROPIC_BY_ID = new HashMap<>();
    private static final Map<String, Buffer> OPENAI_BY_ID = new HashMap<>();

    static {
        ObjectNode anthropic = Json.object();
        ArrayNode anthropicData = anthropic.putArray("data");
        ObjectNode openAi = Json.object().put("object", "list");
        ArrayNode openAiData = openAi.putArray("data");
        for (Model model : MODELS) {
            ObjectNode a = anthropicData
                    .addObject()
                    .put("type", "model")
                    .put("id", model.id())
                    .put("display_name", model.displayName())
                    .put("created_at", model.createdAt());
            ObjectNode o = openAiData
                    .addObject()
                    .put("id", model.id())
                    .put("object", "model")
                    .put("created", Instant.parse(model.createdAt()).getEpochSecond())
                    .put("owned_by", model.ownedBy());
            ANTHROPIC_BY_ID.put(model.id(), Json.buffer(a));
            OPENAI_BY_ID.put(model.id(), Json.buffer(o));
        }
        anthropic.put("has_more", false);
        anthropic.put("first_id", MODELS.get(0).id());
        anthropic.put("last_id", MODELS.get(MODELS.size() - 1).id());
        ANTHROPIC_LIST = Json.buffer(anthropic);
        OPENAI_LIST = Json.buffer(openAi);
    }

    private ModelCatalog() {}

    static void list(Exchange exchange) {
        if (ApiKeys.check(exchange)) {
            exchange.respond(200, exchange.shape().anthropicFormat() ? ANTHROPIC_LIST : OPENAI_LIST);
        }
    }

    /** {@code rawId} is the last path segment, percent-decoded here ({@code llama3.1%3A8b}). */
    static void get(Exchange exchange, String rawId) {
        if (!ApiKeys.check(exchange)) {
            return;
        }
        String id = URLDecoder.decode(rawId, StandardCharsets.UTF_8);
        boolean anthropic = exchange.shape().anthropicFormat();
        Buffer model = (anthropic ? ANTHROPIC_BY_ID : OPENAI_BY_ID).get(id);
        if (model != null) {
            exchange.respond(200, model);
        } else if (anthropic) {
            exchange.anthropicError(404, "not_found_error", "model: " + id);
        } else {
            exchange.openAiError(
                    404, "The model '" + id + "' does not exist", "invalid_request_error", "model", "model_not_found");
        }
    }
}
