package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.SseException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.models.ModelInfo;
import dev.sovereign.testing.Fault;
import dev.sovereign.testing.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official anthropic-java SDK against the gateway, in front of an Anthropic-format upstream. */
class AnthropicSdkTest {
    static GatewayFixture fixture;
    static AnthropicClient client;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start();
        client = fixture.anthropicClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        fixture.close();
    }

    @BeforeEach
    void reset() {
        fixture.upstream().reset();
    }

    private static MessageCreateParams params(String text) {
        return MessageCreateParams.builder()
                .model("claude-sonnet-4-5-20250929")
                .maxTokens(256)
                .addUserMessage(text)
                .build();
    }

    @Test
    void nonStreamingAnswerArrivesWithGatewayHeadersAndUpstreamCredentials() {
        HttpResponseFor<Message> response = client.messages().withRawResponse().create(params("Bonjour from Lyon"));
        Message message = response.parse();

        assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo("Echo: Bonjour from Lyon");
        assertThat(message.usage().outputTokens()).isPositive();
        assertThat(response.headers().values("x-sovereign-request-id"))
                .singleElement()
                .asString()
                .startsWith("sgw_");
        assertThat(response.headers().values("x-sovereign-route")).containsExactly("anthropic");
        assertThat(response.headers().values("x-sovereign-rule")).containsExactly("everything-else");

        RecordedRequest upstream = fixture.upstream().takeRequest(Duration.ofSeconds(5));
        assertThat(upstream.path()).isEqualTo("/v1/messages");
        assertThat(upstream.header("x-api-key")).isEqualTo(GatewayFixture.ANTHROPIC_KEY);
        assertThat(upstream.header("anthropic-version")).isIn("2023-06-01", "2026-10-21");
        assertThat(upstream.header("authorization")).isNull();
        assertThat(upstream.json().path("model").asText()).isEqualTo("claude-sonnet-4-5-20250929");
    }

    @Test
    void streamingRelaysEveryEventAndTheAccumulatedMessageIsComplete() {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream =
                client.messages().createStreaming(params("stream these words please"))) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message message = accumulator.message();
        assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo("Echo: stream these words please");
        assertThat(message.usage().outputTokens()).isEqualTo(5);
        assertThat(message.stopReason()).isPresent();
    }

    @Test
    void toolUseStreamsItsInputAsJson() {
        MessageCreateParams params = MessageCreateParams.builder()
                .model("claude-sonnet-4-5-20250929")
                .maxTokens(256)
                .addTool(Tool.builder()
                        .name("get_weather")
                        .description("Current weather")
                        .inputSchema(Tool.InputSchema.builder()
                                .properties(
                                        com.anthropic.core.JsonValue.from(Map.of("location", Map.of("type", "string"))))
                                .build())
                        .build())
                .addUserMessage("What is the weather in Paris?")
                .build();
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        var toolUse = accumulator.message().content().get(0).toolUse().orElseThrow();
        assertThat(toolUse.name()).isEqualTo("get_weather");
        assertThat(toolUse._input().toString()).contains("Paris");
    }

    @Test
    void betaHeaderPassesThroughUntouched() {
        var beta = client.beta()
                .messages()
                .create(com.anthropic.models.beta.messages.MessageCreateParams.builder()
                        .model("claude-sonnet-4-5-20250929")
                        .maxTokens(64)
                        .addBeta("context-management-2025-06-27")
                        .addUserMessage("beta path")
                        .build());
        assertThat(beta.content().get(0).text().orElseThrow().text()).isEqualTo("Echo: beta path");
        RecordedRequest upstream = fixture.upstream().takeRequest(Duration.ofSeconds(5));
        assertThat(upstream.header("anthropic-beta")).isEqualTo("context-management-2025-06-27");
    }

    @Test
    void countTokensIsAnsweredByTheUpstream() {
        long tokens = client.messages()
                .countTokens(MessageCountTokensParams.builder()
                        .model("claude-sonnet-4-5-20250929")
                        .addUserMessage("count me in")
                        .build())
                .inputTokens();
        assertThat(tokens).isPositive();
        assertThat(fixture.upstream().takeRequest(Duration.ofSeconds(5)).path()).isEqualTo("/v1/messages/count_tokens");
    }

    @Test
    void modelsAreListedInAnthropicShape() {
        List<ModelInfo> models = client.models().list().data();
        assertThat(models).extracting(ModelInfo::id).contains("claude-sonnet-4-5-20250929");
        assertThat(client.models().retrieve("claude-sonnet-4-5-20250929").id()).isEqualTo("claude-sonnet-4-5-20250929");
    }

    @Test
    void rateLimitKeepsStatusAndRetryHeaders() {
        fixture.upstream().enqueue(Fault.rateLimited(Duration.ofSeconds(7)));
        assertThatThrownBy(() -> client.messages().create(params("too fast")))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.headers().values("retry-after")).containsExactly("7");
                    assertThat(e.headers().values("x-should-retry")).containsExactly("true");
                });
    }

    @Test
    void overloadedUpstreamIs529() {
        fixture.upstream().enqueue(Fault.overloaded());
        assertThatThrownBy(() -> client.messages().create(params("busy")))
                .isInstanceOfSatisfying(
                        AnthropicServiceException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(529));
    }

    @Test
    void badRequestNamesTheFieldWithAStableKey() {
        MessageCreateParams params = MessageCreateParams.builder()
                .model("claude-sonnet-4-5-20250929")
                .maxTokens(16)
                .messages(List.of())
                .build();
        assertThatThrownBy(() -> client.messages().create(params))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.body().toString()).contains("messages: must contain at least one message");
                    assertThat(e.body().toString()).contains("sovereign.invalid_request");
                });
        assertThat(fixture.upstream().requests()).isEmpty();
    }

    @Test
    void midStreamUpstreamErrorEventReachesTheSdk() {
        fixture.upstream().enqueue(Fault.errorEventAfterEvents(3));
        assertThatThrownBy(() -> {
                    try (StreamResponse<RawMessageStreamEvent> stream =
                            client.messages().createStreaming(params("fail midway"))) {
                        stream.stream().forEach(e -> {});
                    }
                })
                .isInstanceOf(SseException.class)
                .hasMessageContaining("overloaded");
    }

    @Test
    void upstreamDisconnectMidStreamBecomesAnInStreamErrorWithAStableKey() {
        fixture.upstream().enqueue(Fault.disconnectAfterEvents(3));
        assertThatThrownBy(() -> {
                    try (StreamResponse<RawMessageStreamEvent> stream =
                            client.messages().createStreaming(params("cut the wire now"))) {
                        stream.stream().forEach(e -> {});
                    }
                })
                .isInstanceOf(SseException.class)
                .satisfies(e ->
                        assertThat(((SseException) e).body().toString()).contains("sovereign.upstream_disconnected"));
    }
}
