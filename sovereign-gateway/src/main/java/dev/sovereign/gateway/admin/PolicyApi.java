package dev.sovereign.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.config.ClientKey;
import dev.sovereign.config.GatewayConfig;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.policy.ActivePolicy;
import dev.sovereign.gateway.wire.BoundedBody;
import dev.sovereign.gateway.wire.Exchange;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.gateway.wire.Json;
import dev.sovereign.policy.ExplainRequest;
import dev.sovereign.policy.Explainer;
import dev.sovereign.policy.Policy;
import dev.sovereign.policy.PolicyMatrix;
import dev.sovereign.policy.Rule;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy part of the admin API:
 *
 * <ul>
 *   <li>{@code GET /admin/policy} — the policy in force (rules, routes, guarantees) and the last rejected reload;
 *   <li>{@code POST /admin/policy/reload} — loads the policy file again; 422 when it is rejected (the running policy
 *       stays);
 *   <li>{@code GET /admin/policy/matrix} — where each kind of data goes for each workload, as {@code sovereign policy
 *       matrix --json}; {@code workloads} and {@code models} (comma-separated) choose the columns and the models tried;
 *   <li>{@code POST /admin/explain} — what the gateway would do with a prompt, as {@code POST /v1/sovereign/explain}
 *       does for a whole request body: {@code {"text", "api", "model", "key" | "workload" and "team", "labels"}}
 *       answers {@code {"segment", "explanation"}}, where the findings of {@code segment} have their offsets in
 *       {@code text} (UTF-16 code units, as JavaScript strings count). The text is neither stored nor logged.
 * </ul>
 */
final class PolicyApi {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyApi.class);
    static final String EXPLAIN = "/admin/explain";
    /** Where the prompt of an explanation sits in the request it is wrapped in. */
    static final String SEGMENT = "/messages/0/content";

    private static final Set<String> EXPLAIN_FIELDS =
            Set.of("text", "api", "model", "key", "workload", "team", "labels");

    private final Vertx vertx;
    private final GatewayConfig config;
    private final Json json;
    private final Supplier<Explainer> explainer;
    private final ActivePolicy policy;
    private final ObjectMapper mapper;

    PolicyApi(
            Vertx vertx,
            GatewayConfig config,
            Json json,
            Supplier<Explainer> explainer,
            ActivePolicy policy,
            ObjectMapper mapper) {
        this.vertx = vertx;
        this.config = config;
        this.json = json;
        this.explainer = explainer;
        this.policy = policy;
        this.mapper = mapper;
    }

    static boolean serves(String path) {
        return path.equals("/admin/policy") || path.startsWith("/admin/policy/") || path.equals(EXPLAIN);
    }

    void handle(Exchange ex, String path) {
        switch (path) {
            case "/admin/policy" -> {
                if (AdminApi.method(ex, HttpMethod.GET)) AdminApi.write(ex, 200, policyBody(), mapper);
            }
            case "/admin/policy/reload" -> {
                if (AdminApi.method(ex, HttpMethod.POST)) reload(ex);
            }
            case "/admin/policy/matrix" -> {
                if (AdminApi.method(ex, HttpMethod.GET)) matrix(ex);
            }
            case EXPLAIN -> {
                if (AdminApi.method(ex, HttpMethod.POST)) explain(ex);
            }
            default ->
                ex.fail(new GatewayFailure(
                        FailureKind.NOT_FOUND,
                        "No admin endpoint " + AdminApi.safe(path) + "; there are /admin/policy, /admin/policy/reload,"
                                + " /admin/policy/matrix and /admin/explain."));
        }
    }

    private void reload(Exchange ex) {
        vertx.executeBlocking(policy::reload, false).onComplete(ar -> {
            if (ar.failed()) {
                ex.fail(GatewayFailure.of(ar.cause()));
                return;
            }
            ActivePolicy.Reload r = ar.result();
            LOG.info(
                    "policy reload through the admin API by key {}: {}",
                    ex.trip().principal().keyId(),
                    r.message());
            ObjectNode body = mapper.createObjectNode()
                    .put("accepted", r.accepted())
                    .put("changed", r.changed())
                    .put("message", r.message());
            AdminApi.write(ex, r.accepted() ? 200 : 422, body, mapper);
        });
    }

    private void matrix(Exchange ex) {
        List<String> workloads;
        List<String> models;
        try {
            for (String name : ex.request().params().names()) {
                if (!name.equals("workloads") && !name.equals("models")) {
                    throw new IllegalArgumentException(
                            "unknown parameter '" + AdminApi.safe(name) + "'; expected one of: models, workloads");
                }
            }
            workloads = list(ex.request().getParam("workloads"));
            models = list(ex.request().getParam("models"));
        } catch (IllegalArgumentException e) {
            ex.fail(new GatewayFailure(FailureKind.INVALID_REQUEST, e.getMessage()));
            return;
        }
        Explainer e = explainer.get();
        vertx.executeBlocking(() -> PolicyMatrix.of(e, workloads, models).toJsonTree(), false)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        LOG.warn(
                                "policy matrix for {} failed: {}",
                                ex.requestId(),
                                ar.cause().toString());
                        ex.fail(new GatewayFailure(FailureKind.INTERNAL, "The policy matrix could not be computed."));
                        return;
                    }
                    ex.response().putHeader("content-type", "application/json").end(json.buffer(ar.result()));
                });
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) return List.of();
        List<String> items = Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .distinct()
                .toList();
        if (items.size() > 100) throw new IllegalArgumentException("at most 100 workloads or models");
        return items;
    }

    private void explain(Exchange ex) {
        BoundedBody.read(ex.request(), config.limits().maxBodyBytes()).onComplete(ar -> {
            if (ar.failed()) {
                ex.fail(GatewayFailure.of(ar.cause()));
                return;
            }
            ExplainRequest request;
            try {
                request = explainRequest(json.parseObject(ar.result()));
            } catch (GatewayFailure f) {
                ex.fail(f);
                return;
            } catch (IllegalArgumentException e) {
                ex.fail(new GatewayFailure(FailureKind.INVALID_REQUEST, e.getMessage()));
                return;
            }
            // Classifying a long text takes a while: off the event loop, which serves the client traffic too.
            Explainer e = explainer.get();
            vertx.executeBlocking(() -> e.explain(request), false).onComplete(done -> {
                if (done.failed()) {
                    if (done.cause() instanceof IllegalArgumentException bad) {
                        ex.fail(new GatewayFailure(FailureKind.INVALID_REQUEST, bad.getMessage()));
                    } else {
                        // The class of the failure only: its message could quote the text.
                        LOG.warn(
                                "explain {} failed: {}",
                                ex.requestId(),
                                done.cause().getClass().getName());
                        ex.fail(GatewayFailure.of(done.cause()));
                    }
                    return;
                }
                ObjectNode body = mapper.createObjectNode().put("segment", SEGMENT);
                body.set("explanation", done.result().toJsonTree());
                ex.response().putHeader("content-type", "application/json").end(json.buffer(body));
            });
        });
    }

    /** The request that {@code asked} describes: its text as the one user message of a request in its API's format. */
    ExplainRequest explainRequest(ObjectNode asked) {
        for (Iterator<String> it = asked.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!EXPLAIN_FIELDS.contains(name)) {
                throw new IllegalArgumentException("unknown field '" + AdminApi.safe(name) + "'; expected one of: "
                        + String.join(", ", EXPLAIN_FIELDS.stream().sorted().toList()));
            }
        }
        String text = string(asked, "text", true);
        String apiName = string(asked, "api", false);
        WireFormat api;
        if (apiName == null || apiName.equals("openai")) api = WireFormat.OPENAI;
        else if (apiName.equals("anthropic")) api = WireFormat.ANTHROPIC;
        else throw new IllegalArgumentException("api: must be anthropic or openai");
        String model = string(asked, "model", true);
        if (model.isBlank()) throw new IllegalArgumentException("model: must not be empty");
        String keyId = string(asked, "key", false);
        String workload = string(asked, "workload", false);
        String team = string(asked, "team", false);
        if (keyId != null && (workload != null || team != null)) {
            throw new IllegalArgumentException("give either key (its team and workload follow) or workload and team");
        }
        if (keyId != null) {
            ClientKey key = config.keys().stream()
                    .filter(k -> k.id().equals(keyId))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "key: '" + AdminApi.safe(keyId) + "' is not a key of this gateway"));
            team = key.team();
            workload = key.workload();
        }
        Set<String> labels = new LinkedHashSet<>();
        JsonNode given = asked.get("labels");
        if (given != null && !given.isNull()) {
            if (!given.isArray()) throw new IllegalArgumentException("labels: expected an array of strings");
            for (JsonNode l : given) {
                if (!l.isTextual()) throw new IllegalArgumentException("labels: expected an array of strings");
                labels.add(l.asText());
            }
        }
        ObjectNode body = mapper.createObjectNode().put("model", model);
        if (api == WireFormat.ANTHROPIC) body.put("max_tokens", 1024);
        body.putArray("messages").addObject().put("role", "user").put("content", text);
        long size = json.buffer(body).length();
        return new ExplainRequest(api, null, body, size, keyId, team, workload, labels);
    }

    private static String string(ObjectNode node, String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) throw new IllegalArgumentException(field + ": required");
            return null;
        }
        if (!v.isTextual()) throw new IllegalArgumentException(field + ": expected a string, got " + Json.kind(v));
        return v.asText();
    }

    private ObjectNode policyBody() {
        ObjectNode body = mapper.createObjectNode();
        policy.loaded()
                .ifPresentOrElse(
                        l -> {
                            Policy p = l.policy();
                            body.put("source", p.source());
                            body.put("loaded_at", l.loadedAt().toString());
                            body.put("sha256", l.digest());
                            ArrayNode rules = body.putArray("rules");
                            for (Rule r : p.rules()) {
                                ObjectNode o = rules.addObject()
                                        .put("id", r.id())
                                        .put("when", r.condition())
                                        .put("action", r.action().id());
                                if (r.route() != null) o.put("route", r.route());
                                if (r.message() != null) o.put("message", r.message());
                                if (r.redaction() != null) {
                                    o.put("mode", r.redaction().mode().id());
                                    o.set(
                                            "categories",
                                            mapper.valueToTree(r.redaction().categories()));
                                }
                            }
                            body.set("routes", mapper.valueToTree(p.routes()));
                            body.set("guarantees", mapper.valueToTree(p.guarantees()));
                        },
                        () -> body.put("source", "none: requests go to the provider that serves their model"));
        policy.rejection()
                .ifPresent(r -> body.putObject("rejected")
                        .put("message", r)
                        .put("at", policy.rejectedAt().map(Object::toString).orElse(null)));
        return body;
    }
}
