package dev.sovereign.testing;

import static dev.sovereign.testing.Wire.ANTHROPIC;
import static dev.sovereign.testing.Wire.OPENAI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultTest {

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
    void faultsApplyInOrderToTheNextRequestsThenNormalBehaviourResumes() {
        upstream.enqueue(Fault.status(418, "{\"teapot\":true}", Map.of("X-Custom", "yes")));
        upstream.enqueue(Fault.invalidRequest("second"));

        HttpResponse<String> first = Wire.get(upstream, "/v1/models", OPENAI);
        HttpResponse<String> second = Wire.post(upstream, "/v1/messages", Wire.anthropicBody("x", false), ANTHROPIC);
        HttpResponse<String> third = Wire.post(upstream, "/v1/messages", Wire.anthropicBody("x", false), ANTHROPIC);

        assertThat(first.statusCode()).isEqualTo(418);
        assertThat(first.body()).isEqualTo("{\"teapot\":true}");
        assertThat(first.headers().firstValue("x-custom")).hasValue("yes");
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(Wire.json(second).path("error").path("message").asText()).isEqualTo("second");
        assertThat(Wire.json(second).path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(third.statusCode()).isEqualTo(200);
    }

    @Test
    void tokenRequestsUnderAnyBaseTakeNoFaultSoTheNextModelCallGetsIt() {
        upstream.enqueue(Fault.invalidRequest("meant for the model call"));

        HttpResponse<String> token = Wire.post(
                upstream, "/refused/token", "grant_type=x", "content-type", "application/x-www-form-urlencoded");
        HttpResponse<String> model = Wire.post(upstream, "/v1/messages", Wire.anthropicBody("x", false), ANTHROPIC);

        assertThat(token.statusCode()).isNotEqualTo(400);
        assertThat(model.statusCode()).isEqualTo(400);
        assertThat(Wire.json(model).path("error").path("message").asText()).isEqualTo("meant for the model call");
    }

    @Test
    void rateLimitedSpeaksTheAnthropicShapeWithRetryHeaders() {
        upstream.enqueue(Fault.rateLimited(Duration.ofMillis(1500)));

        HttpResponse<String> response = Wire.post(upstream, "/v1/messages", Wire.anthropicBody("x", true), ANTHROPIC);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).hasValue("2");
        assertThat(response.headers().firstValue("retry-after-ms")).hasValue("1500");
        assertThat(response.headers().firstValue("x-should-retry")).hasValue("true");
        assertThat(response.headers().firstValue("request-id")).isPresent();
        JsonNode error = Wire.json(response);
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.path("error").path("type").asText()).isEqualTo("rate_limit_error");
        assertThat(error.path("request_id").asText()).startsWith("req_");
    }

    @Test
    void rateLimitedSpeaksTheOpenAiShapeOnOpenAiPaths() {
        upstream.enqueue(Fault.rateLimited(Duration.ofSeconds(3)));

        HttpResponse<String> response =
                Wire.post(upstream, "/v1/chat/completions", Wire.openAiBody("x", false), OPENAI);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).hasValue("3");
        assertThat(Wire.json(response).path("error").path("code").asText()).isEqualTo("rate_limit_exceeded");
    }

    @Test
    void overloadedIs529ForAnthropicAnd503ForOpenAi() {
        upstream.enqueue(Fault.overloaded());
        upstream.enqueue(Fault.overloaded());

        HttpResponse<String> anthropic = Wire.post(upstream, "/v1/messages", Wire.anthropicBody("x", false), ANTHROPIC);
        HttpResponse<String> openAi = Wire.post(upstream, "/v1/embeddings", "{}", OPENAI);

        assertThat(anthropic.statusCode()).isEqualTo(529);
        assertThat(Wire.json(anthropic).path("error").path("type").asText()).isEqualTo("overloaded_error");
        assertThat(openAi.statusCode()).isEqualTo(503);
        assertThat(Wire.json(openAi).path("error").path("type").asText()).isEqualTo("server_error");
    }

    @Test
    void disconnectAfterEventsCutsTheStreamAfterExactlyThoseEvents() {
        upstream.enqueue(Fault.disconnectAfterEvents(2));

        Partial partial = readUntilFailure(Wire.request(upstream, "/v1/messages", ANTHROPIC)
                .POST(HttpRequest.BodyPublishers.ofString(Wire.anthropicBody("one two three", true))));

        assertThat(partial.failure()).isInstanceOf(IOException.class);
        assertThat(Wire.events(partial.body()))
                .extracting(Wire.Sse::event)
                .containsExactly("message_start", "content_block_start");
        assertThat(upstream.openStreams()).isZero();
    }

    @Test
    void disconnectOnANonStreamingRequestClosesBeforeAnyByte() {
        upstream.enqueue(Fault.disconnectAfterEvents(0));

        assertThatThrownBy(() -> Wire.post(upstream, "/v1/chat/completions", Wire.openAiBody("x", false), OPENAI))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void stallBeforeHeadersDelaysTheWholeResponse() {
        upstream.enqueue(Fault.stallBeforeHeaders(Duration.ofMillis(300)));

        long start = System.nanoTime();
        HttpResponse<String> response =
                Wire.post(upstream, "/v1/chat/completions", Wire.openAiBody("x", false), OPENAI);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void stallAfterEventsPausesMidStreamThenCompletes() throws Exception {
        upstream.enqueue(Fault.stallAfterEvents(3, Duration.ofMillis(400)));

        HttpResponse<InputStream> response = Wire.CLIENT.send(
                Wire.request(upstream, "/v1/messages", ANTHROPIC)
                        .POST(HttpRequest.BodyPublishers.ofString(Wire.anthropicBody("a b", true)))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        List<Long> arrivals = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        try (var reader =
                new java.io.BufferedReader(new java.io.InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    arrivals.add(System.nanoTime());
                }
                body.append(line).append('\n');
            }
        }

        assertThat(Wire.events(body.toString()))
                .hasSize(9)
                .last()
                .extracting(Wire.Sse::event)
                .isEqualTo("message_stop");
        long gapMillis = (arrivals.get(3) - arrivals.get(2)) / 1_000_000;
        assertThat(gapMillis).isGreaterThanOrEqualTo(350);
    }

    @Test
    void errorEventAfterEventsSendsTheAnthropicErrorEvent() {
        upstream.enqueue(Fault.errorEventAfterEvents(2));

        List<Wire.Sse> events =
                Wire.events(Wire.post(upstream, "/v1/messages", Wire.anthropicBody("x y", true), ANTHROPIC)
                        .body());

        assertThat(events).extracting(Wire.Sse::event).containsExactly("message_start", "content_block_start", "error");
        JsonNode error = events.get(2).json();
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.path("error").path("type").asText()).isEqualTo("overloaded_error");
    }

    @Test
    void errorEventAfterEventsSendsTheOpenAiErrorChunkWithoutDone() {
        upstream.enqueue(Fault.errorEventAfterEvents(1));

        List<Wire.Sse> events =
                Wire.events(Wire.post(upstream, "/v1/chat/completions", Wire.openAiBody("x y", true), OPENAI)
                        .body());

        assertThat(events).hasSize(2);
        assertThat(events.get(0).json().path("object").asText()).isEqualTo("chat.completion.chunk");
        JsonNode error = events.get(1).json().path("error");
        assertThat(error.path("type").asText()).isEqualTo("server_error");
        assertThat(error.path("message").asText()).isNotEmpty();
    }

    @Test
    void errorEventOnANonStreamingRequestIsTheEquivalentHttpError() {
        upstream.enqueue(Fault.errorEventAfterEvents(0));

        HttpResponse<String> response = Wire.post(upstream, "/v1/messages", Wire.anthropicBody("x", false), ANTHROPIC);

        assertThat(response.statusCode()).isEqualTo(529);
        assertThat(Wire.json(response).path("error").path("type").asText()).isEqualTo("overloaded_error");
    }

    @Test
    void mistralValidationIsA422WithDetail() {
        upstream.enqueue(Fault.mistralValidation());

        HttpResponse<String> response =
                Wire.post(upstream, "/v1/chat/completions", "{\"model\":\"mistral-small-latest\"}", OPENAI);

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode detail = Wire.json(response).path("detail").get(0);
        assertThat(detail.path("type").asText()).isEqualTo("missing");
        assertThat(detail.path("loc")).extracting(JsonNode::asText).containsExactly("body", "messages");
        assertThat(detail.path("msg").asText()).isEqualTo("Field required");
        assertThat(detail.path("input").path("model").asText()).isEqualTo("mistral-small-latest");
    }

    @Test
    void mistralErrorUsesMistralsShape() {
        upstream.enqueue(Fault.mistralError(429, "rate_limited", "Requests rate limit exceeded", "1300"));

        HttpResponse<String> response =
                Wire.post(upstream, "/v1/chat/completions", Wire.openAiBody("x", false), OPENAI);

        assertThat(response.statusCode()).isEqualTo(429);
        JsonNode error = Wire.json(response);
        assertThat(error.path("object").asText()).isEqualTo("error");
        assertThat(error.path("message").asText()).isEqualTo("Requests rate limit exceeded");
        assertThat(error.path("type").asText()).isEqualTo("rate_limited");
        assertThat(error.get("param").isNull()).isTrue();
        assertThat(error.path("code").asText()).isEqualTo("1300");
    }

    @Test
    void invalidRequestSpeaksTheOpenAiShapeOnOpenAiPaths() {
        upstream.enqueue(Fault.invalidRequest("nope"));

        HttpResponse<String> response =
                Wire.post(upstream, "/v1/chat/completions", Wire.openAiBody("x", false), OPENAI);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = Wire.json(response).path("error");
        assertThat(error.path("message").asText()).isEqualTo("nope");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void rejectsNonsensicalFaults() {
        assertThatThrownBy(() -> Fault.disconnectAfterEvents(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.stallBeforeHeaders(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.status(42, "", Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    record Partial(String body, Throwable failure) {}

    /** Reads a streamed body until it ends or fails, keeping what arrived. */
    static Partial readUntilFailure(HttpRequest.Builder request) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try {
            HttpResponse<InputStream> response =
                    Wire.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] buffer = new byte[256];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    received.write(buffer, 0, n);
                }
            }
            return new Partial(received.toString(StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            return new Partial(received.toString(StandardCharsets.UTF_8), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
