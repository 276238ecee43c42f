package dev.sovereign.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.audit.AuditJson;
import dev.sovereign.audit.AuditPage;
import dev.sovereign.audit.AuditQuery;
import dev.sovereign.audit.AuditTime;
import dev.sovereign.audit.AuditWriter;
import dev.sovereign.audit.StoredEvent;
import dev.sovereign.audit.VerifyReport;
import dev.sovereign.config.GatewayConfig;
import dev.sovereign.gateway.audit.Auditor;
import dev.sovereign.gateway.limits.RequestLimits;
import dev.sovereign.gateway.policy.ActivePolicy;
import dev.sovereign.gateway.wire.Exchange;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.gateway.wire.Json;
import dev.sovereign.policy.Explainer;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin JSON API over the audit trail, the policy and the reports, for operators and the dashboard:
 *
 * <ul>
 *   <li>{@code GET /admin/audit/events} — events newest first, filtered by {@code from}, {@code to}, {@code type},
 *       {@code request_id}, {@code workload}, {@code key}, {@code team}, {@code category} (a name or a family such as
 *       {@code special.*}), {@code provider}, {@code jurisdiction}, {@code action}; {@code limit} (1–1000, default
 *       100) and {@code cursor} (the previous page's {@code next}) page through them.
 *   <li>{@code GET /admin/audit/verify} — checks every chain against its hashes and signed checkpoints.
 *   <li>{@code GET /admin/audit/status} — this process's writer: store, health, counters.
 *   <li>{@code GET /admin/gateway} — how this gateway is set up: listeners, providers and their sovereignty
 *       profiles, client keys (ids, teams, workloads; never hashes), the policy file and the audit store.
 *   <li>{@code /admin/policy}, {@code /admin/policy/reload}, {@code /admin/policy/matrix}, {@code /admin/explain} —
 *       the policy ({@link PolicyApi}).
 *   <li>{@code GET /admin/reports/…} — posture, assessment, costs, index, vendor events and the whole report
 *       ({@link ReportsApi}).
 * </ul>
 *
 * Store calls block, so they run on worker threads; the caller has been authenticated as an admin.
 */
public final class AdminApi {
    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
    private static final Set<String> EVENT_PARAMS = Set.of(
            "from",
            "to",
            "type",
            "request_id",
            "workload",
            "key",
            "team",
            "category",
            "provider",
            "jurisdiction",
            "action",
            "limit",
            "cursor");

    private final Vertx vertx;
    private final GatewayConfig config;
    private final Auditor auditor;
    private final ActivePolicy policy;
    private final IntSupplier listenPort;
    private final IntSupplier adminPort;
    private final Clock clock;

    private final ObjectMapper mapper = AuditJson.mapper();

    private final ReportsApi reports;
    private final PolicyApi policies;
    private final LimitsApi limits;

    /**
     * @param listenPort the port the client listener is bound to (the configured one may be 0)
     * @param adminPort the port the admin listener is bound to, when there is one
     */
    public AdminApi(
            Vertx vertx,
            GatewayConfig config,
            Json json,
            Supplier<Explainer> explainer,
            Auditor auditor,
            ActivePolicy policy,
            IntSupplier listenPort,
            IntSupplier adminPort,
            RequestLimits limits,
            Clock clock) {
        this.vertx = vertx;
        this.limits = new LimitsApi(limits, mapper, clock);
        this.config = config;
        this.auditor = auditor;
        this.policy = policy;
        this.listenPort = listenPort;
        this.adminPort = adminPort;
        this.clock = clock;
        this.reports = new ReportsApi(vertx, config, explainer, auditor, clock);
        this.policies = new PolicyApi(vertx, config, json, explainer, policy, mapper);
    }

    /** Serves {@code path} (below {@code /admin}) for an authenticated admin. */
    public void handle(Exchange ex, String path) {
        if (PolicyApi.serves(path)) {
            policies.handle(ex, path);
            return;
        }
        if (!method(ex, HttpMethod.GET)) return;
        if (path.startsWith(ReportsApi.PREFIX)) {
            reports.handle(ex, path);
            return;
        }
        if (path.equals(LimitsApi.PATH)) {
            limits.handle(ex);
            return;
        }
        if (path.equals("/admin/gateway")) {
            write(
                    ex,
                    200,
                    GatewayInfo.of(
                            config, listenPort.getAsInt(), adminPort.getAsInt(), policy, auditor.enabled(), mapper),
                    mapper);
            return;
        }
        if (!auditor.enabled()) {
            ex.fail(new GatewayFailure(FailureKind.NOT_FOUND, "The audit trail is off (audit.enabled: false)."));
            return;
        }
        switch (path) {
            case "/admin/audit/events" -> {
                AuditQuery query;
                try {
                    query = query(ex.request().params());
                } catch (IllegalArgumentException e) {
                    ex.fail(new GatewayFailure(FailureKind.INVALID_REQUEST, e.getMessage()));
                    return;
                }
                blocking(ex, () -> eventsBody(auditor.store().query(query)));
            }
            case "/admin/audit/verify" ->
                blocking(ex, () -> verifyBody(auditor.verifier().verify()));
            case "/admin/audit/status" -> blocking(ex, this::statusBody);
            default ->
                ex.fail(new GatewayFailure(
                        FailureKind.NOT_FOUND,
                        "No admin endpoint " + (path.length() > 80 ? path.substring(0, 80) + "…" : path)
                                + "; there are /admin/audit/events, /admin/audit/verify, /admin/audit/status,"
                                + " /admin/gateway, /admin/limits, /admin/session, /admin/policy, /admin/policy/reload,"
                                + " /admin/policy/matrix, /admin/explain and /admin/reports/…"));
        }
    }

    /** Whether the request uses {@code allowed}; else a 405 has been sent. */
    static boolean method(Exchange ex, HttpMethod allowed) {
        if (ex.request().method() == allowed) return true;
        ex.fail(new GatewayFailure(
                FailureKind.METHOD_NOT_ALLOWED,
                "Method " + ex.request().method() + " is not allowed here; use " + allowed + ".",
                java.util.Map.of("allow", allowed.name()),
                null));
        return false;
    }

    static void write(Exchange ex, int status, ObjectNode body, ObjectMapper mapper) {
        try {
            ex.response()
                    .setStatusCode(status)
                    .putHeader("content-type", "application/json")
                    .end(Buffer.buffer(mapper.writeValueAsBytes(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void blocking(Exchange ex, Callable<ObjectNode> work) {
        vertx.executeBlocking(work, false).onComplete(ar -> {
            if (ar.succeeded()) {
                try {
                    ex.response()
                            .putHeader("content-type", "application/json")
                            .end(Buffer.buffer(mapper.writeValueAsBytes(ar.result())));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return;
            }
            LOG.warn("admin request {} failed: {}", ex.requestId(), ar.cause().getMessage());
            ex.fail(new GatewayFailure(
                    FailureKind.AUDIT_UNAVAILABLE, "The audit store cannot be read right now; retry shortly."));
        });
    }

    AuditQuery query(MultiMap params) {
        for (String name : params.names()) {
            if (!EVENT_PARAMS.contains(name)) {
                throw new IllegalArgumentException("unknown parameter '" + safe(name) + "'; expected one of: "
                        + String.join(", ", EVENT_PARAMS.stream().sorted().toList()));
            }
        }
        int limit = 100;
        if (params.get("limit") != null) {
            try {
                limit = Integer.parseInt(params.get("limit"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("limit must be a number between 1 and " + AuditQuery.MAX_LIMIT);
            }
        }
        Long cursor = null;
        if (params.get("cursor") != null) {
            try {
                cursor = Long.parseLong(params.get("cursor"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cursor must be the 'next' value of a previous page");
            }
        }
        String type = params.get("type");
        if (type != null) dev.sovereign.audit.AuditEvent.Type.of(type); // refuses an unknown type, naming the known
        return new AuditQuery(
                time(params.get("from"), AuditTime.DateAs.START_OF_DAY),
                time(params.get("to"), AuditTime.DateAs.END_OF_DAY),
                type,
                params.get("request_id"),
                params.get("workload"),
                params.get("key"),
                params.get("team"),
                params.get("category"),
                params.get("provider"),
                params.get("jurisdiction"),
                params.get("action"),
                limit,
                cursor);
    }

    private Instant time(String value, AuditTime.DateAs dateAs) {
        return value == null ? null : AuditTime.parse(value, clock, dateAs);
    }

    private ObjectNode eventsBody(AuditPage page) throws IOException {
        ObjectNode body = mapper.createObjectNode();
        ArrayNode events = body.putArray("events");
        for (StoredEvent e : page.events()) {
            ObjectNode o = events.addObject();
            o.put("id", e.id());
            o.put("writer", e.writer());
            o.put("seq", e.seq());
            o.put("hash", e.hash());
            o.put("prev_hash", e.prevHash());
            JsonNode stored = mapper.readTree(e.body());
            o.set("event", stored.path("event"));
        }
        if (page.next() == null) body.putNull("next");
        else body.put("next", String.valueOf(page.next()));
        return body;
    }

    private ObjectNode verifyBody(VerifyReport report) {
        return dev.sovereign.audit.AuditJson.verifyReport(report);
    }

    private ObjectNode statusBody() {
        AuditWriter w = auditor.writer();
        ObjectNode body = mapper.createObjectNode();
        body.put("store", auditor.store().describe());
        body.put("writer", w.writer());
        body.put("healthy", w.healthy());
        body.put("committed", w.committed());
        body.put("refused", w.failed());
        body.put("dropped", w.dropped());
        body.put("queued", w.queued());
        body.put("commits", w.batches());
        body.put("capture", auditor.capturing());
        dev.sovereign.audit.CheckpointStamper stamper = auditor.stamper();
        if (stamper != null) {
            ObjectNode t = body.putObject("timestamp");
            t.put("authority", stamper.authority());
            t.put("every", stamper.every().toString());
            t.put("stamped", stamper.stamped());
            t.put("failed", stamper.failed());
            t.put("lag_seconds", stamper.lag().toMillis() / 1000.0);
            if (stamper.lastStampedAt() != null)
                t.put("last_stamped_at", stamper.lastStampedAt().toString());
            if (stamper.lastError() != null) t.put("last_error", stamper.lastError());
        }
        return body;
    }

    static String safe(String s) {
        String t = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        return t.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
