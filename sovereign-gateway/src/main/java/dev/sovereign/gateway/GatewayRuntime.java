package dev.sovereign.gateway;

import dev.sovereign.classify.Classifier;
import dev.sovereign.config.GatewayConfig;
import dev.sovereign.gateway.audit.Auditor;
import dev.sovereign.gateway.dashboard.Assets;
import dev.sovereign.gateway.dashboard.SessionStore;
import dev.sovereign.gateway.dashboard.Sessions;
import dev.sovereign.gateway.dashboard.SharedSessions;
import dev.sovereign.gateway.dashboard.SignInAttempts;
import dev.sovereign.gateway.dashboard.SignInThrottle;
import dev.sovereign.gateway.ingress.BodyBudget;
import dev.sovereign.gateway.ingress.KeyAuthenticator;
import dev.sovereign.gateway.ops.AccessLog;
import dev.sovereign.gateway.ops.GatewayMetrics;
import dev.sovereign.gateway.policy.ActivePolicy;
import dev.sovereign.gateway.provider.ProviderAdapter;
import dev.sovereign.routing.ModelRouter;
import dev.sovereign.sessions.SessionRecords;
import dev.sovereign.store.RedisSessionRecords;
import java.util.Map;

/**
 * What all event loops of one gateway process share: the configuration and everything built from it
 * once, metrics, the dashboard's sessions, and the process's life-cycle state. Immutable but for the bound
 * ports and the draining flag, all safely published. With {@code redis:} configured, the dashboard's sessions and
 * failed sign-ins live in that Redis, shared by every replica; else in this process's memory.
 */
final class GatewayRuntime {
    private final GatewayConfig config;
    private final ModelRouter router;
    private final ActivePolicy decider;
    private final Classifier classifier;
    private final Auditor auditor;
    private final Map<String, ProviderAdapter> adapters;
    private final KeyAuthenticator authenticator;
    private final GatewayMetrics metrics;
    private final AccessLog accessLog;
    private final java.io.OutputStream accessLogStream;
    private final java.util.concurrent.atomic.AtomicLong accessLogDropped =
            new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger openConnections =
            new java.util.concurrent.atomic.AtomicInteger();
    private final SessionStore sessions;
    private final SignInAttempts signInThrottle;
    private final Assets assets = new Assets();
    private final Map<String, dev.sovereign.gateway.provider.resilience.ProviderGuard> guards;
    private final dev.sovereign.gateway.limits.RequestLimits limits;
    private final dev.sovereign.gateway.ops.Tracing tracing;
    private volatile int port;
    private volatile int adminPort;
    private volatile boolean draining;

    GatewayRuntime(
            GatewayConfig config,
            ModelRouter router,
            ActivePolicy decider,
            Classifier classifier,
            Auditor auditor,
            Map<String, ProviderAdapter> adapters,
            GatewayMetrics metrics,
            dev.sovereign.gateway.limits.RequestLimits limits,
            dev.sovereign.gateway.ops.Tracing tracing) {
        this.config = config;
        this.limits = limits;
        this.tracing = tracing;
        this.bodyBudget = new BodyBudget(config.limits().bodyBudget());
        this.router = router;
        this.decider = decider;
        this.classifier = classifier;
        this.auditor = auditor;
        this.adapters = Map.copyOf(adapters);
        Map<String, dev.sovereign.gateway.provider.resilience.ProviderGuard> g = new java.util.HashMap<>();
        for (var p : config.providers()) {
            g.put(
                    p.id(),
                    new dev.sovereign.gateway.provider.resilience.ProviderGuard(
                            p.id(), p.resilience(), java.time.Clock.systemUTC()));
        }
        this.guards = Map.copyOf(g);
        metrics.guards(this.guards.values());
        this.authenticator = new KeyAuthenticator(config.keys());
        this.metrics = metrics;
        this.accessLog = new AccessLog(config.accessLog(), java.time.Clock.systemUTC());
        this.accessLogStream = new java.io.FileOutputStream(java.io.FileDescriptor.out);
        metrics.accessLogDropped(accessLogDropped);
        this.port = config.port();
        this.adminPort =
                config.adminListener().map(GatewayConfig.Listener::port).orElse(-1);
        java.util.Optional<SessionRecords> shared = config.usageLimits().redis().map(RedisSessionRecords::open);
        if (shared.isPresent()) {
            this.sessions = SharedSessions.withDefaults(shared.get(), config.keys());
            this.signInThrottle = SignInAttempts.shared(shared.get());
        } else {
            this.sessions = SessionStore.inMemory(Sessions.withDefaults());
            this.signInThrottle = SignInAttempts.inMemory(SignInThrottle.withDefaults());
        }
    }

    /** The dashboard's sessions: in the shared Redis when one is configured, else in this process's memory. */
    SessionStore sessions() {
        return sessions;
    }

    /** The failed sign-ins per address: counted in the shared Redis when one is configured, else in memory. */
    SignInAttempts signInThrottle() {
        return signInThrottle;
    }

    /** Closes the connection to the Redis the sessions live in, if any; called once the event loops have stopped. */
    void closeSessions() {
        sessions.close();
    }

    Assets assets() {
        return assets;
    }

    /** The admin listener's port, or -1 when the admin API is served on the client listener. */
    int adminPort() {
        return adminPort;
    }

    void adminBound(int actualPort) {
        this.adminPort = actualPort;
    }

    GatewayConfig config() {
        return config;
    }

    ModelRouter router() {
        return router;
    }

    ActivePolicy decider() {
        return decider;
    }

    Classifier classifier() {
        return classifier;
    }

    Auditor auditor() {
        return auditor;
    }

    /** The process's traces (no-op unless OTEL_* variables name an exporter). */
    dev.sovereign.gateway.ops.Tracing tracing() {
        return tracing;
    }

    /** The usage limits of keys, teams and workloads, shared by every event loop. */
    dev.sovereign.gateway.limits.RequestLimits limits() {
        return limits;
    }

    Map<String, ProviderAdapter> adapters() {
        return adapters;
    }

    /** Each provider's circuit breaker, concurrency limit and retry plan, shared by every event loop. */
    Map<String, dev.sovereign.gateway.provider.resilience.ProviderGuard> guards() {
        return guards;
    }

    KeyAuthenticator authenticator() {
        return authenticator;
    }

    GatewayMetrics metrics() {
        return metrics;
    }

    AccessLog accessLog() {
        return accessLog;
    }

    java.io.OutputStream accessLogStream() {
        return accessLogStream;
    }

    private final java.util.List<dev.sovereign.gateway.ops.AccessLogWriter> accessLogWriters =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Remembers an event loop's access-log writer, so that the last lines are written at shutdown. */
    void register(dev.sovereign.gateway.ops.AccessLogWriter writer) {
        accessLogWriters.add(writer);
    }

    /** Writes every event loop's remaining access-log lines; called once the event loops have stopped. */
    void closeAccessLogs() {
        for (dev.sovereign.gateway.ops.AccessLogWriter w : accessLogWriters) w.close();
    }

    private final BodyBudget bodyBudget;

    /** The memory all request bodies being read or processed may hold together. */
    BodyBudget bodyBudget() {
        return bodyBudget;
    }

    /** Open client connections, over every event loop. */
    java.util.concurrent.atomic.AtomicInteger openConnections() {
        return openConnections;
    }

    java.util.concurrent.atomic.AtomicLong accessLogDropped() {
        return accessLogDropped;
    }

    int port() {
        return port;
    }

    void bound(int actualPort) {
        this.port = actualPort;
    }

    boolean draining() {
        return draining;
    }

    void drain() {
        this.draining = true;
    }
}
