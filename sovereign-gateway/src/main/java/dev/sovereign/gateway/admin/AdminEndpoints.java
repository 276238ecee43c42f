package dev.sovereign.gateway.admin;

import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.dashboard.AdminAccess;
import dev.sovereign.gateway.dashboard.Dashboard;
import dev.sovereign.gateway.dashboard.SecurityHeaders;
import dev.sovereign.gateway.ingress.Requests;
import dev.sovereign.gateway.wire.ErrorBodies;
import dev.sovereign.gateway.wire.Exchange;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.gateway.wire.Json;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event loop's share of the admin side: the admin API ({@code /admin/…}, authorized by {@link AdminAccess}) and
 * the dashboard ({@code /ui}), served beside the client APIs ({@link #serve}) or as the whole of the admin listener
 * ({@link #serveAdminListener}). Confined to its event loop; what it shares with the others is thread-safe.
 */
public final class AdminEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(AdminEndpoints.class);

    private final AdminApi api;
    private final AdminAccess access;
    private final Dashboard dashboard;
    private final Json json;
    private final ErrorBodies errors;

    public AdminEndpoints(AdminApi api, AdminAccess access, Dashboard dashboard, Json json, ErrorBodies errors) {
        this.api = api;
        this.access = access;
        this.dashboard = dashboard;
        this.json = json;
        this.errors = errors;
    }

    /** Serves {@code /admin/…} and {@code /ui…} ({@code path} without a trailing slash); false for other paths. */
    public boolean serve(HttpServerRequest req, String path) {
        if (path.startsWith("/admin/")) {
            admin(req, path);
            return true;
        }
        if (path.equals("/ui") || req.path().startsWith("/ui/")) {
            try {
                dashboard.handle(req);
            } catch (RuntimeException e) {
                LOG.error("dashboard request {} {} failed", req.method(), Requests.safePath(req.path()), e);
                if (!req.response().headWritten()) {
                    req.response()
                            .setStatusCode(500)
                            .putHeader("content-type", "text/plain; charset=utf-8")
                            .end("The dashboard could not answer this request; the gateway's log says why.");
                }
            }
            return true;
        }
        return false;
    }

    /** The admin listener: the admin API and the dashboard, nothing else; {@code /} leads to the dashboard. */
    public void serveAdminListener(HttpServerRequest req) {
        String path = req.path();
        if (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
        if (path.equals("/")) {
            SecurityHeaders.page(req.response())
                    .setStatusCode(303)
                    .putHeader("location", "/ui/")
                    .end();
            return;
        }
        if (serve(req, path)) return;
        exchange(req)
                .fail(new GatewayFailure(
                        FailureKind.NOT_FOUND,
                        "No endpoint " + req.method() + " " + Requests.safePath(path)
                                + " on the admin listener; it serves the admin API (/admin/…) and the dashboard"
                                + " (/ui)."));
    }

    private void admin(HttpServerRequest req, String path) {
        Exchange ex = exchange(req);
        SecurityHeaders.api(req.response());
        Future<AdminAccess.Caller> authorized = access.authorize(req);
        if (authorized.isComplete()) {
            admin(ex, req, path, authorized);
            return;
        }
        // The session is being looked up in a shared store: hold the body back until a handler can read it.
        req.pause();
        authorized.onComplete(ar -> {
            try {
                admin(ex, req, path, authorized);
            } catch (RuntimeException e) {
                LOG.error("admin request {} {} failed", req.method(), Requests.safePath(req.path()), e);
                ex.fail(GatewayFailure.of(e));
            } finally {
                req.resume();
            }
        });
    }

    private void admin(Exchange ex, HttpServerRequest req, String path, Future<AdminAccess.Caller> authorized) {
        if (authorized.failed()) {
            ex.fail(GatewayFailure.of(authorized.cause()));
            return;
        }
        AdminAccess.Caller caller = authorized.result();
        ex.advance(ex.trip().authenticated(caller.principal()));
        if (!path.equals("/admin/session")) {
            api.handle(ex, path);
        } else if (req.method() != HttpMethod.GET) {
            ex.fail(new GatewayFailure(
                    FailureKind.METHOD_NOT_ALLOWED,
                    "Method " + req.method() + " is not allowed here; use GET.",
                    Map.of("allow", "GET"),
                    null));
        } else {
            req.response()
                    .putHeader("content-type", "application/json")
                    .end(json.buffer(json.mapper().valueToTree(Dashboard.describe(caller))));
        }
    }

    private Exchange exchange(HttpServerRequest req) {
        return Requests.exchange(req, WireFormat.OPENAI, errors);
    }
}
