package dev.sovereign.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.classify.Classifier;
import dev.sovereign.config.ConfigException;
import dev.sovereign.config.GatewayConfig;
import dev.sovereign.config.ProviderConfig;
import dev.sovereign.config.ProviderKind;
import dev.sovereign.gateway.audit.Auditor;
import dev.sovereign.gateway.limits.RequestLimits;
import dev.sovereign.gateway.ops.GatewayMetrics;
import dev.sovereign.gateway.ops.Tracing;
import dev.sovereign.gateway.policy.ActivePolicy;
import dev.sovereign.gateway.provider.BodyRewriter;
import dev.sovereign.gateway.provider.ProviderAdapter;
import dev.sovereign.gateway.provider.ProviderAdapters;
import dev.sovereign.gateway.provider.bedrock.BedrockAdapter;
import dev.sovereign.gateway.wire.Json;
import dev.sovereign.limits.InMemoryLimitStore;
import dev.sovereign.limits.LimitStore;
import dev.sovereign.policy.DefaultPolicy;
import dev.sovereign.policy.ProviderFacts;
import dev.sovereign.routing.ModelRouter;
import dev.sovereign.store.RedisLimitStore;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.RequestOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway process: one {@link GatewayServer} per event loop sharing one port. Start it with
 * {@link #start}; {@link #close} drains in-flight requests and streams before it stops.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final Vertx vertx;
    private final GatewayRuntime runtime;
    private final List<String> deployments;

    private Gateway(Vertx vertx, GatewayRuntime runtime, List<String> deployments) {
        this.vertx = vertx;
        this.runtime = runtime;
        this.deployments = deployments;
    }

    /**
     * Starts a gateway and waits until it listens.
     *
     * @param eventLoops how many event loops (and server instances) to run; 0 for one per core
     * @throws ConfigException when the configuration cannot be served (for example no client keys on a
     *     non-loopback address)
     */
    public static Gateway start(GatewayConfig config, int eventLoops) {
        return start(config, eventLoops, System.getenv());
    }

    /**
     * Starts a gateway with the given process environment (where the audit capture key is read from).
     *
     * @see #start(GatewayConfig, int)
     */
    public static Gateway start(GatewayConfig config, int eventLoops, Map<String, String> env) {
        requireKeysOffLoopback(config);
        int loops = eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(true));
        Json json = new Json(config.limits().maxJsonDepth());
        BodyRewriter rewriter = new BodyRewriter(json);
        Map<String, ProviderAdapter> adapters = new LinkedHashMap<>();
        for (ProviderConfig p : config.providers()) {
            adapters.put(p.id(), ProviderAdapters.create(p, rewriter, json, vertx, Clock.systemUTC(), env));
        }
        ModelRouter router = new ModelRouter(config.providers());
        ActivePolicy decider;
        try {
            decider = ActivePolicy.start(config, router, withLocalModel(vertx, config, env), Clock.systemUTC());
        } catch (RuntimeException e) {
            vertx.close();
            closeAdapters(adapters.values());
            throw e;
        }
        Auditor auditor;
        try {
            auditor = Auditor.open(config, env, Clock.systemUTC());
        } catch (RuntimeException e) {
            vertx.close();
            closeAdapters(adapters.values());
            throw e;
        }
        GatewayMetrics metrics = new GatewayMetrics();
        metrics.audit(auditor);
        RequestLimits limits = limits(config, auditor, metrics);
        Tracing tracing = Tracing.fromEnvironment(env);
        GatewayRuntime runtime = new GatewayRuntime(
                config, router, decider, Classifier.defaults(), auditor, adapters, metrics, limits, tracing);
        List<String> deployments = new ArrayList<>();
        try {
            // One deployment of N instances sharing the listening socket; a negative port is Vert.x's
            // "one random port shared by all instances" (port 0 would give each instance its own).
            deployments.add(await(vertx.deployVerticle(
                    () -> new GatewayServer(runtime), new DeploymentOptions().setInstances(loops))));
        } catch (RuntimeException e) {
            vertx.close();
            auditor.close();
            limits.store().close();
            runtime.closeSessions();
            tracing.close();
            closeAdapters(adapters.values());
            throw e;
        }
        // A changed policy file, or one created after start, is loaded within two seconds; a broken one is
        // rejected and logged, and the running policy stays.
        vertx.setPeriodic(2000, id -> {
            if (decider.fileChanged()) vertx.executeBlocking(decider::reload, false);
        });
        logListening(config, runtime, loops);
        return new Gateway(vertx, runtime, deployments);
    }

    /** The usage limits of keys, teams and workloads, counted in Redis when it is configured, else in this process. */
    private static RequestLimits limits(GatewayConfig config, Auditor auditor, GatewayMetrics metrics) {
        LimitStore store = config.usageLimits()
                .redis()
                .<LimitStore>map(RedisLimitStore::open)
                .orElseGet(InMemoryLimitStore::new);
        return new RequestLimits(
                store, config.keys(), config.usageLimits(), auditor.costs(), Clock.systemUTC(), metrics);
    }

    private static void logListening(GatewayConfig config, GatewayRuntime runtime, int loops) {
        LOG.atInfo()
                .addKeyValue("host", config.host())
                .addKeyValue("port", runtime.port())
                .addKeyValue("event_loops", loops)
                .log("gateway listening on {}:{}", config.host(), runtime.port());
        config.adminListener()
                .ifPresent(a -> LOG.atInfo()
                        .addKeyValue("host", a.host())
                        .addKeyValue("port", runtime.adminPort())
                        .log("admin API and dashboard listening on {}:{}", a.host(), runtime.adminPort()));
    }

    private static void requireKeysOffLoopback(GatewayConfig config) {
        if (!config.keys().isEmpty()) return;
        if (!loopback(config.host())) {
            throw new ConfigException("sovereign.yaml: listen.host: refusing to listen on " + config.host()
                    + " without client keys; add keys (sovereign keys create) or listen on 127.0.0.1");
        }
        config.adminListener().filter(a -> !loopback(a.host())).ifPresent(a -> {
            throw new ConfigException("sovereign.yaml: admin.host: refusing to serve the admin API on " + a.host()
                    + " without client keys; add an admin key (sovereign keys create --admin) or listen on 127.0.0.1");
        });
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Loads the policy file again (SIGHUP, the admin API); the running policy stays if the new one fails. */
    public ActivePolicy.Reload reloadPolicy() {
        return runtime.decider().reload();
    }

    public int port() {
        return runtime.port();
    }

    public String baseUrl() {
        return url(runtime.config().host(), port());
    }

    /** The port of the admin API and dashboard: the admin listener's, or the client listener's without one. */
    public int adminPort() {
        return runtime.config().adminListener().isPresent() ? runtime.adminPort() : port();
    }

    /** Where the admin API and the dashboard are served ({@code /admin/…}, {@code /ui}). */
    public String adminBaseUrl() {
        return runtime.config()
                .adminListener()
                .map(a -> url(a.host(), runtime.adminPort()))
                .orElseGet(this::baseUrl);
    }

    private static String url(String host, int port) {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    public GatewayConfig config() {
        return runtime.config();
    }

    /** Requests (including open streams) in progress. */
    public int inFlight() {
        return runtime.metrics().inFlight();
    }

    /** One line per provider: reachable or not, and why; never a credential. */
    public List<String> probeProviders() {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2000));
        List<Future<String>> probes = new ArrayList<>();
        for (ProviderConfig p : runtime.config().providers()) {
            RequestOptions options = ModelsEndpoint.listRequest(p, 3000);
            String label = "provider " + p.id() + " (" + p.kind().id() + ") at " + p.endpoint() + ": ";
            if (runtime.adapters().get(p.id()) instanceof BedrockAdapter bedrock) {
                // bedrock-runtime lists no models and any answer proves it reachable; what can fail is the credentials.
                probes.add(client.request(options)
                        .compose(req -> req.send())
                        .map(resp -> label + "reachable; " + bedrock.credentials())
                        .otherwise(t -> label + "NOT reachable (" + describe(t) + ")"));
                continue;
            }
            probes.add(client.request(options)
                    .compose(req -> req.send())
                    .map(resp -> label
                            + (resp.statusCode() < 400
                                    ? "reachable"
                                    : p.kind() == ProviderKind.VERTEX
                                            // The probe carries no Google token: any answer shows the host answers.
                                            ? "reachable (Google credentials are checked by the first request)"
                                            : "reachable, but answered HTTP " + resp.statusCode()
                                                    + (resp.statusCode() == 401 ? " (check its API key)" : "")))
                    .otherwise(t -> label + "NOT reachable (" + describe(t) + ")"));
        }
        try {
            return await(Future.join(probes)
                    .transform(v -> Future.succeededFuture(
                            probes.stream().map(Future::result).toList())));
        } finally {
            client.close();
        }
    }

    /**
     * The models a self-hosted provider lists, empty when it lists none or cannot be asked. Two tries, each within a
     * deadline a little past the request's own timeouts: a list request has been seen to wait, rarely, well past them
     * (with no answer and no timeout firing), and start-up must not wait for it.
     */
    private static List<String> servedModels(Vertx vertx, ProviderConfig local) {
        for (int attempt = 1; attempt <= 2; attempt++) {
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2000));
            try {
                return await(
                        client.request(ModelsEndpoint.listRequest(local, 3000))
                                .compose(req -> req.send())
                                .compose(resp -> resp.statusCode() == 200
                                        ? resp.body()
                                        : Future.failedFuture("HTTP " + resp.statusCode()))
                                .compose(body -> modelIds(body.getBytes()))
                                .otherwise(t -> {
                                    LOG.warn(
                                            "self-hosted provider {}: its model list could not be read: {}",
                                            local.id(),
                                            describe(t));
                                    return List.of();
                                }),
                        Duration.ofSeconds(5));
            } catch (IllegalStateException e) {
                LOG.warn(
                        "self-hosted provider {}: its model list did not come within 5 s (try {} of 2)",
                        local.id(),
                        attempt);
            } finally {
                client.close();
            }
        }
        return List.of();
    }

    /** The ids of an OpenAI-style model list ({@code {"data": [{"id": …}]}}). */
    private static Future<List<String>> modelIds(byte[] body) {
        List<String> ids = new ArrayList<>();
        try {
            JsonNode data = new ObjectMapper().readTree(body).path("data");
            for (JsonNode m : data) {
                if (m.path("id").isTextual()) ids.add(m.path("id").asText());
            }
        } catch (java.io.IOException e) {
            return Future.failedFuture(e);
        }
        return Future.succeededFuture(ids);
    }

    /**
     * {@code env}, with {@link DefaultPolicy#LOCAL_MODEL_ENV} set to the first model the self-hosted provider lists
     * when the default policy runs and the variable is not set: the self-hosted route must name a model it serves.
     */
    private static Map<String, String> withLocalModel(Vertx vertx, GatewayConfig config, Map<String, String> env) {
        String set = env.get(DefaultPolicy.LOCAL_MODEL_ENV);
        if (config.policy().isPresent() || (set != null && !set.isBlank())) return env;
        Optional<ProviderConfig> local = DefaultPolicy.selfHosted(config, ProviderFacts.of(config));
        if (local.isEmpty()) return env;
        List<String> served = servedModels(vertx, local.get());
        if (served.isEmpty()) {
            LOG.warn(
                    "self-hosted provider {} lists no model; special-category data is refused until {} names one",
                    local.get().id(),
                    DefaultPolicy.LOCAL_MODEL_ENV);
            return env;
        }
        LOG.info(
                "self-hosted provider {} serves {}; special-category data goes to {} (set {} to choose)",
                local.get().id(),
                served,
                served.get(0),
                DefaultPolicy.LOCAL_MODEL_ENV);
        Map<String, String> with = new java.util.HashMap<>(env);
        with.put(DefaultPolicy.LOCAL_MODEL_ENV, served.get(0));
        return Map.copyOf(with);
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.replaceAll("[\\r\\n]", " ");
    }

    /** Stops accepting requests, lets in-flight requests and streams finish (within the drain timeout), then stops. */
    @Override
    public void close() {
        runtime.drain();
        try {
            for (String id : deployments) await(vertx.undeploy(id));
        } finally {
            try {
                await(vertx.close());
            } finally {
                // The event loops have stopped: write whatever access-log lines they still held, commit the last
                // audit events and sign the chain's end.
                runtime.closeAccessLogs();
                runtime.auditor().close();
                runtime.limits().store().close();
                runtime.closeSessions();
                runtime.tracing().close();
                closeAdapters(runtime.adapters().values());
            }
        }
    }

    /** Stops what adapters run in the background (the refresh of Bedrock's AWS credentials). */
    private static void closeAdapters(Iterable<ProviderAdapter> adapters) {
        for (ProviderAdapter a : adapters) {
            if (a instanceof BedrockAdapter b) b.close();
        }
    }

    private static <T> T await(Future<T> future) {
        return await(future, Duration.ofSeconds(60));
    }

    private static <T> T await(Future<T> future, Duration deadline) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            throw new IllegalStateException(cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out", e);
        }
    }
}
