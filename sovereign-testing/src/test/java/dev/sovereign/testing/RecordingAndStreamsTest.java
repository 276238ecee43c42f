package dev.sovereign.testing;

import static dev.sovereign.testing.Wire.ANTHROPIC;
import static dev.sovereign.testing.Wire.OPENAI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecordingAndStreamsTest {

    static FakeUpstream upstream;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    @BeforeEach
    void reset() {
        upstream.reset();
    }

    @Test
    void baseUrlHasNoVersionPrefix() {
        assertThat(upstream.baseUrl()).isEqualTo("http://127.0.0.1:" + upstream.port());
    }

    @Test
    void recordsEveryRequestWithLowerCaseHeadersAndTheRawBody() {
        Wire.post(
                upstream,
                "/v1/messages?beta=true",
                Wire.anthropicBody("recorded", false),
                "X-Api-Key",
                "sk-ant-xyz",
                "Anthropic-Version",
                "2023-06-01",
                "Anthropic-Beta",
                "a-2025,b-2025");
        Wire.get(upstream, "/v1/models", OPENAI);

        RecordedRequest first = upstream.takeRequest(Duration.ofSeconds(5));
        RecordedRequest second = upstream.takeRequest(Duration.ofSeconds(5));

        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.path()).isEqualTo("/v1/messages");
        assertThat(first.query()).isEqualTo("beta=true");
        assertThat(first.headers()).containsKeys("x-api-key", "anthropic-version", "anthropic-beta");
        assertThat(first.header("X-API-KEY")).isEqualTo("sk-ant-xyz");
        assertThat(first.header("anthropic-beta")).isEqualTo("a-2025,b-2025");
        assertThat(first.header("absent")).isNull();
        assertThat(first.bodyAsString()).isEqualTo(Wire.anthropicBody("recorded", false));
        assertThat(first.json().path("messages").get(0).path("content").asText())
                .isEqualTo("recorded");
        assertThat(second.method()).isEqualTo("GET");
        assertThat(second.query()).isNull();
        assertThat(second.body()).isEmpty();
        assertThat(upstream.requests()).containsExactly(first, second);
    }

    @Test
    void takeRequestFailsWhenNothingArrives() {
        assertThatThrownBy(() -> upstream.takeRequest(Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no request");
    }

    @Test
    void resetClearsRecordsAndFaults() {
        upstream.enqueue(Fault.overloaded());
        Wire.get(upstream, "/v1/models", OPENAI);
        upstream.enqueue(Fault.overloaded());
        upstream.setReplyWords(3);

        upstream.reset();

        assertThat(upstream.requests()).isEmpty();
        assertThat(Wire.get(upstream, "/v1/models", OPENAI).statusCode()).isEqualTo(200);
        assertThat(Wire.json(Wire.post(upstream, "/v1/chat/completions", Wire.openAiBody("q", false), OPENAI))
                        .path("choices")
                        .get(0)
                        .path("message")
                        .path("content")
                        .asText())
                .isEqualTo("Echo: q");
    }

    @Test
    void chunkDelaySpacesTheEvents() {
        upstream.setChunkDelay(Duration.ofMillis(40));

        long start = System.nanoTime();
        Wire.post(upstream, "/v1/messages", Wire.anthropicBody("a b", true), ANTHROPIC);

        // 9 events, 8 gaps
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(320));
    }

    @Test
    void countsOpenStreamsAndStreamsTheClientAbandons() throws Exception {
        upstream.setChunkDelay(Duration.ofMillis(20));
        upstream.setReplyWords(500);
        String body = Wire.anthropicBody("x", true);
        try (Socket socket = new Socket("127.0.0.1", upstream.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: k\r\n"
                            + "anthropic-version: 2023-06-01\r\ncontent-type: application/json\r\ncontent-length: "
                            + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String received = "";
            while (!received.contains("content_block_delta")) {
                byte[] chunk = new byte[512];
                int n = in.read(chunk);
                assertThat(n).isPositive();
                received += new String(chunk, 0, n, StandardCharsets.UTF_8);
            }
            assertThat(received).startsWith("HTTP/1.1 200");
            assertThat(upstream.openStreams()).isEqualTo(1);
        }

        await(() -> upstream.cancelledStreams() == 1 && upstream.openStreams() == 0);
        assertThat(upstream.cancelledStreams()).isEqualTo(1);
    }

    @Test
    void aCompletedStreamIsNeitherOpenNorCancelled() {
        Wire.post(upstream, "/v1/chat/completions", Wire.openAiBody("done", true), OPENAI);

        await(() -> upstream.openStreams() == 0);
        assertThat(upstream.cancelledStreams()).isZero();
    }

    static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
