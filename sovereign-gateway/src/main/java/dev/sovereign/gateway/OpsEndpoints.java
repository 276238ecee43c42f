package dev.sovereign.gateway;

import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.ingress.Requests;
import dev.sovereign.gateway.wire.ErrorBodies;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.gateway.wire.Json;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;

/**
 * The endpoints of whoever runs the gateway, without a key: {@code /healthz} (the process answers), {@code /readyz}
 * (it should get traffic: not draining, the audit store reachable, with the policy in force or the reason the last one
 * was rejected) and {@code /metrics} (Prometheus text).
 */
final class OpsEndpoints {
    private final GatewayRuntime runtime;
    private final Json json;
    private final ErrorBodies errors;

    OpsEndpoints(GatewayRuntime runtime, Json json, ErrorBodies errors) {
        this.runtime = runtime;
        this.json = json;
        this.errors = errors;
    }

    void serve(HttpServerRequest req, String path) {
        if (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) {
            Requests.exchange(req, WireFormat.OPENAI, errors)
                    .fail(new GatewayFailure(
                            FailureKind.METHOD_NOT_ALLOWED,
                            "Method " + req.method() + " is not allowed here; use GET.",
                            Map.of("allow", "GET"),
                            null));
            return;
        }
        switch (path) {
            case "/healthz" ->
                req.response().putHeader("content-type", "application/json").end("{\"status\":\"ok\"}");
            case "/readyz" -> ready(req);
            case "/metrics" ->
                req.response()
                        .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(runtime.metrics().scrape());
            default -> throw new IllegalArgumentException("not an ops endpoint: " + path);
        }
    }

    private void ready(HttpServerRequest req) {
        String status = runtime.draining() ? "draining" : !runtime.auditor().healthy() ? "audit_unavailable" : "ready";
        var body = json.mapper().createObjectNode().put("status", status);
        runtime.decider()
                .loaded()
                .ifPresent(l -> body.putObject("policy")
                        .put("source", l.policy().source())
                        .put("loaded_at", l.loadedAt().toString())
                        .put("rules", l.policy().rules().size())
                        .put("guarantees", l.policy().guarantees().size()));
        runtime.decider()
                .rejection()
                .ifPresent(r -> body.with("policy")
                        .put("rejected", r)
                        .put(
                                "rejected_at",
                                runtime.decider()
                                        .rejectedAt()
                                        .map(Object::toString)
                                        .orElse(null)));
        req.response()
                .setStatusCode(status.equals("ready") ? 200 : 503)
                .putHeader("content-type", "application/json")
                .end(json.buffer(body));
    }
}
