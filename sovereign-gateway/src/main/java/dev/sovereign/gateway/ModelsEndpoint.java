package dev.sovereign.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.config.AzureOpenAiSettings;
import dev.sovereign.config.ProviderConfig;
import dev.sovereign.config.ProviderKind;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.provider.Upstream;
import dev.sovereign.gateway.wire.Exchange;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.gateway.wire.Json;
import dev.sovereign.routing.ModelRouter;
import dev.sovereign.routing.Route;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{id}} in the caller's format. The list holds the
 * models named in the configuration, plus the models of providers routed by a glob (such as
 * {@code claude-*}) as those providers list them, kept only when they route back to that provider.
 * Upstream lists are cached for a minute; an upstream that cannot be reached is left out. One instance
 * per event loop.
 */
public final class ModelsEndpoint {
    private static final long CACHE_NANOS = 60_000_000_000L;
    private static final long FETCH_TIMEOUT_MS = 3_000;

    private final ModelRouter router;
    private final Map<String, Upstream> upstreams;
    private final Json json;
    private final Map<String, Listed> cache = new LinkedHashMap<>();

    private record Listed(long fetchedAt, List<ModelInfo> models) {}

    /** One model as listed: its id, the provider serving it, and what the upstream said of it. */
    public record ModelInfo(String id, String providerId, String displayName, String createdAt, long created) {}

    public ModelsEndpoint(ModelRouter router, Map<String, Upstream> upstreams, Json json) {
        this.router = router;
        this.upstreams = upstreams;
        this.json = json;
    }

    /** {@code GET /v1/models}: the models of every provider, in the caller's API format. */
    public void serveList(HttpServerRequest req, Exchange ex) {
        list().onComplete(ar -> {
            if (ar.failed()) {
                ex.fail(GatewayFailure.of(ar.cause()));
                return;
            }
            req.response()
                    .putHeader("content-type", "application/json")
                    .end(json.buffer(listBody(ex.api(), ar.result())));
        });
    }

    /** {@code GET /v1/models/{id}}: one model a provider serves, or 404. */
    public void serveModel(HttpServerRequest req, Exchange ex, String id) {
        list().onComplete(ar -> {
            List<ModelInfo> listed = ar.succeeded() ? ar.result() : List.of();
            routable(id, listed)
                    .ifPresentOrElse(
                            m -> req.response()
                                    .putHeader("content-type", "application/json")
                                    .end(json.buffer(modelBody(ex.api(), m))),
                            () -> ex.fail(new GatewayFailure(
                                    FailureKind.NOT_FOUND, "No provider serves model '" + id + "'.")));
        });
    }

    public Future<List<ModelInfo>> list() {
        Map<String, ModelInfo> models = new LinkedHashMap<>();
        for (String name : router.namedModels()) {
            router.resolve(name)
                    .ifPresent(r ->
                            models.put(name, new ModelInfo(name, r.providerId(), name, "1970-01-01T00:00:00Z", 0)));
        }
        List<Future<List<ModelInfo>>> fetches = new ArrayList<>();
        for (String providerId : router.providersWithGlobs()) {
            Upstream upstream = upstreams.get(providerId);
            // bedrock-runtime has no model list: its models are the ones its model map names.
            if (upstream != null && upstream.config().kind() != ProviderKind.BEDROCK) fetches.add(fetch(upstream));
        }
        return Future.join(fetches).transform(ignored -> {
            for (Future<List<ModelInfo>> f : fetches) {
                if (f.failed()) continue;
                for (ModelInfo m : f.result()) {
                    Optional<Route> route = router.resolve(m.id());
                    if (route.isPresent() && route.get().providerId().equals(m.providerId()))
                        models.putIfAbsent(m.id(), m);
                }
            }
            return Future.succeededFuture(List.copyOf(models.values()));
        });
    }

    private Future<List<ModelInfo>> fetch(Upstream upstream) {
        ProviderConfig config = upstream.config();
        // Vertex AI publishes no list of a project's Claude models, and Azure lists models, not the deployments the
        // model map names: their models are the configured names alone.
        if (config.kind() == ProviderKind.VERTEX || config.kind() == ProviderKind.AZURE_OPENAI)
            return Future.succeededFuture(List.of());
        Listed cached = cache.get(config.id());
        if (cached != null && System.nanoTime() - cached.fetchedAt() < CACHE_NANOS)
            return Future.succeededFuture(cached.models());
        RequestOptions options = listRequest(config, FETCH_TIMEOUT_MS);
        return upstream.client()
                .request(options)
                .compose(req -> req.send())
                .compose(resp ->
                        resp.statusCode() == 200 ? resp.body() : Future.failedFuture("HTTP " + resp.statusCode()))
                .map(body -> {
                    JsonNode node = json.tryParse(body.getBytes());
                    List<ModelInfo> models = new ArrayList<>();
                    if (node != null) {
                        for (JsonNode m : node.path("data")) {
                            String id = m.path("id").asText(null);
                            if (id == null) continue;
                            models.add(new ModelInfo(
                                    id,
                                    config.id(),
                                    m.path("display_name").asText(id),
                                    m.path("created_at").asText("1970-01-01T00:00:00Z"),
                                    m.path("created").asLong(0)));
                        }
                    }
                    cache.put(config.id(), new Listed(System.nanoTime(), models));
                    return models;
                });
    }

    /**
     * The GET that asks a provider for its model list, in its own protocol and with its credentials;
     * also the start-up reachability probe.
     */
    public static RequestOptions listRequest(ProviderConfig config, long timeoutMs) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setTimeout(timeoutMs)
                .setConnectTimeout(
                        Math.min(timeoutMs, config.timeouts().connect().toMillis()));
        if (config.kind() == ProviderKind.AZURE_OPENAI) {
            // Azure's model list with the API key checks the endpoint and the key; an Entra token is not held here.
            AzureOpenAiSettings azure = (AzureOpenAiSettings) config.settings();
            options.setAbsoluteURI(
                    azure.v1()
                            ? config.endpoint() + "/openai/v1/models"
                            : config.endpoint() + "/openai/models?api-version=" + azure.apiVersion());
            config.credential().ifPresent(s -> options.putHeader("api-key", s.reveal()));
        } else if (config.kind() == ProviderKind.VERTEX) {
            // Reachability only: the Google token is held by the adapter, and any HTTP answer shows the host answers.
            options.setAbsoluteURI(config.endpoint() + "/");
        } else if (config.kind() == ProviderKind.ANTHROPIC) {
            options.setAbsoluteURI(config.endpoint() + "/v1/models?limit=1000")
                    .putHeader("anthropic-version", "2023-06-01");
            config.credential().ifPresent(s -> options.putHeader("x-api-key", s.reveal()));
        } else if (config.kind() == ProviderKind.BEDROCK) {
            // No list and no unsigned call; any answer to a GET of the root shows the endpoint is there.
            options.setAbsoluteURI(config.endpoint() + "/");
        } else {
            options.setAbsoluteURI(config.endpoint() + "/models");
            config.credential().ifPresent(s -> options.putHeader("authorization", "Bearer " + s.reveal()));
        }
        return options;
    }

    /** The model list body in the caller's format. */
    public ObjectNode listBody(WireFormat api, List<ModelInfo> models) {
        ObjectNode root = json.mapper().createObjectNode();
        if (api == WireFormat.ANTHROPIC) {
            ArrayNode data = root.putArray("data");
            for (ModelInfo m : models) data.add(anthropicModel(m));
            root.put("has_more", false);
            if (models.isEmpty()) {
                root.putNull("first_id");
                root.putNull("last_id");
            } else {
                root.put("first_id", models.get(0).id());
                root.put("last_id", models.get(models.size() - 1).id());
            }
        } else {
            root.put("object", "list");
            ArrayNode data = root.putArray("data");
            for (ModelInfo m : models) data.add(openAiModel(m));
        }
        return root;
    }

    public ObjectNode modelBody(WireFormat api, ModelInfo model) {
        return api == WireFormat.ANTHROPIC ? anthropicModel(model) : openAiModel(model);
    }

    /** A model the gateway routes, even when no upstream list names it. */
    public Optional<ModelInfo> routable(String id, List<ModelInfo> listed) {
        for (ModelInfo m : listed) {
            if (m.id().equals(id)) return Optional.of(m);
        }
        return router.resolve(id).map(r -> new ModelInfo(id, r.providerId(), id, "1970-01-01T00:00:00Z", 0));
    }

    private ObjectNode anthropicModel(ModelInfo m) {
        ObjectNode node = json.mapper().createObjectNode();
        node.put("type", "model");
        node.put("id", m.id());
        node.put("display_name", m.displayName());
        node.put("created_at", m.createdAt());
        return node;
    }

    private ObjectNode openAiModel(ModelInfo m) {
        ObjectNode node = json.mapper().createObjectNode();
        node.put("id", m.id());
        node.put("object", "model");
        node.put("created", m.created());
        node.put("owned_by", m.providerId());
        return node;
    }
}
