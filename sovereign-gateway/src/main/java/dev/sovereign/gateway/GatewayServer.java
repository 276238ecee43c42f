package dev.sovereign.gateway;

import dev.sovereign.config.GatewayConfig;
import dev.sovereign.config.ProviderConfig;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.admin.AdminApi;
import dev.sovereign.gateway.api.ErrorBodies;
import dev.sovereign.gateway.api.Ingress;
import dev.sovereign.gateway.api.Json;
import dev.sovereign.gateway.api.ModelsEndpoint;
import dev.sovereign.gateway.api.Operation;
import dev.sovereign.gateway.api.UpstreamErrors;
import dev.sovereign.gateway.auth.Principal;
import dev.sovereign.gateway.dashboard.AdminAccess;
import dev.sovereign.gateway.dashboard.Dashboard;
import dev.sovereign.gateway.dashboard.RequestOrigin;
import dev.sovereign.gateway.failure.FailureKind;
import dev.sovereign.gateway.failure.GatewayFailure;
import dev.sovereign.gateway.ops.AccessLogWriter;
import dev.sovereign.gateway.provider.Forwarder;
import dev.sovereign.gateway.provider.Outcome;
import dev.sovereign.gateway.provider.Upstream;
import dev.sovereign.gateway.translate.Translator;
import dev.sovereign.policy.ExplainRequest;
import dev.sovereign.policy.Explainer;
import dev.sovereign.policy.Explanation;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event loop's share of the gateway: an HTTP server on the shared port (and one on the admin port when the admin
 * API has a listener of its own), its own connection pools to the providers, and its own {@link Pipeline}.
 * Dispatches each request to an endpoint, reads bodies within the size limit, authenticates, and turns every failure
 * into an error in the caller's format. The admin API ({@code /admin/…}) and the dashboard ({@code /ui}) are served on
 * the admin listener when there is one, else beside the client APIs.
 */
final class GatewayServer extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    private static final HexFormat HEX = HexFormat.of();

    private final GatewayRuntime runtime;
    private final Json json;
    private final ErrorBodies errors;
    private HttpServer server;
    private ClientConnections connections;
    private HttpServerOptions clientOptions;
    private HttpServer adminServer;
    private Pipeline pipeline;
    private ModelsEndpoint models;
    private AdminEndpoints admin;
    private AccessLogWriter accessLogWriter;
    private final Map<String, HttpClient> clients = new HashMap<>();

    GatewayServer(GatewayRuntime runtime) {
        this.runtime = runtime;
        this.json = new Json(runtime.config().limits().maxJsonDepth());
        this.errors = new ErrorBodies(json);
    }

    @Override
    public Future<?> start() {
        GatewayConfig config = runtime.config();
        Map<String, Upstream> upstreams = new HashMap<>();
        for (ProviderConfig p : config.providers()) {
            HttpClientOptions options = new HttpClientOptions()
                    .setConnectTimeout((int) p.timeouts().connect().toMillis())
                    .setKeepAlive(true)
                    .setTcpNoDelay(true)
                    .setKeepAliveTimeout(60);
            p.caFile().ifPresent(ca -> options.setTrustOptions(new PemTrustOptions().addCertPath(ca.toString())));
            if ("https".equals(p.endpoint().getScheme())) {
                // HTTP/2 when the provider offers it (ALPN), so many streams share few connections.
                options.setProtocolVersion(HttpVersion.HTTP_2).setUseAlpn(true);
            }
            HttpClient client = vertx.httpClientBuilder()
                    .with(options)
                    .with(new PoolOptions()
                            .setHttp1MaxSize(p.maxConnections())
                            .setHttp2MaxSize(Math.max(1, p.maxConnections() / 64))
                            .setMaxWaitQueueSize(10_000))
                    .build();
            clients.put(p.id(), client);
            upstreams.put(p.id(), new Upstream(runtime.adapters().get(p.id()), client));
        }
        Forwarder forwarder = new Forwarder(
                vertx, json, new UpstreamErrors(json, errors), config.limits().maxBodyBytes() * 4);
        pipeline = new Pipeline(
                new Ingress(json),
                runtime.classifier(),
                runtime.decider(),
                runtime.auditor(),
                upstreams,
                new RouteAttempts(
                        vertx,
                        upstreams,
                        runtime.guards(),
                        forwarder,
                        new Translator(json, java.time.Clock.systemUTC()),
                        runtime.auditor(),
                        runtime.metrics()),
                json);
        models = new ModelsEndpoint(runtime.router(), upstreams, json);
        AdminApi adminApi = new AdminApi(
                vertx,
                config,
                json,
                this::explainer,
                runtime.auditor(),
                runtime.decider(),
                runtime::port,
                runtime::adminPort,
                java.time.Clock.systemUTC());
        admin = new AdminEndpoints(
                adminApi,
                new AdminAccess(runtime.authenticator(), runtime.sessions(), this::authenticate),
                new Dashboard(
                        runtime.authenticator(),
                        runtime.sessions(),
                        runtime.signInThrottle(),
                        runtime.assets(),
                        req -> isLoopback(req.remoteAddress())),
                json,
                errors);
        accessLogWriter = new AccessLogWriter(vertx, runtime.accessLogStream(), 8 << 20, runtime.accessLogDropped());
        runtime.register(accessLogWriter);
        clientOptions = new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port() == 0 ? -1 : config.port())
                .setTcpNoDelay(true)
                // HTTP/1.1 from the first byte: without h2c detection a connection exists (and its head timeout
                // runs) as soon as it is accepted, not when it first sends something.
                .setHttp2ClearTextEnabled(false)
                .setIdleTimeout(300)
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setMaxInitialLineLength(16 * 1024)
                .setMaxHeaderSize(64 * 1024);
        server = vertx.createHttpServer(clientOptions);
        connections = new ClientConnections(vertx, config.limits(), runtime.openConnections());
        server.connectionHandler(conn -> {
            StrictFraming.install(conn, clientOptions, errors);
            connections.opened(conn);
        });
        server.requestHandler(this::handle);
        server.invalidRequestHandler(this::invalidRequest);
        Future<?> main = server.listen().onSuccess(s -> runtime.bound(s.actualPort()));
        if (config.adminListener().isEmpty()) return main;
        GatewayConfig.Listener a = config.adminListener().get();
        adminServer = vertx.createHttpServer(new HttpServerOptions()
                .setHost(a.host())
                // -2: one random port shared by the instances, distinct from the client listener's -1.
                .setPort(a.port() == 0 ? -2 : a.port())
                .setIdleTimeout(300)
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setMaxHeaderSize(64 * 1024));
        adminServer.requestHandler(admin::serveAdminListener);
        return main.compose(v -> adminServer.listen()).onSuccess(s -> runtime.adminBound(s.actualPort()));
    }

    /** Stops accepting, lets in-flight requests and streams finish within the drain timeout. */
    @Override
    public Future<?> stop() {
        long drainMs = runtime.config().drainTimeout().toMillis();
        Future<Void> admins =
                adminServer == null ? Future.succeededFuture() : adminServer.shutdown(1, TimeUnit.SECONDS);
        return Future.join(admins, server.shutdown(drainMs, TimeUnit.MILLISECONDS))
                .eventually(() -> Future.join(
                        clients.values().stream().map(HttpClient::close).toList()));
    }

    /**
     * A request whose head could not be decoded: too long (Vert.x's own 414/431), or refused by Netty's header checks
     * or by {@link StrictFraming} (400 in the caller's API format). The connection closes after the answer.
     */
    private void invalidRequest(HttpServerRequest req) {
        Throwable cause = req.decoderResult().cause();
        if (cause instanceof io.netty.handler.codec.TooLongFrameException || cause == null) {
            HttpServerRequest.DEFAULT_INVALID_REQUEST_HANDLER.handle(req);
            return;
        }
        String why = cause instanceof StrictFraming.FramingException
                ? cause.getMessage()
                : "The request's head is not valid HTTP/1.1: " + safeReason(cause.getMessage());
        req.response().putHeader("connection", "close");
        exchange(req, guessApi(req)).fail(new GatewayFailure(FailureKind.INVALID_REQUEST, why));
    }

    /** A decoder's reason, printable and short (it may quote a header name the client sent). */
    private static String safeReason(String message) {
        if (message == null) return "malformed";
        String m = message.replaceAll("[^\\x20-\\x7e]", "?");
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }

    private void handle(HttpServerRequest req) {
        String path = req.path();
        if (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
        if (connections.poisoned(req)) {
            req.connection().close(); // behind an ambiguously framed request: never served
            return;
        }
        if (StrictFraming.conflicting(req)) {
            connections.poison(req);
            // RFC 9112 §6.1: refuse, and close the connection so that nothing behind the body is read as a request.
            req.response()
                    .putHeader("connection", "close")
                    .endHandler(v -> req.connection().close());
            req.pause();
            exchange(req, guessApi(req))
                    .fail(new GatewayFailure(
                            FailureKind.INVALID_REQUEST,
                            "The request has both Content-Length and Transfer-Encoding; send one of them."));
            return;
        }
        if (!connections.began(req, path)) {
            req.response().putHeader("connection", "close");
            exchange(req, guessApi(req))
                    .fail(new GatewayFailure(
                            FailureKind.TOO_MANY_CONNECTIONS,
                            "The gateway serves " + runtime.config().limits().maxConnections()
                                    + " connections at once and all are open; retry shortly."));
            return;
        }
        switch (path) {
            case "/v1/messages" -> prompt(req, Operation.MESSAGES);
            case "/v1/messages/count_tokens" -> prompt(req, Operation.COUNT_TOKENS);
            case "/v1/chat/completions" -> prompt(req, Operation.CHAT_COMPLETIONS);
            case "/v1/embeddings" -> prompt(req, Operation.EMBEDDINGS);
            case "/v1/sovereign/explain" -> explain(req);
            case "/v1/models" -> listModels(req);
            case "/healthz" ->
                ops(
                        req,
                        () -> req.response()
                                .putHeader("content-type", "application/json")
                                .end("{\"status\":\"ok\"}"));
            case "/readyz" -> ops(req, () -> ready(req));
            case "/metrics" ->
                ops(
                        req,
                        () -> req.response()
                                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                                .end(runtime.metrics().scrape()));
            default -> {
                if (runtime.config().adminListener().isEmpty() && admin.serve(req, path)) {
                    return;
                } else if (path.startsWith("/v1/models/")) {
                    getModel(req, path.substring("/v1/models/".length()));
                } else {
                    Exchange ex = exchange(req, guessApi(req));
                    ex.fail(
                            new GatewayFailure(
                                    FailureKind.NOT_FOUND,
                                    "No endpoint " + req.method() + " " + safePath(path)
                                            + "; the gateway serves /v1/messages, /v1/messages/count_tokens, /v1/chat/completions, /v1/embeddings and /v1/models."));
                }
            }
        }
    }

    private void prompt(HttpServerRequest req, Operation op) {
        Exchange ex = exchange(req, op.api());
        if (req.method() != HttpMethod.POST) {
            methodNotAllowed(ex, "POST");
            return;
        }
        if (runtime.draining()) {
            ex.fail(new GatewayFailure(
                    FailureKind.SHUTTING_DOWN, "The gateway is shutting down; retry on another instance."));
            return;
        }
        try {
            ex.principal(authenticate(req));
        } catch (GatewayFailure f) {
            ex.fail(f);
            return;
        }
        long max = runtime.config().limits().maxBodyBytes();
        String declared = req.getHeader("content-length");
        long length = -1;
        if (declared != null) {
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = -1;
            }
        }
        if (length > max) {
            tooLarge(ex, max);
            return;
        }
        // Every buffered body counts against one budget for the process: a body that would exceed it is refused
        // with 503 and retry-after instead of filling the heap. What a body holds is given back when it is done.
        BodyBudget budget = runtime.bodyBudget();
        long[] held = {Math.max(length, 0)};
        if (held[0] > 0 && !budget.reserve(held[0])) {
            overBudget(ex);
            return;
        }
        Runnable release = () -> {
            budget.release(held[0]);
            held[0] = 0;
        };
        runtime.metrics().started();
        Buffer body = Buffer.buffer(length > 0 ? (int) length : 4096);
        boolean[] rejected = {false};
        long idleMs = runtime.config().limits().bodyIdleTimeout().toMillis();
        // A body that stops arriving holds its connection and its buffer: after the idle timeout it is refused.
        long[] idle = {vertx.setTimer(idleMs, id -> bodyStalled(req, ex, op, rejected, idleMs, release))};
        req.handler(chunk -> {
            if (rejected[0]) return;
            vertx.cancelTimer(idle[0]);
            idle[0] = vertx.setTimer(idleMs, id -> bodyStalled(req, ex, op, rejected, idleMs, release));
            long grown = (long) body.length() + chunk.length();
            if (grown > max) {
                rejected[0] = true;
                vertx.cancelTimer(idle[0]);
                release.run();
                finish(ex, op, null, tooLarge(ex, max));
                return;
            }
            if (grown > held[0]) {
                if (!budget.reserve(grown - held[0])) {
                    rejected[0] = true;
                    vertx.cancelTimer(idle[0]);
                    release.run();
                    finish(ex, op, null, overBudget(ex));
                    return;
                }
                held[0] = grown;
            }
            body.appendBuffer(chunk);
        });
        req.exceptionHandler(t -> {
            vertx.cancelTimer(idle[0]);
            if (!rejected[0]) {
                rejected[0] = true;
                release.run();
                finish(ex, op, null, Outcome.failed(499, "client.disconnected", true));
            }
        });
        req.endHandler(v -> {
            vertx.cancelTimer(idle[0]);
            if (rejected[0]) return;
            Future<Outcome> outcome;
            try {
                outcome = pipeline.handle(ex, op, body);
            } catch (GatewayFailure f) {
                outcome = failed(ex, f);
            } catch (RuntimeException e) {
                LOG.error("request {} failed in the pipeline", ex.requestId(), e);
                outcome = failed(ex, GatewayFailure.of(e));
            }
            outcome.onComplete(ar -> {
                release.run();
                finish(
                        ex,
                        op,
                        body,
                        ar.succeeded()
                                ? ar.result()
                                : failed(ex, GatewayFailure.of(ar.cause())).result());
            });
        });
    }

    /** 503 with {@code retry-after}: the bodies being read already hold the memory budget; the connection closes. */
    private Outcome overBudget(Exchange ex) {
        if (ex.request().version() != HttpVersion.HTTP_2) {
            ex.response()
                    .putHeader("connection", "close")
                    .endHandler(v -> ex.request().connection().close());
        }
        ex.response().putHeader("retry-after", "1");
        GatewayFailure f = new GatewayFailure(
                FailureKind.OVERLOADED,
                "The gateway is reading as many request bodies as its memory budget allows; retry shortly.");
        ex.fail(f);
        return Outcome.failed(f.kind().status(), f.kind().key(), false);
    }

    /** The body stopped arriving for {@code idleMs}: 408 in the client's format, and the connection closes. */
    private void bodyStalled(
            HttpServerRequest req, Exchange ex, Operation op, boolean[] rejected, long idleMs, Runnable release) {
        if (rejected[0]) return;
        rejected[0] = true;
        release.run();
        req.response()
                .putHeader("connection", "close")
                .endHandler(v -> req.connection().close());
        finish(
                ex,
                op,
                null,
                failed(
                                ex,
                                new GatewayFailure(
                                        FailureKind.REQUEST_TIMEOUT,
                                        "The request body stopped arriving for " + idleMs + " ms; send it whole."))
                        .result());
    }

    /** What explains and assesses requests: the policy in force, or routing by model without one. */
    private Explainer explainer() {
        var policy = runtime.decider().loaded().map(l -> l.policy());
        return policy.isPresent()
                ? Explainer.of(policy.get(), runtime.classifier())
                : Explainer.byModel(runtime.router(), runtime.decider().providers(), runtime.classifier());
    }

    /**
     * {@code POST /v1/sovereign/explain}: classifies and decides a request body as {@code /v1/messages} or {@code
     * /v1/chat/completions} would ({@code ?api=anthropic|openai}, else guessed from the headers), for the caller's
     * key, workload and labels, and answers with the explanation instead of forwarding. Findings carry offsets, never
     * values.
     */
    private void explain(HttpServerRequest req) {
        String apiParam = req.getParam("api");
        WireFormat api = "anthropic".equals(apiParam)
                ? WireFormat.ANTHROPIC
                : "openai".equals(apiParam) ? WireFormat.OPENAI : guessApi(req);
        Exchange ex = exchange(req, api);
        if (req.method() != HttpMethod.POST) {
            methodNotAllowed(ex, "POST");
            return;
        }
        if (apiParam != null && !apiParam.equals("anthropic") && !apiParam.equals("openai")) {
            ex.fail(new GatewayFailure(FailureKind.INVALID_REQUEST, "api must be anthropic or openai"));
            return;
        }
        try {
            ex.principal(authenticate(req));
        } catch (GatewayFailure f) {
            ex.fail(f);
            return;
        }
        long max = runtime.config().limits().maxBodyBytes();
        String declared = req.getHeader("content-length");
        if (declared != null && declared.trim().matches("\\d{1,18}") && Long.parseLong(declared.trim()) > max) {
            tooLarge(ex, max);
            return;
        }
        req.body().onComplete(ar -> {
            if (ar.failed()) return;
            Buffer body = ar.result();
            if (body.length() > max) {
                tooLarge(ex, max);
                return;
            }
            try {
                var parsed = json.parseObject(body);
                Explainer explainer = explainer();
                Explanation explanation = explainer.explain(new ExplainRequest(
                        api,
                        null,
                        parsed,
                        body.length(),
                        ex.principal().keyId(),
                        ex.principal().team(),
                        ex.principal().workload(),
                        Pipeline.labels(req.getHeader(Pipeline.LABELS_HEADER))));
                req.response().putHeader("content-type", "application/json").end(json.buffer(explanation.toJsonTree()));
            } catch (GatewayFailure f) {
                ex.fail(f);
            } catch (IllegalArgumentException e) {
                ex.fail(new GatewayFailure(FailureKind.INVALID_REQUEST, e.getMessage()));
            }
        });
    }

    private Future<Outcome> failed(Exchange ex, GatewayFailure f) {
        ex.fail(f);
        return Future.succeededFuture(Outcome.failed(f.kind().status(), f.kind().key(), false));
    }

    private Outcome tooLarge(Exchange ex, long max) {
        if (ex.request().version() != HttpVersion.HTTP_2) {
            // The rest of the body is not read: the connection closes once the answer is out.
            ex.response()
                    .putHeader("connection", "close")
                    .endHandler(v -> ex.request().connection().close());
        }
        GatewayFailure f = new GatewayFailure(
                FailureKind.BODY_TOO_LARGE, "The request body exceeds the gateway's limit of " + max + " bytes.");
        ex.fail(f);
        return Outcome.failed(413, f.kind().key(), false);
    }

    private void finish(Exchange ex, Operation op, Buffer body, Outcome outcome) {
        String provider = ex.decision() != null && ex.decision().providerId() != null
                ? ex.decision().providerId()
                : "none";
        int status = outcome.status();
        long now = System.nanoTime();
        var cost = runtime.auditor().completion(ex, op.id(), outcome, now);
        runtime.metrics().finished(ex.api().id(), op.id(), provider, status, ex.startNanos(), outcome);
        if (cost != null) runtime.metrics().spend(provider, cost.price(), cost.microUsd());
        if (runtime.accessLog().enabled()) {
            accessLogWriter.write(
                    runtime.accessLog().line(ex, op.id(), modelOf(ex), status, outcome, System.nanoTime()));
        }
    }

    private static String modelOf(Exchange ex) {
        return ex.decision() == null ? null : ex.decision().upstreamModel();
    }

    private void listModels(HttpServerRequest req) {
        Exchange ex = authenticatedGet(req);
        if (ex == null) return;
        models.list().onComplete(ar -> {
            if (ar.failed()) {
                ex.fail(GatewayFailure.of(ar.cause()));
                return;
            }
            req.response()
                    .putHeader("content-type", "application/json")
                    .end(json.buffer(models.listBody(ex.api(), ar.result())));
        });
    }

    private void getModel(HttpServerRequest req, String id) {
        Exchange ex = authenticatedGet(req);
        if (ex == null) return;
        models.list().onComplete(ar -> {
            List<ModelsEndpoint.ModelInfo> listed = ar.succeeded() ? ar.result() : List.of();
            models.routable(id, listed)
                    .ifPresentOrElse(
                            m -> req.response()
                                    .putHeader("content-type", "application/json")
                                    .end(json.buffer(models.modelBody(ex.api(), m))),
                            () -> ex.fail(new GatewayFailure(
                                    FailureKind.NOT_FOUND, "No provider serves model '" + id + "'.")));
        });
    }

    /** The exchange of an authenticated GET, or {@code null} once an error has been sent. */
    private Exchange authenticatedGet(HttpServerRequest req) {
        return authenticatedGet(req, guessApi(req));
    }

    private Exchange authenticatedGet(HttpServerRequest req, WireFormat api) {
        Exchange ex = exchange(req, api);
        if (req.method() != HttpMethod.GET) {
            methodNotAllowed(ex, "GET");
            return null;
        }
        try {
            ex.principal(authenticate(req));
            return ex;
        } catch (GatewayFailure f) {
            ex.fail(f);
            return null;
        }
    }

    private void ops(HttpServerRequest req, Runnable action) {
        if (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) {
            methodNotAllowed(exchange(req, WireFormat.OPENAI), "GET");
            return;
        }
        action.run();
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

    private void methodNotAllowed(Exchange ex, String allowed) {
        ex.fail(new GatewayFailure(
                FailureKind.METHOD_NOT_ALLOWED,
                "Method " + ex.request().method() + " is not allowed here; use " + allowed + ".",
                Map.of("allow", allowed),
                null));
    }

    private Principal authenticate(HttpServerRequest req) {
        if (runtime.authenticator().open()) {
            // Without keys, being on this machine is the credential: a web page the user visits must not be able
            // to spend the provider credentials through the user's browser, by a cross-site request or by
            // rebinding its own host name to 127.0.0.1.
            if (!isLoopback(req.remoteAddress())) {
                throw new GatewayFailure(
                        FailureKind.UNAUTHENTICATED,
                        "This gateway has no client keys configured and accepts requests from this machine only.");
            }
            if (!RequestOrigin.loopbackHost(req)) {
                throw new GatewayFailure(
                        FailureKind.FORBIDDEN,
                        "This gateway has no client keys configured and answers only requests addressed to this"
                                + " machine (Host localhost, 127.0.0.1 or ::1); configure client keys to serve other"
                                + " host names.");
            }
            if (RequestOrigin.foreign(req)) {
                throw new GatewayFailure(
                        FailureKind.CSRF_REJECTED,
                        "A web page of another origin sent this request through a browser; a gateway without client"
                                + " keys refuses those. Configure client keys to serve browser applications.");
            }
        }
        return runtime.authenticator().authenticate(req.getHeader("x-api-key"), req.getHeader("authorization"));
    }

    static boolean isLoopback(SocketAddress address) {
        if (address == null || address.hostAddress() == null) return address != null && address.isDomainSocket();
        try {
            return InetAddress.getByName(address.hostAddress()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private Exchange exchange(HttpServerRequest req, WireFormat api) {
        return new Exchange(req, newRequestId(), System.nanoTime(), api, errors);
    }

    /** Anthropic SDKs send {@code anthropic-version} (and usually {@code x-api-key}); OpenAI's do not. */
    static WireFormat guessApi(HttpServerRequest req) {
        return req.getHeader("anthropic-version") != null || req.getHeader("x-api-key") != null
                ? WireFormat.ANTHROPIC
                : WireFormat.OPENAI;
    }

    static String safePath(String path) {
        String p = path.length() > 100 ? path.substring(0, 100) + "…" : path;
        return p.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /**
     * {@code sgw_} + the millisecond (12 hex digits) + 48 random bits (12 hex digits): unique, and ordered by time so
     * that the audit store's request-id index grows at its end (random ids made SQLite inserts three times slower).
     */
    static String newRequestId() {
        long millis = System.currentTimeMillis() & 0xFFFF_FFFF_FFFFL;
        long random = ThreadLocalRandom.current().nextLong() & 0xFFFF_FFFF_FFFFL;
        return "sgw_" + HEX.toHexDigits(millis).substring(4)
                + HEX.toHexDigits(random).substring(4);
    }
}
