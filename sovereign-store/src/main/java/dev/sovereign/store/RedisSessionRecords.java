package dev.sovereign.store;

import dev.sovereign.config.RedisSettings;
import dev.sovereign.sessions.SessionRecords;
import dev.sovereign.store.RedisConnection.Script;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Sign-in session records and counts of failed sign-ins in a Redis that gateway replicas share.
 *
 * <ul>
 *   <li>a session record is a hash under {@value #SESSION_PREFIX}{@code <key>} (the caller's key: a hash of the
 *       session id, never the id) with the value ({@code v}) and when the record ends at the latest ({@code e},
 *       milliseconds of the Redis server's clock); its time to live is the idle timeout, restarted by each read but
 *       never beyond that end;
 *   <li>failed sign-ins of an address are a counter under {@value #SIGN_IN_PREFIX}{@code <address>}, whose time to
 *       live, set by the first failure, is the window.
 * </ul>
 *
 * Each operation is one Lua script or command, so that it is atomic across replicas; the times are the Redis server's,
 * so that replicas whose clocks disagree still agree on when a session ends. The connection is made on first use,
 * as {@link RedisLimitStore}'s is: calls fail within about the settings' timeout while Redis cannot be asked.
 */
public final class RedisSessionRecords implements SessionRecords {
    public static final String SESSION_PREFIX = "sgw:session:";
    public static final String SIGN_IN_PREFIX = "sgw:signin:";

    private static final Script PUT = Script.load("session-put.lua");
    private static final Script TOUCH = Script.load("session-touch.lua");
    private static final Script FAIL = Script.load("signin-fail.lua");
    private static final Script FAILURES = Script.load("signin-read.lua");

    private final RedisConnection redis;

    private RedisSessionRecords(RedisConnection redis) {
        this.redis = redis;
    }

    /**
     * Records on the Redis of {@code settings}. Does not connect: the first call does, so that a gateway starts while
     * Redis is down.
     *
     * @throws IllegalArgumentException when the URL is not a Redis URL
     */
    public static RedisSessionRecords open(RedisSettings settings) {
        return new RedisSessionRecords(RedisConnection.open(settings, "dashboard sessions", "session records"));
    }

    @Override
    public CompletionStage<Instant> put(String key, String value, Duration idleTtl, Duration lifetime) {
        positive(idleTtl);
        positive(lifetime);
        return redis.<Long>eval(
                        PUT,
                        ScriptOutputType.INTEGER,
                        new String[] {SESSION_PREFIX + key},
                        value,
                        Long.toString(idleTtl.toMillis()),
                        Long.toString(lifetime.toMillis()))
                .thenApply(Instant::ofEpochMilli);
    }

    @Override
    public CompletionStage<Optional<Entry>> touch(String key, Duration idleTtl) {
        positive(idleTtl);
        return redis.<List<Object>>eval(
                        TOUCH,
                        ScriptOutputType.MULTI,
                        new String[] {SESSION_PREFIX + key},
                        Long.toString(idleTtl.toMillis()))
                .thenApply(reply -> {
                    if (reply == null || reply.isEmpty()) return Optional.<Entry>empty();
                    if (reply.size() != 2
                            || !(reply.get(0) instanceof String value)
                            || !(reply.get(1) instanceof String expires)) {
                        throw new IllegalStateException("unexpected reply from the session script");
                    }
                    return Optional.of(new Entry(value, Instant.ofEpochMilli(Long.parseLong(expires))));
                });
    }

    @Override
    public CompletionStage<Void> remove(String key) {
        return redis.call(r -> r.del(SESSION_PREFIX + key)).thenApply(n -> null);
    }

    @Override
    public CompletionStage<Long> addFailure(String address, Duration window) {
        positive(window);
        return redis.eval(
                FAIL,
                ScriptOutputType.INTEGER,
                new String[] {SIGN_IN_PREFIX + address},
                Long.toString(window.toMillis()));
    }

    @Override
    public CompletionStage<Failures> failures(String address) {
        return redis.<List<Object>>eval(FAILURES, ScriptOutputType.MULTI, new String[] {SIGN_IN_PREFIX + address})
                .thenApply(reply -> {
                    if (reply == null
                            || reply.size() != 2
                            || !(reply.get(0) instanceof Long count)
                            || !(reply.get(1) instanceof Long left)) {
                        throw new IllegalStateException("unexpected reply from the sign-in script");
                    }
                    return count == 0 ? Failures.NONE : new Failures(count, Duration.ofMillis(left));
                });
    }

    @Override
    public CompletionStage<Void> clear(String address) {
        return redis.call(r -> r.del(SIGN_IN_PREFIX + address)).thenApply(n -> null);
    }

    /** Closes the connection and stops the client's threads, waiting at most a few seconds. */
    @Override
    public void close() {
        redis.close();
    }

    @Override
    public String toString() {
        return "RedisSessionRecords[" + redis.described() + "]";
    }

    private static void positive(Duration d) {
        if (d.isNegative() || d.toMillis() < 1) throw new IllegalArgumentException("a duration of 1 ms at least");
    }
}
