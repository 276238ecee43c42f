package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sovereign.testing.RecordedRequest;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What passes through unchanged, what the gateway adds, and what a departing client cancels. */
class PassthroughTest {
    static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void reset() {
        fixture.upstream().reset();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-06-01", "2026-10-21"})
    void anthropicVersionAndBetaAndQueryPassThroughUntouched(String version) {
        Http.Response r = Http.send(Http.post(
                        fixture.baseUrl() + "/v1/messages?beta=true",
                        Http.anthropicBody("claude-sonnet-4-5", "versions", false),
                        "anthropic-version",
                        version,
                        "anthropic-beta",
                        "a-2025-01-01,b-2026-02-02",
                        "x-api-key",
                        "whatever")
                .build());
        assertThat(r.status()).isEqualTo(200);
        RecordedRequest up = fixture.upstream().takeRequest(Duration.ofSeconds(5));
        assertThat(up.header("anthropic-version")).isEqualTo(version);
        assertThat(up.header("anthropic-beta")).isEqualTo("a-2025-01-01,b-2026-02-02");
        assertThat(up.query()).isEqualTo("beta=true");
        assertThat(up.header("x-api-key")).isEqualTo(GatewayFixture.ANTHROPIC_KEY);
    }

    @Test
    void unknownFieldsReachTheUpstreamByteForByte() {
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":8,\"future_field\":{\"nested\":[1,2.50,\"x\"]},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"keep me\"}]}";
        Http.Response r =
                Http.send(Http.post(fixture.baseUrl() + "/v1/messages", body, "anthropic-version", "2023-06-01")
                        .build());
        assertThat(r.status()).isEqualTo(200);
        assertThat(fixture.upstream().takeRequest(Duration.ofSeconds(5)).bodyAsString())
                .isEqualTo(body);
    }

    @Test
    void anthropicStreamFramesArriveInTheUpstreamsOrderWithPing() {
        Http.Response r = Http.send(Http.post(
                        fixture.baseUrl() + "/v1/messages",
                        Http.anthropicBody("claude-sonnet-4-5", "order", true),
                        "anthropic-version",
                        "2023-06-01")
                .build());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).startsWith("text/event-stream");
        assertThat(r.body())
                .containsSubsequence(
                        "event: message_start",
                        "event: content_block_start",
                        "event: ping",
                        "event: content_block_delta",
                        "event: content_block_stop",
                        "event: message_delta",
                        "event: message_stop");
    }

    @Test
    void clientThatDisconnectsCancelsTheUpstreamStream() throws Exception {
        fixture.upstream().setReplyWords(1000);
        fixture.upstream().setChunkDelay(Duration.ofMillis(20));
        HttpResponse<InputStream> response = Http.CLIENT.send(
                Http.post(
                                fixture.baseUrl() + "/v1/messages",
                                Http.anthropicBody("claude-sonnet-4-5", "long answer", true),
                                "anthropic-version",
                                "2023-06-01")
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        InputStream in = response.body();
        byte[] first = in.readNBytes(200);
        assertThat(new String(first)).contains("message_start");
        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.upstream().openStreams() == 1);
        in.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.upstream().cancelledStreams() == 1);
        assertThat(fixture.upstream().openStreams()).isZero();
    }

    @Test
    void healthReadinessAndMetrics() {
        assertThat(Http.send(Http.get(fixture.baseUrl() + "/healthz").build()).status())
                .isEqualTo(200);
        Http.Response ready = Http.send(Http.get(fixture.baseUrl() + "/readyz").build());
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("status").asText()).isEqualTo("ready");
        Http.send(Http.post(
                        fixture.openAiBaseUrl() + "/chat/completions",
                        Http.openAiBody("gpt-4o-mini", "count me", false))
                .build());
        Http.send(Http.post(
                        fixture.openAiBaseUrl() + "/chat/completions",
                        Http.openAiBody("gpt-4o-mini", "stream me", true))
                .build());
        String metrics =
                Http.send(Http.get(fixture.baseUrl() + "/metrics").build()).body();
        assertThat(metrics)
                .contains(
                        "sovereign_requests_seconds_count{api=\"openai\",operation=\"chat_completions\",provider=\"openai\",status=\"200\"}");
        assertThat(metrics).contains("sovereign_upstream_responses_total{provider=\"openai\",status=\"200\"}");
        assertThat(metrics).contains("sovereign_stream_duration_seconds_count{provider=\"openai\"}");
        assertThat(metrics).contains("sovereign_time_to_first_token_seconds_count{provider=\"openai\"}");
        assertThat(metrics).containsPattern("sovereign_tokens_total\\{direction=\"output\",provider=\"openai\"} [1-9]");
        assertThat(metrics).doesNotContain("count me").doesNotContain("stream me");
    }
}
