package dev.sovereign.store;

import dev.sovereign.config.RedisSettings;
import dev.sovereign.limits.LimitStore;
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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage counters in a Redis that gateway replicas share. Each operation is one Lua script ({@code EVALSHA}, or
 * {@code EVAL} when Redis does not know it yet), so an acquire is atomic across every client of the same Redis. A
 * counter is a string key, incremented with {@code INCRBY}, whose time to live is set when it is created; a slot key is
 * a sorted set of members scored by when each slot ends, in milliseconds of the Redis server's clock ({@code TIME}), so
 * that replicas whose clocks disagree still agree on when a slot ends. Amounts and limits are exact up to 2^53.
 *
 * <p>One connection, made on first use: a store opened while Redis is down fails its calls and tries to connect again
 * on a later call, at most once a second; once connected, the client reconnects by itself. Calls made while the
 * connection is down fail at once, and a command is never sent twice after a reconnect. Every call fails after about
 * the settings' timeout when Redis does not answer; a call that failed may still have been carried out by Redis, which
 * then counts against the limits until the counters' and slots' times to live end.
 */
public final class RedisLimitStore implements LimitStore {
    private static final Logger LOG = LoggerFactory.getLogger(RedisLimitStore.class);

    /** How long after a failed connect the next call tries again, rather than failing at once. */
    static final Duration RETRY_CONNECT = Duration.ofSeconds(1);
    /** A connect may take this long even with a shorter timeout (the calls waiting for it fail sooner). */
    private static final Duration MIN_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

    private static final Script ACQUIRE = Script.load("limits-acquire.lua");
    private static final Script SETTLE = Script.load("limits-settle.lua");
    private static final Script READ = Script.load("limits-read.lua");

    private final String described;
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

    private RedisLimitStore(
            String described, Duration timeout, ClientResources resources, RedisClient client, RedisURI uri) {
        this.described = described;
        this.timeout = timeout;
        this.resources = resources;
        this.client = client;
        this.uri = uri;
    }

    /**
     * A store on the Redis of {@code settings}. Does not connect: the first call does, so that a gateway starts while
     * Redis is down.
     *
     * @throws IllegalArgumentException when the URL is not a Redis URL
     */
    public static RedisLimitStore open(RedisSettings settings) {
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
        return new RedisLimitStore(described, timeout, resources, client, uri);
    }

    @Override
    public CompletionStage<Admission> acquire(List<Counter> counters, List<Slot> slots) {
        if (counters.isEmpty() && slots.isEmpty()) {
            return CompletableFuture.completedFuture(new Admission(-1, List.of()));
        }
        int n = counters.size() + slots.size();
        String[] keys = new String[n];
        String[] args = new String[1 + 3 * n];
        args[0] = Integer.toString(counters.size());
        int k = 0;
        int a = 1;
        for (Counter c : counters) {
            keys[k++] = c.key();
            args[a++] = Long.toString(c.limit());
            args[a++] = Long.toString(c.amount());
            args[a++] = Long.toString(c.ttlMillis());
        }
        for (Slot s : slots) {
            keys[k++] = s.key();
            args[a++] = Long.toString(s.limit());
            args[a++] = s.member();
            args[a++] = Long.toString(s.ttlMillis());
        }
        return this.<List<Object>>run(ACQUIRE, ScriptOutputType.MULTI, keys, args)
                .thenApply(reply -> {
                    List<Long> values = longs(reply, n + 1);
                    return new Admission(Math.toIntExact(values.get(0)), values.subList(1, n + 1));
                });
    }

    @Override
    public CompletionStage<Void> settle(List<Counter> adjustments, List<Slot> release) {
        List<Counter> counters = new ArrayList<>(adjustments.size());
        for (Counter c : adjustments) {
            if (c.amount() != 0) counters.add(c);
        }
        if (counters.isEmpty() && release.isEmpty()) return CompletableFuture.completedFuture(null);
        String[] keys = new String[counters.size() + release.size()];
        String[] args = new String[1 + 2 * counters.size() + release.size()];
        args[0] = Integer.toString(counters.size());
        int k = 0;
        int a = 1;
        for (Counter c : counters) {
            keys[k++] = c.key();
            args[a++] = Long.toString(c.amount());
            args[a++] = Long.toString(c.ttlMillis());
        }
        for (Slot s : release) {
            keys[k++] = s.key();
            args[a++] = s.member();
        }
        return this.<Long>run(SETTLE, ScriptOutputType.INTEGER, keys, args).thenApply(reply -> null);
    }

    @Override
    public CompletionStage<List<Long>> read(List<String> counterKeys, List<String> slotKeys) {
        int n = counterKeys.size() + slotKeys.size();
        if (n == 0) return CompletableFuture.completedFuture(List.of());
        String[] keys = new String[n];
        int k = 0;
        for (String key : counterKeys) keys[k++] = key;
        for (String key : slotKeys) keys[k++] = key;
        String[] args = {Integer.toString(counterKeys.size())};
        return this.<List<Object>>run(READ, ScriptOutputType.MULTI, keys, args).thenApply(reply -> longs(reply, n));
    }

    @Override
    public String kind() {
        return "redis";
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
        return "RedisLimitStore[" + described + "]";
    }

    private <T> CompletableFuture<T> run(Script script, ScriptOutputType type, String[] keys, String[] args) {
        return connected().thenCompose(c -> {
            RedisAsyncCommands<String, String> redis = c.async();
            return redis.<T>evalsha(script.sha(), type, keys, args)
                    .exceptionallyCompose(e -> unwrap(e) instanceof RedisNoScriptException
                            ? redis.<T>eval(script.text(), type, keys, args)
                            : CompletableFuture.failedStage(e));
        });
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
                        new IllegalStateException("the limit store on Redis " + described + " is closed"));
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
                LOG.info("usage limits on Redis {}: connected", described);
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
                        "usage limits on Redis {}: cannot connect ({}); trying again on later calls",
                        described,
                        cause.toString());
            } else {
                LOG.debug("usage limits on Redis {}: cannot connect ({})", described, cause.toString());
            }
            throw cause instanceof CompletionException ce ? ce : new CompletionException(cause);
        });
    }

    private static List<Long> longs(List<Object> reply, int size) {
        if (reply == null || reply.size() != size) {
            throw new IllegalStateException(
                    "unexpected reply from a limits script: " + (reply == null ? "none" : reply.size() + " values"));
        }
        List<Long> out = new ArrayList<>(size);
        for (Object o : reply) {
            if (!(o instanceof Long l)) throw new IllegalStateException("unexpected value from a limits script: " + o);
            out.add(l);
        }
        return out;
    }

    private static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** A Lua script of this package and its SHA-1, by which Redis caches it. */
    private record Script(String text, String sha) {
        static Script load(String name) {
            try (InputStream in = RedisLimitStore.class.getResourceAsStream(name)) {
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
