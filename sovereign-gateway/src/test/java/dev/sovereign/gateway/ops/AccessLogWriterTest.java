package dev.sovereign.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AccessLogWriterTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private <T> T onEventLoop(java.util.function.Supplier<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        vertx.runOnContext(v -> result.complete(action.get()));
        return result.get(10, TimeUnit.SECONDS);
    }

    @Test
    void linesArriveInOrderWithoutAnExplicitFlush() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AccessLogWriter writer = new AccessLogWriter(vertx, out, 1 << 20, new AtomicLong());
        onEventLoop(() -> {
            for (int i = 0; i < 1000; i++) writer.write("{\"n\":" + i + "}");
            return null;
        });
        await().atMost(Duration.ofSeconds(5))
                .until(() -> out.toString(StandardCharsets.UTF_8).split("\n").length == 1000);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < 1000; i++) assertThat(lines[i]).isEqualTo("{\"n\":" + i + "}");
    }

    @Test
    void closeWritesWhatIsLeftAtOnce() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AccessLogWriter writer = new AccessLogWriter(vertx, out, 1 << 20, new AtomicLong());
        onEventLoop(() -> {
            writer.write("last");
            writer.close();
            return null;
        });
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("last\n");
    }

    @Test
    void aBacklogBeyondTheLimitIsDroppedAndCounted() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicLong dropped = new AtomicLong();
        AccessLogWriter writer = new AccessLogWriter(vertx, out, 100, dropped);
        onEventLoop(() -> {
            for (int i = 0; i < 20; i++) writer.write("0123456789");
            return null;
        });
        assertThat(dropped.get()).isEqualTo(11);
        await().atMost(Duration.ofSeconds(5)).until(() -> out.size() == 9 * 11);
    }
}
