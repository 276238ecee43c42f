package dev.sovereign.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sovereign.config.RedisSettings;
import dev.sovereign.config.Secret;
import dev.sovereign.limits.InMemoryLimitStore;
import dev.sovereign.limits.LimitStore;
import dev.sovereign.limits.LimitStore.Admission;
import dev.sovereign.limits.LimitStore.Counter;
import dev.sovereign.limits.LimitStore.Slot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Redis limit store against the local Redis (127.0.0.1:6379): the same answers as the in-memory store, exact
 * across replicas, and calls that fail quickly rather than hang while Redis cannot be reached. Every test has its own
 * key prefix, and every key it makes has a time to live.
 */
class RedisLimitStoreTest {
    private static final String REDIS = "redis://127.0.0.1:6379";
    private static final long TTL = 60_000;

    private final String prefix = "sovereign-test:" + UUID.randomUUID() + ":";
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) c.close();
    }

    private RedisLimitStore open(String url, Duration timeout) {
        return open(url, Optional.empty(), timeout);
    }

    private RedisLimitStore open(String url, Optional<Secret> password, Duration timeout) {
        RedisLimitStore store =
                RedisLimitStore.open(new RedisSettings(url, password, timeout, RedisSettings.OnFailure.DEFAULT));
        closing.add(store);
        return store;
    }

    private RedisLimitStore open() {
        return open(REDIS, Duration.ofSeconds(2));
    }

    private String key(String name) {
        return prefix + name;
    }

    private Counter counter(String name, long limit, long amount) {
        return new Counter(key(name), limit, amount, TTL);
    }

    private Slot slot(String name, long limit, String member) {
        return new Slot(key(name), limit, member, TTL);
    }

    private static <T> T get(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void anAcquireTakesEverythingOrNothing() throws Exception {
        RedisLimitStore store = open();
        assertThat(store.kind()).isEqualTo("redis");
        assertThat(get(store.acquire(List.of(counter("a", 10, 10)), List.of())))
                .isEqualTo(new Admission(-1, List.of(10L)));

        Admission refused = get(store.acquire(List.of(counter("b", 10, 1), counter("a", 10, 1)), List.of()));
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.refused()).as("the counter at its limit").isEqualTo(1);
        assertThat(refused.counts()).as("as they were").containsExactly(0L, 10L);
        assertThat(get(store.read(List.of(key("a"), key("b")), List.of())))
                .as("nothing taken")
                .containsExactly(10L, 0L);

        assertThat(get(store.acquire(List.of(), List.of(slot("s", 1, "r1")))).admitted())
                .isTrue();
        Admission slotRefused =
                get(store.acquire(List.of(counter("b", 10, 1)), List.of(slot("t", 5, "r2"), slot("s", 1, "r2"))));
        assertThat(slotRefused.refused()).as("counters first, then slots").isEqualTo(2);
        assertThat(slotRefused.counts()).containsExactly(0L, 0L, 1L);
        assertThat(get(store.read(List.of(key("b")), List.of(key("t"), key("s")))))
                .as("neither the counter nor the free slot taken")
                .containsExactly(0L, 0L, 1L);

        assertThat(get(store.acquire(List.of(counter("b", 10, 3)), List.of(slot("t", 5, "r2")))))
                .isEqualTo(new Admission(-1, List.of(3L, 1L)));
        assertThat(get(store.acquire(List.of(), List.of())))
                .as("nothing asked, nothing refused")
                .isEqualTo(new Admission(-1, List.of()));
    }

    @Test
    void twoReplicasTogetherAdmitExactlyTheLimit() throws Exception {
        List<RedisLimitStore> replicas = List.of(open(), open());
        int threads = 8;
        int attempts = 200;
        AtomicInteger admitted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                LimitStore store = replicas.get(t % 2);
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < attempts; i++) {
                        if (get(store.acquire(List.of(counter("c", 500, 1)), List.of()))
                                .admitted()) admitted.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(admitted).hasValue(500);
        assertThat(get(replicas.get(0).read(List.of(key("c")), List.of()))).containsExactly(500L);
        assertThat(get(replicas.get(1).read(List.of(key("c")), List.of()))).containsExactly(500L);
    }

    @Test
    void slotsAreHeldUntilFreedOrTheirTimeToLiveEnds() throws Exception {
        RedisLimitStore store = open();
        assertThat(get(store.acquire(List.of(), List.of(slot("s", 2, "r1")))))
                .isEqualTo(new Admission(-1, List.of(1L)));
        assertThat(get(store.acquire(List.of(), List.of(slot("s", 2, "r2")))))
                .isEqualTo(new Admission(-1, List.of(2L)));
        assertThat(get(store.acquire(List.of(), List.of(slot("s", 2, "r3"))))).isEqualTo(new Admission(0, List.of(2L)));

        get(store.settle(List.of(), List.of(slot("s", 2, "r1"))));
        assertThat(get(store.read(List.of(), List.of(key("s"))))).containsExactly(1L);
        assertThat(get(store.acquire(List.of(), List.of(slot("s", 2, "r3")))))
                .isEqualTo(new Admission(-1, List.of(2L)));

        Slot brief = new Slot(key("brief"), 1, "r1", 300);
        assertThat(get(store.acquire(List.of(), List.of(brief))).admitted()).isTrue();
        Slot next = new Slot(key("brief"), 1, "r2", TTL);
        assertThat(get(store.acquire(List.of(), List.of(next))).refused()).isZero();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> get(store.read(List.of(), List.of(key("brief")))).equals(List.of(0L)));
        assertThat(get(store.acquire(List.of(), List.of(next)))).isEqualTo(new Admission(-1, List.of(1L)));
        assertThat(get(store.read(List.of(), List.of(key("brief"))))).containsExactly(1L);
    }

    @Test
    void settlingGivesBackAndCountersEndWithTheirTimeToLive() throws Exception {
        RedisLimitStore store = open();
        assertThat(get(store.acquire(List.of(counter("t", 10, 8)), List.of())).counts())
                .containsExactly(8L);
        assertThat(get(store.acquire(List.of(counter("t", 10, 5)), List.of())).refused())
                .isZero();
        get(store.settle(List.of(counter("t", 10, -5), counter("untouched", 10, 0)), List.of()));
        assertThat(get(store.read(List.of(key("t"), key("untouched")), List.of())))
                .containsExactly(3L, 0L);
        assertThat(get(store.acquire(List.of(counter("t", 10, 5)), List.of())))
                .isEqualTo(new Admission(-1, List.of(8L)));

        Counter brief = new Counter(key("brief"), 10, 10, 300);
        assertThat(get(store.acquire(List.of(brief), List.of())).admitted()).isTrue();
        assertThat(get(store.acquire(List.of(brief), List.of())).admitted()).isFalse();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> get(store.read(List.of(key("brief")), List.of())).equals(List.of(0L)));
        assertThat(get(store.acquire(List.of(brief), List.of())))
                .as("a new window")
                .isEqualTo(new Admission(-1, List.of(10L)));

        get(store.settle(List.of(new Counter(key("late"), 10, 4, 300)), List.of()));
        assertThat(get(store.read(List.of(key("late")), List.of()))).containsExactly(4L);
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> get(store.read(List.of(key("late")), List.of())).equals(List.of(0L)));
    }

    @Test
    void answersLikeTheInMemoryStore() throws Exception {
        RedisLimitStore redis = open();
        InMemoryLimitStore memory = new InMemoryLimitStore();
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        List<String> counterKeys = List.of("c0", "c1", "c2");
        List<String> slotKeys = List.of("s0", "s1");
        List<String> members = List.of("m0", "m1", "m2", "m3", "m4");
        for (int op = 0; op < 400; op++) {
            String what = "op " + op + " (seed " + seed + ")";
            switch (random.nextInt(3)) {
                case 0 -> {
                    List<Counter> counters = new ArrayList<>();
                    for (int i = random.nextInt(3); i > 0; i--) {
                        counters.add(counter(
                                counterKeys.get(random.nextInt(counterKeys.size())),
                                5 + random.nextInt(8),
                                random.nextInt(5)));
                    }
                    List<Slot> slots = new ArrayList<>();
                    for (int i = random.nextInt(3); i > 0; i--) {
                        slots.add(slot(
                                slotKeys.get(random.nextInt(slotKeys.size())),
                                1 + random.nextInt(3),
                                members.get(random.nextInt(members.size()))));
                    }
                    assertThat(get(redis.acquire(counters, slots)))
                            .as("acquire %s %s, %s", counters, slots, what)
                            .isEqualTo(get(memory.acquire(counters, slots)));
                }
                case 1 -> {
                    List<Counter> adjustments = new ArrayList<>();
                    for (int i = random.nextInt(3); i > 0; i--) {
                        adjustments.add(
                                counter(counterKeys.get(random.nextInt(counterKeys.size())), 0, random.nextInt(7) - 3));
                    }
                    List<Slot> release = new ArrayList<>();
                    for (int i = random.nextInt(2); i > 0; i--) {
                        release.add(slot(
                                slotKeys.get(random.nextInt(slotKeys.size())),
                                0,
                                members.get(random.nextInt(members.size()))));
                    }
                    get(redis.settle(adjustments, release));
                    get(memory.settle(adjustments, release));
                }
                default -> {
                    List<String> counters = counterKeys.stream().map(this::key).toList();
                    List<String> slots = slotKeys.stream().map(this::key).toList();
                    assertThat(get(redis.read(counters, slots)))
                            .as("read, %s", what)
                            .isEqualTo(get(memory.read(counters, slots)));
                }
            }
        }
    }

    @Test
    void callsFailQuicklyWhileRedisCannotBeReached() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String password = "pw-" + UUID.randomUUID();
        RedisLimitStore store = open(
                "redis://127.0.0.1:" + port, Optional.of(new Secret(password, "test")), RedisSettings.DEFAULT_TIMEOUT);
        List<Throwable> failures = assertFailsQuickly(store);
        Thread.sleep(RedisLimitStore.RETRY_CONNECT.toMillis() + 100);
        failures.addAll(assertFailsQuickly(store));
        for (Throwable failure : failures) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertThat(t.toString()).as("no password in failures").doesNotContain(password);
            }
        }
        assertThat(store.toString()).doesNotContain(password);
    }

    @Test
    void callsFailQuicklyWhenRedisDoesNotAnswer() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) accepted.add(silent.accept());
                } catch (IOException e) {
                    // closed
                }
            });
            try {
                RedisLimitStore store =
                        open("redis://127.0.0.1:" + silent.getLocalPort(), RedisSettings.DEFAULT_TIMEOUT);
                assertFailsQuickly(store);
                assertFailsQuickly(store);
            } finally {
                for (Socket s : accepted) s.close();
            }
        }
    }

    @Test
    void aStoreOpenedWhileRedisIsDownConnectsWhenItComesUp() throws Exception {
        Forwarder forwarder = new Forwarder();
        closing.add(forwarder);
        RedisLimitStore store = open("redis://127.0.0.1:" + forwarder.port, RedisSettings.DEFAULT_TIMEOUT);
        assertFailsQuickly(store);

        forwarder.start();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> get(store.read(List.of(key("c")), List.of())).equals(List.of(0L)));
    }

    @Test
    void aStoreReconnectsWhenRedisComesBack() throws Exception {
        Forwarder forwarder = new Forwarder();
        closing.add(forwarder);
        forwarder.start();
        RedisLimitStore store = open("redis://127.0.0.1:" + forwarder.port, RedisSettings.DEFAULT_TIMEOUT);
        assertThat(get(store.acquire(List.of(counter("c", 10, 1)), List.of())).admitted())
                .isTrue();

        forwarder.stop();
        assertFailsQuickly(store);

        forwarder.start();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> get(store.acquire(List.of(counter("c", 10, 1)), List.of()))
                        .counts()
                        .equals(List.of(2L)));
    }

    /** Each call fails, and within about the timeout rather than hanging; the factory did not throw. */
    private List<Throwable> assertFailsQuickly(RedisLimitStore store) {
        List<Throwable> failures = new ArrayList<>();
        List<CompletionStage<?>> calls = List.of(
                store.acquire(List.of(counter("c", 10, 1)), List.of(slot("s", 1, "r1"))),
                store.settle(List.of(counter("c", 10, -1)), List.of(slot("s", 1, "r1"))),
                store.read(List.of(key("c")), List.of(key("s"))));
        for (CompletionStage<?> call : calls) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> call.toCompletableFuture().get(2, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .satisfies(failures::add);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        }
        return failures;
    }

    /**
     * A TCP forwarder to the local Redis on a port of its own, that can be stopped (closing every connection, as a
     * Redis that goes down does) and started again on the same port.
     */
    private static final class Forwarder implements AutoCloseable {
        final int port;
        private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

        Forwarder() throws IOException {
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
        }

        void start() throws IOException {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress("127.0.0.1", port));
            open.add(server);
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        Socket client = server.accept();
                        open.add(client);
                        Socket redis = new Socket("127.0.0.1", 6379);
                        open.add(redis);
                        pump(client, redis);
                        pump(redis, client);
                    }
                } catch (IOException e) {
                    // stopped
                }
            });
        }

        private void pump(Socket from, Socket to) {
            Thread.ofVirtual().start(() -> {
                try (InputStream in = from.getInputStream();
                        OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException e) {
                    // closed
                } finally {
                    try {
                        from.close();
                        to.close();
                    } catch (IOException e) {
                        // closed
                    }
                }
            });
        }

        void stop() throws Exception {
            for (AutoCloseable c : open) c.close();
            open.clear();
        }

        @Override
        public void close() throws Exception {
            stop();
        }
    }
}
