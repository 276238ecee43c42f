package dev.sovereign.gateway.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class SilenceTimerTest {
    static final Vertx VERTX = Vertx.vertx();

    @AfterAll
    static void stop() {
        VERTX.close();
    }

    /** Runs {@code action} on {@code context} and waits for it. */
    static <T> T on(Context context, java.util.function.Supplier<T> action) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        context.runOnContext(v -> done.complete(action.get()));
        return done.get(5, TimeUnit.SECONDS);
    }

    @Test
    void activityKeepsItQuietAndSilenceMakesItFireOnce() throws Exception {
        Context loop = VERTX.getOrCreateContext();
        AtomicLong fired = new AtomicLong();
        AtomicLong firedAt = new AtomicLong();
        SilenceTimer timer = on(loop, () -> {
            SilenceTimer t = new SilenceTimer(VERTX, Duration.ofMillis(300), () -> {
                fired.incrementAndGet();
                firedAt.set(System.nanoTime());
            });
            t.start();
            return t;
        });
        long lastActivity = 0;
        for (int i = 0; i < 12; i++) {
            Thread.sleep(50);
            lastActivity = on(loop, () -> {
                timer.activity();
                return System.nanoTime();
            });
        }
        assertThat(fired).as("600 ms of activity every 50 ms, limit 300 ms").hasValue(0);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(fired).hasValue(1));
        assertThat(Duration.ofNanos(firedAt.get() - lastActivity)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        Thread.sleep(700);
        assertThat(fired).as("once").hasValue(1);
    }

    @Test
    void aCancelledTimerNeverFires() throws Exception {
        Context loop = VERTX.getOrCreateContext();
        AtomicLong fired = new AtomicLong();
        on(loop, () -> {
            SilenceTimer t = new SilenceTimer(VERTX, Duration.ofMillis(100), fired::incrementAndGet);
            t.start();
            t.cancel();
            return t;
        });
        Thread.sleep(400);
        assertThat(fired).hasValue(0);
    }
}
