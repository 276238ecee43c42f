package dev.sovereign.gateway;

import dev.sovereign.config.GatewayConfig;
import dev.sovereign.config.ProviderConfig;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.admin.AdminApi;
import dev.sovereign.gateway.admin.AdminEndpoints;
import dev.sovereign.gateway.dashboard.AdminAccess;
import dev.sovereign.gateway.dashboard.Dashboard;
import dev.sovereign.gateway.egress.AnswerReaders;
import dev.sovereign.gateway.egress.UpstreamErrors;
import dev.sovereign.gateway.ingress.BodyReader;
import dev.sovereign.gateway.ingress.ClientAuthentication;
import dev.sovereign.gateway.ingress.ClientConnections;
import dev.sovereign.gateway.ingress.Ingress;
import dev.sovereign.gateway.ingress.Requests;
import dev.sovereign.gateway.ingress.StrictFraming;
import dev.sovereign.gateway.ops.AccessLogWriter;
import dev.sovereign.gateway.provider.Forwarder;
import dev.sovereign.gateway.provider.RouteAttempts;
import dev.sovereign.gateway.provider.Upstream;
import dev.sovereign.gateway.translate.Translator;
import dev.sovereign.gateway.wire.ErrorBodies;
import dev.sovereign.gateway.wire.Exchange;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.gateway.wire.Json;
import dev.sovereign.gateway.wire.Operation;
import dev.sovereign.gateway.wire.Outcome;
import dev.sovereign.gateway.wire.Principal;
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
import java.util.HashMap;
import java.util.Map;
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
    private BodyReader bodies;
    private ExplainEndpoint explain;
    private final OpsEndpoints ops;
    private final ClientAuthentication authentication;
    private final Map<String, HttpClient> clients = new HashMap<>();

    GatewayServer(GatewayRuntime runtime) {
        this.runtime = runtime;
        this.json = new Json(runtime.config().limits().maxJsonDepth());
        this.errors = new ErrorBodies(json);
        this.authentication = new ClientAuthentication(runtime.authenticator());
        this.ops = new OpsEndpoints(runtime, json, errors);
    }

    @Override
    public Future<?> start() {
        GatewayConfig config = runtime.config();
        Map<String, Upstream> upstreams = connectUpstreams(config);
        accessLogWriter = new AccessLogWriter(vertx, runtime.accessLogStream(), 8 << 20, runtime.accessLogDropped());
        runtime.register(accessLogWriter);
        pipeline = pipeline(config, upstreams);
        models = new ModelsEndpoint(runtime.router(), upstreams, json);
        bodies = new BodyReader(vertx, config.limits(), runtime.bodyBudget());
        explain = new ExplainEndpoint(runtime, json, errors, authentication, bodies);
        admin = adminEndpoints(config);
        return listen(config);
    }

    /** A connection pool to each provider, HTTP/2 where it offers it. */
    private Map<String, Upstream> connectUpstreams(GatewayConfig config) {
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
        return upstreams;
    }

    /** The request path: ingress, classification, decision, audit, route attempts with forwarding and translation. */
    private Pipeline pipeline(GatewayConfig config, Map<String, Upstream> upstreams) {
        Forwarder forwarder = new Forwarder(
                vertx,
                json,
                new AnswerReaders(json, new UpstreamErrors(json, errors)),
                config.limits().maxBodyBytes() * 4);
        return new Pipeline(
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
                        runtime.metrics(),
                        runtime.tracing().tracer()),
                runtime.limits(),
                new Pipeline.Completion(runtime.metrics(), runtime.accessLog(), accessLogWriter),
                json,
                runtime.tracing().tracer());
    }

    private AdminEndpoints adminEndpoints(GatewayConfig config) {
        AdminApi adminApi = new AdminApi(
                vertx,
                config,
                json,
                explain::explainer,
                runtime.auditor(),
                runtime.decider(),
                runtime::port,
                runtime::adminPort,
                runtime.limits(),
                java.time.Clock.systemUTC());
        return new AdminEndpoints(
                adminApi,
                new AdminAccess(runtime.authenticator(), runtime.sessions(), this::authenticate),
                new Dashboard(
                        runtime.authenticator(),
                        runtime.sessions(),
                        runtime.signInThrottle(),
                        runtime.assets(),
                        req -> Requests.isLoopback(req.remoteAddress())),
                json,
                errors);
    }

    /** The client listener, strict about framing and connection counts, and the admin listener if it has its own. */
    private Future<?> listen(GatewayConfig config) {
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
                .setMaxHeaderSize(64 * 1024)
                // No WebSocket is served: without these, every connection carries Netty's WebSocket extension
                // handler, which inspects each request's and each answer's headers (7 % of the samples in a profile).
                .setPerFrameWebSocketCompressionSupported(false)
                .setPerMessageWebSocketCompressionSupported(false);
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
                .setMaxHeaderSize(64 * 1024)
                .setPerFrameWebSocketCompressionSupported(false)
                .setPerMessageWebSocketCompressionSupported(false));
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
        exchange(req, Requests.guessApi(req)).fail(new GatewayFailure(FailureKind.INVALID_REQUEST, why));
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
            exchange(req, Requests.guessApi(req))
                    .fail(new GatewayFailure(
                            FailureKind.INVALID_REQUEST,
                            "The request has both Content-Length and Transfer-Encoding; send one of them."));
            return;
        }
        if (!connections.began(req, path)) {
            req.response().putHeader("connection", "close");
            exchange(req, Requests.guessApi(req))
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
            case "/v1/sovereign/explain" -> explain.serve(req);
            case "/v1/models" -> listModels(req);
            case "/healthz", "/readyz", "/metrics" -> ops.serve(req, path);
            default -> {
                if (runtime.config().adminListener().isEmpty() && admin.serve(req, path)) {
                    return;
                } else if (path.startsWith("/v1/models/")) {
                    getModel(req, path.substring("/v1/models/".length()));
                } else {
                    Exchange ex = exchange(req, Requests.guessApi(req));
                    ex.fail(
                            new GatewayFailure(
                                    FailureKind.NOT_FOUND,
                                    "No endpoint " + req.method() + " " + Requests.safePath(path)
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
            ex.advance(ex.trip().authenticated(authenticate(req)));
        } catch (GatewayFailure f) {
            ex.fail(f);
            return;
        }
        ex.traced(runtime.tracing().requestSpan(req, "POST " + req.path(), ex.requestId(), ex.api(), op.id()));
        bodies.read(req, ex, runtime.metrics()::started, new BodyReader.Receiver() {
            @Override
            public void received(Buffer body, Runnable release) {
                pipeline.serve(ex, op, body).onComplete(ar -> release.run());
            }

            @Override
            public void refused(Outcome outcome) {
                pipeline.complete(ex, op, outcome);
            }
        });
    }

    private void listModels(HttpServerRequest req) {
        Exchange ex = authenticatedGet(req);
        if (ex != null) models.serveList(req, ex);
    }

    private void getModel(HttpServerRequest req, String id) {
        Exchange ex = authenticatedGet(req);
        if (ex != null) models.serveModel(req, ex, id);
    }

    /** The exchange of an authenticated GET, or {@code null} once an error has been sent. */
    private Exchange authenticatedGet(HttpServerRequest req) {
        return authenticatedGet(req, Requests.guessApi(req));
    }

    private Exchange authenticatedGet(HttpServerRequest req, WireFormat api) {
        Exchange ex = exchange(req, api);
        if (req.method() != HttpMethod.GET) {
            methodNotAllowed(ex, "GET");
            return null;
        }
        try {
            ex.advance(ex.trip().authenticated(authenticate(req)));
            return ex;
        } catch (GatewayFailure f) {
            ex.fail(f);
            return null;
        }
    }

    private void methodNotAllowed(Exchange ex, String allowed) {
        ex.fail(new GatewayFailure(
                FailureKind.METHOD_NOT_ALLOWED,
                "Method " + ex.request().method() + " is not allowed here; use " + allowed + ".",
                Map.of("allow", allowed),
                null));
    }

    private Principal authenticate(HttpServerRequest req) {
        return authentication.authenticate(req);
    }

    private Exchange exchange(HttpServerRequest req, WireFormat api) {
        return Requests.exchange(req, api, errors);
    }
}
