package dev.sovereign.gateway.dashboard;

import dev.sovereign.gateway.ingress.KeyAuthenticator;
import dev.sovereign.gateway.ingress.RequestOrigin;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.gateway.wire.Principal;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.Function;

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
 * which stops pages that rebind their DNS name to 127.0.0.1. Thread-safe.
 */
public final class AdminAccess {
    public static final String SESSION_COOKIE = "sovereign_session";
    public static final String CSRF_HEADER = "x-csrf-token";

    /** Who called, and through which dashboard session ({@code null} when with a key or as the local operator). */
    public record Caller(Principal principal, Session session) {}

    private final KeyAuthenticator keys;
    private final Sessions sessions;
    private final Function<HttpServerRequest, Principal> clientAuthentication;

    /**
     * @param clientAuthentication authenticates a request as the client APIs do (throws {@link GatewayFailure} 401)
     */
    public AdminAccess(
            KeyAuthenticator keys, Sessions sessions, Function<HttpServerRequest, Principal> clientAuthentication) {
        this.keys = keys;
        this.sessions = sessions;
        this.clientAuthentication = clientAuthentication;
    }

    /**
     * The admin calling, or a {@link GatewayFailure}: 401 without valid credentials or with an ended session, 403
     * for a key without admin rights, {@code sovereign.csrf_rejected} (403) for a change without the session's CSRF
     * token or from another origin.
     */
    public Caller authorize(HttpServerRequest req) {
        if (keys.open() && !RequestOrigin.loopbackHost(req)) {
            throw new GatewayFailure(
                    FailureKind.FORBIDDEN,
                    "This gateway has no client keys and answers admin requests addressed to localhost or 127.0.0.1"
                            + " only.");
        }
        boolean changes = req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD;
        if (req.getHeader("x-api-key") != null || req.getHeader("authorization") != null) {
            return new Caller(admin(clientAuthentication.apply(req)), null);
        }
        Cookie cookie = req.getCookie(SESSION_COOKIE);
        if (cookie != null) {
            Session session = sessions.find(cookie.getValue())
                    .orElseThrow(() -> new GatewayFailure(
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
        Principal principal = clientAuthentication.apply(req);
        if (changes) requireSameOrigin(req);
        return new Caller(admin(principal), null);
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
