package dev.sovereign.store;

import dev.sovereign.config.RedisSettings;
import dev.sovereign.limits.LimitStore;
import dev.sovereign.store.RedisConnection.Script;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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
    /** How long after a failed connect the next call tries again, rather than failing at once. */
    static final Duration RETRY_CONNECT = RedisConnection.RETRY_CONNECT;

    private static final Script ACQUIRE = Script.load("limits-acquire.lua");
    private static final Script SETTLE = Script.load("limits-settle.lua");
    private static final Script READ = Script.load("limits-read.lua");

    private final RedisConnection redis;

    private RedisLimitStore(RedisConnection redis) {
        this.redis = redis;
    }

    /**
     * A store on the Redis of {@code settings}. Does not connect: the first call does, so that a gateway starts while
     * Redis is down.
     *
     * @throws IllegalArgumentException when the URL is not a Redis URL
     */
    public static RedisLimitStore open(RedisSettings settings) {
        return new RedisLimitStore(RedisConnection.open(settings, "usage limits", "limit store"));
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
        redis.close();
    }

    @Override
    public String toString() {
        return "RedisLimitStore[" + redis.described() + "]";
    }

    private <T> CompletableFuture<T> run(Script script, ScriptOutputType type, String[] keys, String[] args) {
        return redis.eval(script, type, keys, args);
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
}
