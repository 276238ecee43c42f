package dev.sovereign.gateway.dashboard;

import dev.sovereign.gateway.ingress.KeyAuthenticator;
import dev.sovereign.gateway.ingress.RequestOrigin;
import dev.sovereign.gateway.ingress.Requests;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.gateway.wire.Principal;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web dashboard at {@code /ui}: its sign-in and sign-out, the page shell and its files. The pages read the admin
 * API ({@code /admin/…}) with the session cookie this class issues; {@link AdminAccess} checks it there.
 *
 * <ul>
 *   <li>{@code GET /ui/sign-in} — the sign-in form, with a CSRF token bound to a short-lived cookie;
 *   <li>{@code POST /ui/sign-in} — form fields {@code token} (an admin key) and {@code csrf}: opens a session
 *       (cookie {@value AdminAccess#SESSION_COOKIE}, {@code HttpOnly; SameSite=Strict; Path=/}, {@code Secure}
 *       behind TLS) and redirects to {@code /ui/}; a key without {@code admin: true} is refused with a message;
 *       repeated failures from one address are slowed down ({@link SignInThrottle});
 *   <li>{@code POST /ui/sign-out} — ends the session; needs its CSRF token ({@code x-csrf-token} or field {@code
 *       csrf});
 *   <li>{@code GET /ui/} — the page shell, for a signed-in session (else a redirect to the sign-in form);
 *   <li>{@code GET /ui/assets/…}, {@code /ui/vendor/…} — scripts, styles and the charting library, from the jar.
 * </ul>
 *
 * Every response carries {@link SecurityHeaders}. Neither keys nor session ids are logged. Runs on the event loops;
 * its state ({@link SessionStore}, {@link SignInAttempts}) is shared and thread-safe, and may live in a store the
 * replicas share: its answers then come back to the request's event loop ({@link OnLoop}), the request paused
 * meanwhile, and when that store cannot be asked the page says so with a 503.
 */
public final class Dashboard {
    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
    static final String SIGN_IN_COOKIE = "sovereign_signin";
    private static final int MAX_FORM_BYTES = 8192;
    private static final String SESSIONS_DOWN = "Signing in is not possible right now: the store this gateway keeps its"
            + " sessions in cannot be reached. Try again shortly.";

    private final KeyAuthenticator keys;
    private final SessionStore sessions;
    private final SignInAttempts throttle;
    private final Assets assets;
    private final Predicate<HttpServerRequest> fromLoopback;

    /**
     * @param fromLoopback whether a request comes from this machine (on a gateway without keys, only such requests
     *     may sign in)
     */
    public Dashboard(
            KeyAuthenticator keys,
            SessionStore sessions,
            SignInAttempts throttle,
            Assets assets,
            Predicate<HttpServerRequest> fromLoopback) {
        this.keys = keys;
        this.sessions = sessions;
        this.throttle = throttle;
        this.assets = assets;
        this.fromLoopback = fromLoopback;
    }

    /** Serves a request whose path is {@code /ui} or below it. */
    public void handle(HttpServerRequest req) {
        String path = req.path();
        SecurityHeaders.page(req.response());
        if (keys.open() && !RequestOrigin.loopbackHost(req)) {
            message(
                    req,
                    403,
                    "This gateway has no client keys and serves its dashboard at localhost or 127.0.0.1 only.");
            return;
        }
        switch (path) {
            case "/ui" -> redirect(req, "/ui/");
            case "/ui/", "/ui/index.html" -> {
                if (read(req)) shell(req);
            }
            case "/ui/sign-in" -> {
                if (req.method() == HttpMethod.POST) signIn(req);
                else if (read(req)) signInPage(req);
            }
            case "/ui/sign-out" -> {
                if (req.method() == HttpMethod.POST) signOut(req);
                else notAllowed(req, "POST");
            }
            default -> {
                if (!read(req)) return;
                Optional<Assets.Asset> asset = path.startsWith("/ui/assets/")
                        ? assets.own(path.substring("/ui/".length()))
                        : path.startsWith("/ui/vendor/")
                                ? assets.vendor(path.substring("/ui/vendor/".length()))
                                : Optional.empty();
                asset.ifPresentOrElse(
                        a -> asset(req, a, "no-cache"),
                        () -> message(req, 404, "There is no such page; the dashboard is at /ui/."));
            }
        }
    }

    /** {@code GET /admin/session}: who is signed in, and the CSRF token the pages send with each change. */
    public static Map<String, Object> describe(AdminAccess.Caller caller) {
        Principal p = caller.principal();
        Session s = caller.session();
        return Map.of(
                "key", p.keyId(),
                "team", p.team(),
                "workload", p.workload(),
                "via", s != null ? "session" : p == Principal.LOCAL ? "loopback" : "key",
                "csrf_token", s == null ? "" : s.csrfToken(),
                "expires", s == null ? "" : s.expires().toString(),
                "idle_timeout_seconds", Sessions.IDLE_TIMEOUT.toSeconds());
    }

    private boolean read(HttpServerRequest req) {
        if (req.method() == HttpMethod.GET || req.method() == HttpMethod.HEAD) return true;
        notAllowed(req, "GET");
        return false;
    }

    private void shell(HttpServerRequest req) {
        after(
                req,
                session(req),
                session -> {
                    if (session.isEmpty()) {
                        redirect(req, "/ui/sign-in");
                        return;
                    }
                    assets.own("index.html")
                            .ifPresentOrElse(
                                    a -> asset(req, a, "no-store"),
                                    () -> message(req, 500, "The dashboard's files are missing from this build."));
                },
                () -> unavailable(req));
    }

    private CompletionStage<Optional<Session>> session(HttpServerRequest req) {
        Cookie c = req.getCookie(AdminAccess.SESSION_COOKIE);
        return c == null ? CompletableFuture.completedFuture(Optional.empty()) : sessions.find(c.getValue());
    }

    /** {@code GET /ui/sign-in}: the form, or the dashboard for a session that is still live. */
    private void signInPage(HttpServerRequest req) {
        after(
                req,
                session(req),
                session -> {
                    if (session.isPresent()) redirect(req, "/ui/");
                    else signInForm(req, 200, null);
                },
                () -> signInUnavailable(req));
    }

    private void signInForm(HttpServerRequest req, int status, String problem) {
        String csrf = sessions.token();
        HttpServerResponse res = req.response();
        res.headers().add("set-cookie", cookie(req, SIGN_IN_COOKIE, csrf, "/ui/sign-in", 3600));
        html(req, status, SignInPage.render(csrf, keys.open(), problem));
    }

    private void signInUnavailable(HttpServerRequest req) {
        req.response().putHeader("retry-after", "1");
        signInForm(req, 503, SESSIONS_DOWN);
    }

    private void signIn(HttpServerRequest req) {
        String address =
                req.remoteAddress() == null ? "unknown" : req.remoteAddress().hostAddress();
        after(req, throttle.refusal(address), wait -> signIn(req, address, wait), () -> signInUnavailable(req));
    }

    private void signIn(HttpServerRequest req, String address, Optional<Duration> wait) {
        if (wait.isPresent()) {
            req.response()
                    .putHeader(
                            "retry-after", String.valueOf(Math.max(1, wait.get().toSeconds())));
            signInForm(
                    req,
                    429,
                    "Too many failed sign-ins from this address; try again in "
                            + Math.max(1, wait.get().toMinutes() + 1) + " minutes.");
            return;
        }
        if (RequestOrigin.foreign(req)) {
            signInForm(req, 403, "The sign-in came from a page of another site and was refused.");
            return;
        }
        String type = req.getHeader("content-type");
        if (type == null || !type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            signInForm(req, 415, "Sign in with the form on this page.");
            return;
        }
        form(req).onComplete(ar -> {
            if (ar.failed()) {
                signInForm(req, 400, "The sign-in form could not be read; try again.");
                return;
            }
            Map<String, List<String>> fields = ar.result();
            Cookie expected = req.getCookie(SIGN_IN_COOKIE);
            if (expected == null || !equal(expected.getValue(), field(fields, "csrf"))) {
                signInForm(req, 403, "The sign-in form had expired; it has been renewed, sign in again.");
                return;
            }
            signInPrincipal(req, address, fields, principal -> {
                Cookie old = req.getCookie(AdminAccess.SESSION_COOKIE);
                CompletionStage<Session> opened = throttle.succeeded(address)
                        .thenCompose(v ->
                                old == null ? CompletableFuture.completedFuture(null) : sessions.end(old.getValue()))
                        .thenCompose(v -> sessions.open(principal));
                after(
                        req,
                        opened,
                        session -> {
                            LOG.info("dashboard sign-in by key {} from {}", principal.keyId(), address);
                            HttpServerResponse res = req.response();
                            res.headers()
                                    .add("set-cookie", cookie(req, AdminAccess.SESSION_COOKIE, session.id(), "/", -1))
                                    .add("set-cookie", expired(req, SIGN_IN_COOKIE, "/ui/sign-in"));
                            redirect(req, "/ui/");
                        },
                        () -> signInUnavailable(req));
            });
        });
    }

    /**
     * Hands {@code then} the principal a sign-in form signs in; or answers the form with why not, once a failure has
     * been counted against the address.
     */
    private void signInPrincipal(
            HttpServerRequest req, String address, Map<String, List<String>> fields, Consumer<Principal> then) {
        if (keys.open()) {
            if (!fromLoopback.test(req)) {
                signInForm(req, 403, "This gateway has no client keys and lets only this machine sign in.");
                return;
            }
            then.accept(Principal.LOCAL);
            return;
        }
        String token = field(fields, "token");
        if (token == null || token.isBlank()) {
            refuse(req, address, 401, "Enter an admin key.");
            return;
        }
        Principal principal;
        try {
            principal = keys.authenticate(token.strip(), null);
        } catch (GatewayFailure f) {
            LOG.warn("dashboard sign-in refused from {}: not a key of this gateway", address);
            refuse(req, address, 401, "This is not a key of this gateway.");
            return;
        }
        if (!principal.admin()) {
            LOG.warn("dashboard sign-in refused for key {}: not an admin key", principal.keyId());
            refuse(
                    req,
                    address,
                    403,
                    "The key '" + principal.keyId() + "' is a client key without admin: true; it cannot open"
                            + " the dashboard. Sign in with an admin key.");
            return;
        }
        then.accept(principal);
    }

    /** Counts a failed sign-in from {@code address}, then answers the form with {@code problem}. */
    private void refuse(HttpServerRequest req, String address, int status, String problem) {
        after(req, throttle.failed(address), v -> signInForm(req, status, problem), () -> signInUnavailable(req));
    }

    private void signOut(HttpServerRequest req) {
        after(req, session(req), session -> signOut(req, session), () -> unavailable(req));
    }

    private void signOut(HttpServerRequest req, Optional<Session> session) {
        if (session.isEmpty()) {
            req.response().headers().add("set-cookie", expired(req, AdminAccess.SESSION_COOKIE, "/"));
            redirect(req, "/ui/sign-in");
            return;
        }
        if (RequestOrigin.foreign(req)) {
            message(req, 403, "A page of another site may not sign you out.");
            return;
        }
        String header = req.getHeader(AdminAccess.CSRF_HEADER);
        var fields = header != null
                ? Future.succeededFuture(Map.of(AdminAccess.CSRF_HEADER, List.of(header)))
                : form(req).map(f -> Map.of(AdminAccess.CSRF_HEADER, f.getOrDefault("csrf", List.of())));
        fields.onComplete(ar -> {
            String presented = ar.succeeded() ? field(ar.result(), AdminAccess.CSRF_HEADER) : null;
            if (!Sessions.csrfMatches(session.get(), presented)) {
                message(req, 403, "Signing out needs the session's CSRF token; reload the dashboard and try again.");
                return;
            }
            after(
                    req,
                    sessions.end(session.get().id()),
                    v -> {
                        LOG.info(
                                "dashboard sign-out by key {}",
                                session.get().principal().keyId());
                        req.response().headers().add("set-cookie", expired(req, AdminAccess.SESSION_COOKIE, "/"));
                        redirect(req, "/ui/sign-in");
                    },
                    () -> unavailable(req));
        });
    }

    /**
     * Runs {@code then} with the stage's result on the request's event loop: at once when the stage is already
     * complete (sessions in this process's memory); else later, with the request paused meanwhile so that no part of
     * its body is lost before a handler reads it. When the stage fails, the store behind it cannot be asked, and
     * {@code unavailable} answers.
     */
    private <T> void after(HttpServerRequest req, CompletionStage<T> stage, Consumer<T> then, Runnable unavailable) {
        Future<T> outcome = OnLoop.future(stage);
        if (outcome.isComplete()) {
            settle(outcome, then, unavailable);
            return;
        }
        boolean paused = !req.isEnded();
        if (paused) req.pause();
        outcome.onComplete(ar -> {
            try {
                settle(outcome, then, unavailable);
            } catch (RuntimeException e) {
                LOG.error("dashboard request {} {} failed", req.method(), Requests.safePath(req.path()), e);
                if (!req.response().headWritten()) {
                    message(req, 500, "The dashboard could not answer this request; the gateway's log says why.");
                }
            } finally {
                if (paused) req.resume();
            }
        });
    }

    private static <T> void settle(Future<T> outcome, Consumer<T> then, Runnable unavailable) {
        if (outcome.succeeded()) {
            then.accept(outcome.result());
        } else {
            OnLoop.unavailable(LOG, outcome.cause());
            unavailable.run();
        }
    }

    private static void unavailable(HttpServerRequest req) {
        req.response().putHeader("retry-after", "1");
        message(
                req,
                503,
                "The dashboard cannot answer right now: the store this gateway keeps its sessions in cannot be"
                        + " reached. Try again shortly.");
    }

    private static io.vertx.core.Future<Map<String, List<String>>> form(HttpServerRequest req) {
        return dev.sovereign.gateway.wire.BoundedBody.read(req, MAX_FORM_BYTES)
                .map(body -> new QueryStringDecoder(
                                body.toString(StandardCharsets.UTF_8), StandardCharsets.UTF_8, false)
                        .parameters());
    }

    private static String field(Map<String, List<String>> fields, String name) {
        List<String> values = fields.get(name);
        return values == null || values.size() != 1 ? null : values.get(0);
    }

    private static boolean equal(String a, String b) {
        return b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A cookie the page's scripts cannot read and other sites cannot make the browser send; {@code maxAge} in seconds,
     * or -1 for one that lasts as long as the browser session.
     */
    private static String cookie(HttpServerRequest req, String name, String value, String path, long maxAge) {
        return name + "=" + value + "; Path=" + path + (maxAge >= 0 ? "; Max-Age=" + maxAge : "")
                + "; HttpOnly; SameSite=Strict" + (secure(req) ? "; Secure" : "");
    }

    private static String expired(HttpServerRequest req, String name, String path) {
        return cookie(req, name, "", path, 0);
    }

    /** Behind TLS, directly or through a proxy that says so: the cookie then never travels in clear. */
    private static boolean secure(HttpServerRequest req) {
        return req.isSSL() || "https".equalsIgnoreCase(req.getHeader("x-forwarded-proto"));
    }

    private static void asset(HttpServerRequest req, Assets.Asset a, String cacheControl) {
        HttpServerResponse res = req.response()
                .putHeader("content-type", a.contentType())
                .putHeader("cache-control", cacheControl)
                .putHeader("etag", a.etag());
        if (a.etag().equals(req.getHeader("if-none-match"))) {
            res.setStatusCode(304).end();
        } else if (req.method() == HttpMethod.HEAD) {
            res.putHeader("content-length", String.valueOf(a.body().length())).end();
        } else {
            res.end(a.body());
        }
    }

    private static void redirect(HttpServerRequest req, String location) {
        req.response()
                .setStatusCode(303)
                .putHeader("location", location)
                .putHeader("cache-control", "no-store")
                .end();
    }

    private static void notAllowed(HttpServerRequest req, String allowed) {
        req.response().putHeader("allow", allowed);
        message(req, 405, "Method " + req.method() + " is not allowed here; use " + allowed + ".");
    }

    private static void html(HttpServerRequest req, int status, String html) {
        req.response()
                .setStatusCode(status)
                .putHeader("content-type", "text/html; charset=utf-8")
                .putHeader("cache-control", "no-store")
                .end(Buffer.buffer(html.getBytes(StandardCharsets.UTF_8)));
    }

    /** A short plain page with one sentence, for errors outside the sign-in form. */
    private static void message(HttpServerRequest req, int status, String text) {
        html(
                req,
                status,
                "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Sovereign AI Gateway</title>"
                        + "<link rel=\"stylesheet\" href=\"/ui/assets/app.css\"></head>\n<body class=\"sign-in\">"
                        + "<main class=\"sign-in-card\"><p class=\"error\">" + SignInPage.escape(text) + "</p>"
                        + "<p><a href=\"/ui/\">Back to the dashboard</a></p></main></body>\n</html>\n");
    }
}
