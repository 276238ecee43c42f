package dev.sovereign.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sovereign.config.RedisSettings;
import dev.sovereign.config.Secret;
import dev.sovereign.sessions.SessionRecords;
import dev.sovereign.sessions.SessionRecords.Entry;
import dev.sovereign.sessions.SessionRecords.Failures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Session records and failed sign-ins in the local Redis (127.0.0.1:6379): records end after their idle time unless
 * read, and after their lifetime however often read; failures count within a window that the first one starts; two
 * replicas see the same records; calls fail quickly while Redis cannot be reached. Every test has its own keys, and
 * every key it makes has a time to live.
 */
class RedisSessionRecordsTest {
    private static final String REDIS = "redis://127.0.0.1:6379";

    private final String run = "test-" + UUID.randomUUID() + "-";
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) c.close();
    }

    private RedisSessionRecords open(String url, Optional<Secret> password, Duration timeout) {
        RedisSessionRecords records =
                RedisSessionRecords.open(new RedisSettings(url, password, timeout, RedisSettings.OnFailure.DEFAULT));
        closing.add(records);
        return records;
    }

    private RedisSessionRecords open() {
        return open(REDIS, Optional.empty(), Duration.ofSeconds(2));
    }

    private static <T> T get(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** What Redis holds under {@code key}, read with a client of the test's own. */
    private static String raw(String key) {
        RedisClient client = RedisClient.create(REDIS);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            return c.sync().type(key) + " " + c.sync().hgetall(key) + " ttl "
                    + c.sync().pttl(key);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aRecordIsReadBackByEveryReplicaUntilRemoved() throws Exception {
        SessionRecords a = open();
        SessionRecords b = open();
        Instant before = Instant.now();
        Instant expires = get(a.put(run + "s", "value|with|bars", Duration.ofMinutes(30), Duration.ofHours(12)));
        assertThat(expires)
                .isBetween(
                        before.plus(Duration.ofHours(12)).minusSeconds(5),
                        Instant.now().plus(Duration.ofHours(12)).plusSeconds(5));
        assertThat(get(b.touch(run + "s", Duration.ofMinutes(30)))).contains(new Entry("value|with|bars", expires));
        assertThat(get(a.touch(run + "s", Duration.ofMinutes(30)))).contains(new Entry("value|with|bars", expires));
        assertThat(raw(RedisSessionRecords.SESSION_PREFIX + run + "s"))
                .startsWith("hash ")
                .contains("value|with|bars");
        assertThat(get(b.touch(run + "other", Duration.ofMinutes(30)))).isEmpty();

        get(b.remove(run + "s"));
        assertThat(get(a.touch(run + "s", Duration.ofMinutes(30)))).isEmpty();
        get(a.remove(run + "s")); // removing what is gone is no failure
    }

    @Test
    void aRecordEndsAfterItsIdleTimeUnlessRead() throws Exception {
        SessionRecords records = open();
        Duration idle = Duration.ofMillis(600);
        get(records.put(run + "idle", "v", idle, Duration.ofMinutes(5)));
        for (int i = 0; i < 4; i++) {
            Thread.sleep(300);
            assertThat(get(records.touch(run + "idle", idle)))
                    .as("read %d ms ago", 300)
                    .isPresent();
        }
        Thread.sleep(900);
        assertThat(get(records.touch(run + "idle", idle))).as("idle for 900 ms").isEmpty();
    }

    @Test
    void aRecordEndsAfterItsLifetimeHoweverOftenRead() throws Exception {
        SessionRecords records = open();
        Duration idle = Duration.ofMillis(800);
        Instant expires = get(records.put(run + "life", "v", idle, Duration.ofMillis(1500)));
        long started = System.nanoTime();
        while (System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(1200)) {
            Optional<Entry> e = get(records.touch(run + "life", idle));
            assertThat(e).isPresent();
            assertThat(e.get().expires()).isEqualTo(expires);
            Thread.sleep(200);
        }
        // Read last less than an idle time before its end: its time to live ran out at the end, not an idle time
        // after that read.
        Thread.sleep(500);
        assertThat(raw(RedisSessionRecords.SESSION_PREFIX + run + "life")).startsWith("none ");
        assertThat(get(records.touch(run + "life", idle)))
                .as("past its lifetime")
                .isEmpty();
    }

    @Test
    void failuresCountWithinAWindowThatTheFirstOneStarts() throws Exception {
        SessionRecords a = open();
        SessionRecords b = open();
        String address = run + "10.0.0.1";
        assertThat(get(a.failures(address))).isEqualTo(Failures.NONE);
        Duration window = Duration.ofMillis(1500);
        assertThat(get(a.addFailure(address, window))).isEqualTo(1);
        Thread.sleep(500);
        assertThat(get(b.addFailure(address, window))).isEqualTo(2);
        assertThat(get(a.addFailure(address, window))).isEqualTo(3);
        Failures f = get(b.failures(address));
        assertThat(f.count()).isEqualTo(3);
        assertThat(f.windowLeft())
                .as("the window runs from the first failure")
                .isLessThanOrEqualTo(Duration.ofMillis(1000))
                .isPositive();
        assertThat(get(a.failures(run + "10.0.0.2"))).as("other addresses").isEqualTo(Failures.NONE);
        Thread.sleep(f.windowLeft().toMillis() + 200);
        assertThat(get(a.failures(address))).as("the window has passed").isEqualTo(Failures.NONE);
        assertThat(get(b.addFailure(address, window))).as("a new window").isEqualTo(1);

        get(a.clear(address));
        assertThat(get(b.failures(address))).isEqualTo(Failures.NONE);
        assertThat(raw(RedisSessionRecords.SIGN_IN_PREFIX + address)).startsWith("none ");
    }

    @Test
    void callsFailQuicklyWhileRedisCannotBeReached() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String password = "pw-" + UUID.randomUUID();
        SessionRecords records = open(
                "redis://127.0.0.1:" + port, Optional.of(new Secret(password, "test")), RedisSettings.DEFAULT_TIMEOUT);
        for (int round = 0; round < 2; round++) {
            List<CompletionStage<?>> calls = List.of(
                    records.put(run + "s", "v", Duration.ofMinutes(1), Duration.ofMinutes(2)),
                    records.touch(run + "s", Duration.ofMinutes(1)),
                    records.remove(run + "s"),
                    records.addFailure(run + "a", Duration.ofMinutes(1)),
                    records.failures(run + "a"),
                    records.clear(run + "a"));
            for (CompletionStage<?> call : calls) {
                long started = System.nanoTime();
                assertThatThrownBy(() -> call.toCompletableFuture().get(2, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .satisfies(failure -> {
                            for (Throwable t = failure; t != null; t = t.getCause()) {
                                assertThat(t.toString())
                                        .as("no password in failures")
                                        .doesNotContain(password);
                            }
                        });
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            }
            Thread.sleep(RedisConnection.RETRY_CONNECT.toMillis() + 100);
        }
        assertThat(records.toString()).doesNotContain(password);
    }
}
