package dev.sovereign.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.testing.FakeUpstream;
import dev.sovereign.testing.FakeUpstreamOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A quick run of the load generator against the fake upstream: no benchmark, about two seconds. */
class OpenLoopSmokeTest {

    private static FakeUpstream upstream;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start(new FakeUpstreamOptions().replyWords(8));
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    @Test
    void bodiesHaveTheRequestedSize() {
        assertThat(ChatBodies.chat("gpt-4o-mini", false, 2048)).hasSize(2048);
        assertThat(ChatBodies.chat("gpt-4o-mini", true, 4096)).hasSize(4096);
    }

    @Test
    void measuresEveryScheduledRequest() throws InterruptedException {
        OpenLoop.Result result = OpenLoop.run(settings(false));

        assertThat(result.errors()).isZero();
        assertThat(result.ok()).isEqualTo(200);
        assertThat(result.latency().getTotalCount()).isEqualTo(100);
        assertThat(result.line()).startsWith("RESULT label=smoke").contains("p99_ms=");
    }

    @Test
    void measuresTimeToFirstTokenOfStreams() throws InterruptedException {
        OpenLoop.Result result = OpenLoop.run(settings(true));

        assertThat(result.errors()).isZero();
        assertThat(result.ttft().getTotalCount()).isEqualTo(100);
        assertThat(result.ttft().getMaxValue())
                .isLessThanOrEqualTo(result.latency().getMaxValue());
        assertThat(result.line()).contains("ttft_p99_ms=").contains("total_p99_ms=");
    }

    private static OpenLoop.Settings settings(boolean stream) {
        return new OpenLoop.Settings(
                upstream.baseUrl() + "/v1/chat/completions",
                "smoke",
                100,
                1,
                1,
                4,
                2048,
                "gpt-4o-mini",
                stream,
                List.of(),
                null);
    }

    /**
     * The server's metrics are saved when the measured second starts (after the warm-up's 100 requests were sent,
     * before the measured ones) and after the last response: a server counting the requests it answered shows
     * the warm-up in the first file (give or take the few answered while the scrape is on its way) and all 200 in
     * the second.
     */
    @Test
    void savesTheServersMetricsAroundTheMeasuredPart(@TempDir Path dir) throws Exception {
        AtomicLong answered = new AtomicLong();
        Vertx vertx = Vertx.vertx();
        try {
            HttpServer server = vertx.createHttpServer()
                    .requestHandler(req -> {
                        if (req.method() == HttpMethod.GET) {
                            req.response().end("bench_requests_total " + answered.get() + "\n");
                        } else {
                            req.body().onSuccess(b -> {
                                answered.incrementAndGet();
                                req.response()
                                        .putHeader("content-type", "application/json")
                                        .end("{}");
                            });
                        }
                    })
                    .listen(0, "127.0.0.1")
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            String base = "http://127.0.0.1:" + server.actualPort();
            OpenLoop.Settings plain = settings(false);
            OpenLoop.Result result = OpenLoop.run(new OpenLoop.Settings(
                    base + "/v1/chat/completions",
                    plain.label(),
                    plain.rate(),
                    plain.durationSeconds(),
                    plain.warmupSeconds(),
                    plain.connections(),
                    plain.bodyBytes(),
                    plain.model(),
                    false,
                    List.of(),
                    new OpenLoop.Scrape(
                            URI.create(base + "/metrics"), dir.resolve("before.txt"), dir.resolve("after.txt"))));

            assertThat(result.errors()).isZero();
            long before = Long.parseLong(
                    Files.readString(dir.resolve("before.txt")).strip().split(" ")[1]);
            long after = Long.parseLong(
                    Files.readString(dir.resolve("after.txt")).strip().split(" ")[1]);
            assertThat(before).isBetween(50L, 130L);
            assertThat(after).isEqualTo(200);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
