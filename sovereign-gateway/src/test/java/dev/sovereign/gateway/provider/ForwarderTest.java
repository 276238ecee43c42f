package dev.sovereign.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.config.ConfigLoader;
import dev.sovereign.config.ProviderConfig;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.egress.AnswerReaders;
import dev.sovereign.gateway.egress.UpstreamErrors;
import dev.sovereign.gateway.ingress.Ingress;
import dev.sovereign.gateway.wire.ErrorBodies;
import dev.sovereign.gateway.wire.Exchange;
import dev.sovereign.gateway.wire.InboundRequest;
import dev.sovereign.gateway.wire.Json;
import dev.sovereign.gateway.wire.Operation;
import dev.sovereign.gateway.wire.Outcome;
import dev.sovereign.testing.FakeUpstream;
import dev.sovereign.testing.Fault;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forwarder on its own, without the gateway's server: one attempt against the fake upstream over a real socket,
 * with the client's side recorded ({@link RecordingClient}): a whole answer and a stream relayed with their usage read,
 * and an upstream's rate limit answered in the client's format with its retry hint.
 */
class ForwarderTest {
    @TempDir
    static Path dir;

    static Vertx vertx;
    static FakeUpstream upstream;
    static ProviderConfig provider;
    static Upstream target;
    static Forwarder forwarder;
    static Ingress ingress;
    static ErrorBodies errors;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        upstream = FakeUpstream.start();
        Files.writeString(dir.resolve("providers.yaml"), """
                providers:
                  - id: local
                    kind: openai-compatible
                    endpoint: %s/v1
                    api_key_env: OPENAI_API_KEY
                    region: local
                    models: [{pattern: "*"}]
                """.formatted(upstream.baseUrl()));
        provider = new ConfigLoader(Map.of("OPENAI_API_KEY", "sk-test"))
                .load(dir)
                .providers()
                .get(0);
        Json json = new Json(64);
        ingress = new Ingress(json);
        errors = new ErrorBodies(json);
        ProviderAdapter adapter =
                ProviderAdapters.create(provider, new BodyRewriter(json), json, vertx, Clock.systemUTC(), Map.of());
        target = new Upstream(adapter, vertx.createHttpClient());
        forwarder = new Forwarder(vertx, json, new AnswerReaders(json, new UpstreamErrors(json, errors)), 1 << 26);
    }

    @AfterAll
    static void stop() {
        upstream.close();
        vertx.close();
    }

    @BeforeEach
    void reset() {
        upstream.reset();
    }

    private static Outcome forward(RecordingClient client, boolean stream) throws Exception {
        String body = "{\"model\":\"llama3\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Hello there\"}]}";
        InboundRequest request = ingress.parse(Operation.CHAT_COMPLETIONS, Buffer.buffer(body), null);
        Exchange exchange = new Exchange(client.request(), "sgw_test", System.nanoTime(), WireFormat.OPENAI, errors);
        UpstreamRequest prepared = target.adapter().prepare(request, "llama3", client.requestHeaders);
        Forwarder.Attempt attempt = new Forwarder.Attempt(
                request, provider.id(), target.client(), provider.timeouts(), prepared, null, null, null);
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        vertx.runOnContext(v -> forwarder.forward(exchange, attempt).onComplete(ar -> outcome.complete(ar.result())));
        Outcome o = outcome.get(10, TimeUnit.SECONDS);
        client.ended.get(10, TimeUnit.SECONDS);
        return o;
    }

    @Test
    void aWholeAnswerIsRelayedWithItsUsageAndRequestId() throws Exception {
        RecordingClient client = new RecordingClient();
        Outcome outcome = forward(client, false);
        assertThat(client.status).isEqualTo(200);
        assertThat(client.headers.get("content-type")).startsWith("application/json");
        assertThat(client.headers.get("x-request-id"))
                .as("the upstream's request id")
                .isNotBlank();
        JsonNode answer = new ObjectMapper().readTree(client.body.toString());
        assertThat(answer.path("choices")
                        .path(0)
                        .path("message")
                        .path("content")
                        .asText())
                .isNotBlank();
        assertThat(outcome.status()).isEqualTo(200);
        assertThat(outcome.errorKey()).isNull();
        assertThat(outcome.usage().inputTokens())
                .isEqualTo(answer.path("usage").path("prompt_tokens").asLong());
        assertThat(upstream.takeRequest(Duration.ofSeconds(5)).bodyAsString()).contains("\"model\":\"llama3\"");
    }

    @Test
    void aStreamIsRelayedFrameByFrameAndItsUsageRead() throws Exception {
        RecordingClient client = new RecordingClient();
        Outcome outcome = forward(client, true);
        assertThat(client.status).isEqualTo(200);
        assertThat(client.headers.get("content-type")).startsWith("text/event-stream");
        assertThat(client.chunked).isTrue();
        assertThat(client.body.toString())
                .startsWith("data: ")
                .contains("\"delta\"")
                .endsWith("data: [DONE]\n\n");
        assertThat(outcome.streamed()).isTrue();
        assertThat(outcome.usage().known())
                .as("read from the usage chunk the gateway asked for")
                .isTrue();
        assertThat(client.body.toString())
                .as("the usage chunk the client did not ask for is not relayed")
                .doesNotContain("\"prompt_tokens\"");
    }

    @Test
    void anUpstreamRateLimitIsAnsweredInTheClientsFormatWithItsRetryHint() throws Exception {
        upstream.enqueue(Fault.rateLimited(Duration.ofSeconds(2)));
        RecordingClient client = new RecordingClient();
        Outcome outcome = forward(client, false);
        assertThat(client.status).isEqualTo(429);
        assertThat(client.headers.get("retry-after")).isEqualTo("2");
        assertThat(client.headers.get(Exchange.ERROR_KEY)).isEqualTo("upstream.429");
        JsonNode error = new ObjectMapper().readTree(client.body.toString()).path("error");
        assertThat(error.path("type").asText()).isNotBlank();
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(outcome.status()).isEqualTo(429);
        assertThat(outcome.errorKey()).isEqualTo("upstream.429");
    }
}
