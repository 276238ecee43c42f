package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Shutdown lets streams in flight finish before the process stops. */
class DrainTest {
    @Test
    void closeWaitsForAnOpenStreamToComplete() throws Exception {
        GatewayFixture fixture = GatewayFixture.start();
        try {
            fixture.upstream().setReplyWords(40);
            fixture.upstream().setChunkDelay(Duration.ofMillis(25));
            CompletableFuture<Http.Response> stream = CompletableFuture.supplyAsync(() -> Http.send(Http.post(
                            fixture.baseUrl() + "/v1/messages",
                            Http.anthropicBody("claude-sonnet-4-5", "drain", true),
                            "anthropic-version",
                            "2023-06-01")
                    .build()));
            await().atMost(Duration.ofSeconds(5)).until(() -> fixture.upstream().openStreams() == 1);
            long started = System.nanoTime();
            fixture.gateway().close();
            long closedAfterMs = (System.nanoTime() - started) / 1_000_000;
            Http.Response response = stream.get();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).contains("event: message_stop").doesNotContain("event: error");
            // The stream needed about a second more; close() returned only once it had been served.
            assertThat(closedAfterMs).isGreaterThan(300);
        } finally {
            fixture.upstream().close();
        }
    }
}
