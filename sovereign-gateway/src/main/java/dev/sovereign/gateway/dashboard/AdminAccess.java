package dev.sovereign.gateway.dashboard;

import dev.sovereign.gateway.ingress.KeyAuthenticator;
import dev.sovereign.gateway.ingress.RequestOrigin;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.gateway.wire.Principal;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may call the admin API ({@code /admin/…}), and how:
 *
 * <ol>
 *   <li>a request that presents a key ({@code x-api-key} or {@code Authorization: Bearer}) is authenticated by it,
 *       and must be an admin key ({@code admin: true});
 *   <li>else a request with a dashboard session cookie is the session's; a request that changes something (any
 *       method but GET and HEAD) must also send the session's CSRF token in {@value #CSRF_HEADER} and must not come
 *       from a page of another origin;
 *   <li>else the request is authenticated as client requests are: on a gateway without keys, a loopback caller is
 *       its operator, but a browser request that changes something must not come from another origin.
 * </ol>
 *
 * On a gateway without keys, requests must also be addressed to a loopback name ({@link RequestOrigin#loopbackHost}),
 * which stops pages that rebind their DNS name to 127.0.0.1. Sessions may live in a store the replicas share, so a
 * session is looked up asynchronously; when that store cannot be asked, the request is refused with {@code
 * sovereign.sessions_unavailable} (503). Thread-safe.
 */
public final class AdminAccess {
    private static final Logger LOG = LoggerFactory.getLogger(AdminAccess.class);
    public static final String SESSION_COOKIE = "sovereign_session";
    public static final String CSRF_HEADER = "x-csrf-token";

    /** Who called, and through which dashboard session ({@code null} when with a key or as the local operator). */
    public record Caller(Principal principal, Session session) {}

    private final KeyAuthenticator keys;
    private final SessionStore sessions;
    private final Function<HttpServerRequest, Principal> clientAuthentication;

    /**
     * @param clientAuthentication authenticates a request as the client APIs do (throws {@link GatewayFailure} 401)
     */
    public AdminAccess(
            KeyAuthenticator keys, SessionStore sessions, Function<HttpServerRequest, Principal> clientAuthentication) {
        this.keys = keys;
        this.sessions = sessions;
        this.clientAuthentication = clientAuthentication;
    }

    /**
     * The admin calling, or a failed future with a {@link GatewayFailure}: 401 without valid credentials or with an
     * ended session, 403 for a key without admin rights, {@code sovereign.csrf_rejected} (403) for a change without
     * the session's CSRF token or from another origin, {@code sovereign.sessions_unavailable} (503) when the session
     * cannot be looked up. Completes on the request's event loop; at once unless a session must be looked up in a
     * shared store.
     */
    public Future<Caller> authorize(HttpServerRequest req) {
        try {
            if (keys.open() && !RequestOrigin.loopbackHost(req)) {
                throw new GatewayFailure(
                        FailureKind.FORBIDDEN,
                        "This gateway has no client keys and answers admin requests addressed to localhost or"
                                + " 127.0.0.1 only.");
            }
            boolean changes = req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD;
            if (req.getHeader("x-api-key") != null || req.getHeader("authorization") != null) {
                return Future.succeededFuture(new Caller(admin(clientAuthentication.apply(req)), null));
            }
            Cookie cookie = req.getCookie(SESSION_COOKIE);
            if (cookie != null) {
                return OnLoop.future(sessions.find(cookie.getValue())).transform(ar -> {
                    if (ar.failed()) {
                        OnLoop.unavailable(LOG, ar.cause());
                        return Future.failedFuture(unavailable());
                    }
                    try {
                        return Future.succeededFuture(sessionCaller(req, ar.result(), changes));
                    } catch (GatewayFailure f) {
                        return Future.failedFuture(f);
                    }
                });
            }
            Principal principal = clientAuthentication.apply(req);
            if (changes) requireSameOrigin(req);
            return Future.succeededFuture(new Caller(admin(principal), null));
        } catch (GatewayFailure f) {
            return Future.failedFuture(f);
        }
    }

    /** What the admin API answers when the dashboard's sessions cannot be looked up. */
    static GatewayFailure unavailable() {
        return new GatewayFailure(
                FailureKind.SESSIONS_UNAVAILABLE,
                "The dashboard's sessions cannot be looked up right now; try again shortly, or call with an admin key.",
                Map.of("retry-after", "1"),
                null);
    }

    private static Caller sessionCaller(HttpServerRequest req, Optional<Session> found, boolean changes) {
        Session session = found.orElseThrow(() -> new GatewayFailure(
                FailureKind.UNAUTHENTICATED, "Your dashboard session has ended; sign in again at /ui."));
        if (changes) {
            requireSameOrigin(req);
            if (!Sessions.csrfMatches(session, req.getHeader(CSRF_HEADER))) {
                throw new GatewayFailure(
                        FailureKind.CSRF_REJECTED,
                        "This request changes the gateway and needs the dashboard session's CSRF token in the "
                                + CSRF_HEADER + " header; reload the dashboard and try again.");
            }
        }
        return new Caller(session.principal(), session);
    }

    private static Principal admin(Principal principal) {
        if (!principal.admin()) {
            throw new GatewayFailure(
                    FailureKind.FORBIDDEN, "This key may not call the admin API; use a key with admin: true.");
        }
        return principal;
    }

    private static void requireSameOrigin(HttpServerRequest req) {
        if (RequestOrigin.foreign(req)) {
            throw new GatewayFailure(
                    FailureKind.CSRF_REJECTED,
                    "A page of another origin may not change the gateway through the admin API.");
        }
    }
}
