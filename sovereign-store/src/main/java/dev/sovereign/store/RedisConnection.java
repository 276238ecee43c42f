package dev.sovereign.store;

import dev.sovereign.config.RedisSettings;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.MaintNotificationsConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Lettuce connection to the Redis of a {@link RedisSettings}, as the Redis-backed stores of this package use it.
 *
 * <p>Made on first use: a connection opened while Redis is down fails its calls and tries to connect again on a later
 * call, at most once a second; once connected, the client reconnects by itself. Calls made while the connection is
 * down fail at once, and a command is never sent twice after a reconnect. Every call fails after about the settings'
 * timeout when Redis does not answer. The password never appears in logs, failures or {@link #toString()}.
 * Thread-safe.
 */
final class RedisConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisConnection.class);

    /** How long after a failed connect the next call tries again, rather than failing at once. */
    static final Duration RETRY_CONNECT = Duration.ofSeconds(1);
    /** A connect may take this long even with a shorter timeout (the calls waiting for it fail sooner). */
    private static final Duration MIN_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

    private final String described;
    private final String purpose;
    private final String owner;
    private final Duration timeout;
    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI uri;

    private final Object lock = new Object();
    /** The connection, being made, made, or failed to be made; null before the first call. */
    private CompletableFuture<StatefulRedisConnection<String, String>> connection;
    /** {@link System#nanoTime()} when the last connect failed. */
    private long failedAt;
    /** Whether the last connect failed, so that an outage is logged once. */
    private boolean down;

    private boolean closed;

    private RedisConnection(
            String described,
            String purpose,
            String owner,
            Duration timeout,
            ClientResources resources,
            RedisClient client,
            RedisURI uri) {
        this.described = described;
        this.purpose = purpose;
        this.owner = owner;
        this.timeout = timeout;
        this.resources = resources;
        this.client = client;
        this.uri = uri;
    }

    /**
     * A connection to the Redis of {@code settings}. Does not connect: the first call does, so that a gateway starts
     * while Redis is down.
     *
     * @param purpose what the connection is for, in log lines ({@code usage limits})
     * @param owner what uses it, in the failure of a call after {@link #close()} ({@code limit store})
     * @throws IllegalArgumentException when the URL is not a Redis URL
     */
    static RedisConnection open(RedisSettings settings, String purpose, String owner) {
        String described = settings.describe();
        RedisURI uri;
        try {
            uri = RedisURI.create(settings.url());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a Redis URL: " + described);
        }
        Duration timeout = settings.timeout();
        uri.setTimeout(timeout);
        settings.password().ifPresent(p -> uri.setAuthentication(p.reveal()));
        ClientResources resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .commandLatencyRecorder(CommandLatencyRecorder.disabled())
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), RETRY_CONNECT, 2, TimeUnit.MILLISECONDS))
                .build();
        RedisClient client = RedisClient.create(resources);
        Duration connectTimeout = timeout.compareTo(MIN_CONNECT_TIMEOUT) < 0 ? MIN_CONNECT_TIMEOUT : timeout;
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(connectTimeout)
                        .keepAlive(true)
                        .build())
                .maintNotificationsConfig(MaintNotificationsConfig.disabled())
                .build());
        return new RedisConnection(described, purpose, owner, timeout, resources, client, uri);
    }

    /** The URL without any password, for logs. */
    String described() {
        return described;
    }

    /** Runs {@code script} ({@code EVALSHA}, or {@code EVAL} when Redis does not know it yet). */
    <T> CompletableFuture<T> eval(Script script, ScriptOutputType type, String[] keys, String... args) {
        return connected().thenCompose(c -> {
            RedisAsyncCommands<String, String> redis = c.async();
            return redis.<T>evalsha(script.sha(), type, keys, args)
                    .exceptionallyCompose(e -> unwrap(e) instanceof RedisNoScriptException
                            ? redis.<T>eval(script.text(), type, keys, args)
                            : CompletableFuture.failedStage(e));
        });
    }

    /** Runs one command on the connection once made. */
    <T> CompletableFuture<T> call(Function<RedisAsyncCommands<String, String>, CompletionStage<T>> command) {
        return connected().thenCompose(c -> command.apply(c.async()));
    }

    /** Closes the connection and stops the client's threads, waiting at most a few seconds. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) return;
            closed = true;
        }
        try {
            client.shutdown(Duration.ZERO, SHUTDOWN_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warn("Redis client for {} did not shut down cleanly: {}", described, e.toString());
        }
        try {
            resources
                    .shutdown(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(SHUTDOWN_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Redis client threads for {} did not stop: {}", described, e.toString());
        }
    }

    @Override
    public String toString() {
        return "RedisConnection[" + described + "]";
    }

    /** The connection once made, failing after the timeout while it is being made. */
    private CompletableFuture<StatefulRedisConnection<String, String>> connected() {
        CompletableFuture<StatefulRedisConnection<String, String>> c = connection();
        if (c.isDone()) return c;
        return c.copy().orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).exceptionallyCompose(e -> {
            Throwable cause = unwrap(e);
            return CompletableFuture.failedFuture(
                    cause instanceof TimeoutException
                            ? new RedisConnectionException("not connected to Redis " + described + " within " + timeout)
                            : cause);
        });
    }

    private CompletableFuture<StatefulRedisConnection<String, String>> connection() {
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(
                        new IllegalStateException("the " + owner + " on Redis " + described + " is closed"));
            }
            if (connection == null
                    || connection.isCompletedExceptionally()
                            && System.nanoTime() - failedAt >= RETRY_CONNECT.toNanos()) {
                connection = connect();
            }
            return connection;
        }
    }

    private CompletableFuture<StatefulRedisConnection<String, String>> connect() {
        CompletableFuture<StatefulRedisConnection<String, String>> attempt;
        try {
            attempt = client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture();
        } catch (RuntimeException e) {
            attempt = CompletableFuture.failedFuture(e);
        }
        return attempt.handle((c, e) -> {
            if (e == null) {
                synchronized (lock) {
                    down = false;
                }
                LOG.info("{} on Redis {}: connected", purpose, described);
                return c;
            }
            Throwable cause = unwrap(e);
            boolean first;
            synchronized (lock) {
                failedAt = System.nanoTime();
                first = !down;
                down = true;
            }
            if (first) {
                LOG.warn(
                        "{} on Redis {}: cannot connect ({}); trying again on later calls",
                        purpose,
                        described,
                        cause.toString());
            } else {
                LOG.debug("{} on Redis {}: cannot connect ({})", purpose, described, cause.toString());
            }
            throw cause instanceof CompletionException ce ? ce : new CompletionException(cause);
        });
    }

    static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** A Lua script of this package and its SHA-1, by which Redis caches it. */
    record Script(String text, String sha) {
        static Script load(String name) {
            try (InputStream in = RedisConnection.class.getResourceAsStream(name)) {
                if (in == null) throw new IllegalStateException("missing resource " + name);
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                byte[] sha = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
                return new Script(text, HexFormat.of().formatHex(sha));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
