package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.PermissionDeniedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.SseException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.Tool;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.testing.Fault;
import dev.sovereign.testing.RecordedRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official anthropic-java SDK against the gateway, in front of Claude on Vertex AI (the fake upstream's Vertex
 * mode). The gateway's Google token comes from the official Google auth library exchanging a service account's signed
 * JWT at the fake token endpoint.
 */
class VertexSdkTest {
    static final String MODELS_PATH = "/v1/projects/acme-prod-123/locations/europe-west1/publishers/anthropic/models/";

    static GatewayFixture fixture;
    static AnthropicClient client;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(Map.of(
                "vertex-sa.json",
                GoogleServiceAccount.keyFile("${UPSTREAM}"),
                "refused-sa.json",
                GoogleServiceAccount.keyFile("${UPSTREAM}/refused"),
                "providers.yaml",
                """
                providers:
                  - id: claude-vertex
                    kind: vertex
                    project: acme-prod-123
                    region: europe-west1
                    endpoint: ${UPSTREAM}
                    credentials_file: ${CONFIG_DIR}/vertex-sa.json
                    models:
                      - {pattern: claude-sonnet-4-5, upstream: "claude-sonnet-4-5@20250929"}
                  - id: vertex-without-token
                    kind: vertex
                    project: acme-prod-123
                    region: eu
                    endpoint: ${UPSTREAM}
                    credentials_file: ${CONFIG_DIR}/refused-sa.json
                    models:
                      - {pattern: claude-unauthorised}
                """));
        client = fixture.anthropicClient();
        // The first Google token is fetched in the background at start.
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.upstream().googleTokensIssued() >= 1);
        await().atMost(Duration.ofSeconds(20))
                .ignoreExceptions()
                .until(() ->
                        client.messages().create(params("warm up")).content().size() == 1);
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
                .model("claude-sonnet-4-5")
                .maxTokens(256)
                .addUserMessage(text)
                .build();
    }

    /** The next request the gateway sent to Vertex AI, past the refused provider's token retries in the background. */
    private static RecordedRequest upstream() {
        while (true) {
            RecordedRequest r = fixture.upstream().takeRequest(Duration.ofSeconds(5));
            if (!r.path().startsWith("/refused/")) return r;
        }
    }

    @Test
    void nonStreamingGoesToRawPredictWithAGoogleTokenAndTheVertexBody() {
        HttpResponseFor<Message> response = client.messages().withRawResponse().create(params("Bonjour de Lyon"));
        assertThat(response.parse().content().get(0).text().orElseThrow().text())
                .isEqualTo("Echo: Bonjour de Lyon");
        assertThat(response.headers().values("x-sovereign-route")).containsExactly("claude-vertex");

        RecordedRequest upstream = upstream();
        assertThat(upstream.path()).isEqualTo(MODELS_PATH + "claude-sonnet-4-5@20250929:rawPredict");
        assertThat(upstream.header("authorization")).startsWith("Bearer ya29.fake-");
        assertThat(upstream.header("x-api-key")).isNull();
        JsonNode body = upstream.json();
        assertThat(body.has("model")).isFalse();
        assertThat(body.path("anthropic_version").asText()).isEqualTo("vertex-2023-10-16");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
    }

    @Test
    void theTrailRecordsTheEuRegionOfTheDeployment() {
        client.messages().create(params("audit me"));
        JsonNode route = AzureOpenAiSdkTest.lastDecisionOf(fixture, "claude-vertex");
        assertThat(route.path("region").asText()).isEqualTo("europe-west1");
        assertThat(route.path("jurisdiction").asText()).isEqualTo("us"); // Google: a US operator, EU processing
    }

    @Test
    void streamingGoesToStreamRawPredictAndKeepsStream() {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream =
                client.messages().createStreaming(params("stream from Vertex please"))) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message message = accumulator.message();
        assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo("Echo: stream from Vertex please");
        assertThat(message.usage().outputTokens()).isEqualTo(5);

        RecordedRequest upstream = upstream();
        assertThat(upstream.path()).isEqualTo(MODELS_PATH + "claude-sonnet-4-5@20250929:streamRawPredict");
        assertThat(upstream.json().path("stream").asBoolean()).isTrue();
    }

    @Test
    void toolUseStreamsItsInputAsJson() {
        MessageCreateParams params = MessageCreateParams.builder()
                .model("claude-sonnet-4-5")
                .maxTokens(256)
                .addTool(Tool.builder()
                        .name("get_weather")
                        .inputSchema(Tool.InputSchema.builder()
                                .properties(Tool.InputSchema.Properties.builder()
                                        .putAdditionalProperty("location", JsonValue.from(Map.of("type", "string")))
                                        .build())
                                .build())
                        .build())
                .addUserMessage("What is the weather in Paris?")
                .build();
        Message nonStreaming = client.messages().create(params);
        assertThat(nonStreaming.content().get(0).toolUse().orElseThrow().name()).isEqualTo("get_weather");
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        var toolUse = accumulator.message().content().get(0).toolUse().orElseThrow();
        assertThat(toolUse._input().toString()).contains("Paris");
    }

    @Test
    void betaFeaturesPassAsTheHeaderTheOfficialSdksSend() {
        client.beta()
                .messages()
                .create(com.anthropic.models.beta.messages.MessageCreateParams.builder()
                        .model("claude-sonnet-4-5")
                        .maxTokens(64)
                        .addBeta("context-management-2025-06-27")
                        .addUserMessage("beta on Vertex")
                        .build());
        RecordedRequest upstream = upstream();
        assertThat(upstream.header("anthropic-beta")).isEqualTo("context-management-2025-06-27");
        assertThat(upstream.query()).isNull();
        assertThat(upstream.path()).endsWith(":rawPredict");
    }

    @Test
    void countTokensIsAnsweredByVertexWithTheModelInTheBody() {
        long tokens = client.messages()
                .countTokens(MessageCountTokensParams.builder()
                        .model("claude-sonnet-4-5")
                        .addUserMessage("count me on Vertex")
                        .build())
                .inputTokens();
        assertThat(tokens).isPositive();
        RecordedRequest upstream = upstream();
        assertThat(upstream.path()).isEqualTo(MODELS_PATH + "count-tokens:rawPredict");
        assertThat(upstream.json().path("model").asText()).isEqualTo("claude-sonnet-4-5@20250929");
    }

    @Test
    void quotaExhaustionIsARateLimitError() {
        fixture.upstream().enqueue(Fault.rateLimited(Duration.ofSeconds(3)));
        assertThatThrownBy(() -> client.messages().create(params("too fast")))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.body().toString())
                            .contains("rate_limit_error")
                            .contains("upstream.429")
                            .contains("Quota exceeded");
                    assertThat(e.headers().values("x-sovereign-error")).containsExactly("upstream.429");
                });
    }

    @Test
    void permissionDeniedInGooglesArrayFormIsAPermissionError() {
        fixture.upstream()
                .enqueue(Fault.googleError(
                        403,
                        "PERMISSION_DENIED",
                        "Permission 'aiplatform.endpoints.predict' denied on resource",
                        true));
        assertThatThrownBy(() -> client.messages().create(params("may I?")))
                .isInstanceOfSatisfying(
                        PermissionDeniedException.class,
                        e -> assertThat(e.body().toString())
                                .contains("permission_error")
                                .contains("aiplatform.endpoints.predict"));
    }

    @Test
    void anUnknownModelIsNotFound() {
        fixture.upstream().enqueue(Fault.googleError(404, "NOT_FOUND", "Publisher Model was not found.", false));
        assertThatThrownBy(() -> client.messages().create(params("which model?")))
                .isInstanceOfSatisfying(
                        AnthropicServiceException.class,
                        e -> assertThat(e.body().toString()).contains("not_found_error"));
    }

    @Test
    void modelErrorsInAnthropicFormatPassAsTheyCame() {
        fixture.upstream().enqueue(Fault.overloaded());
        assertThatThrownBy(() -> client.messages().create(params("busy")))
                .isInstanceOfSatisfying(AnthropicServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(529);
                    assertThat(e.body().toString()).contains("overloaded_error");
                });
    }

    @Test
    void aDisconnectMidStreamIsAnInStreamError() {
        fixture.upstream().enqueue(Fault.disconnectAfterEvents(3));
        assertThatThrownBy(() -> {
                    try (StreamResponse<RawMessageStreamEvent> stream =
                            client.messages().createStreaming(params("cut the wire"))) {
                        stream.stream().forEach(e -> {});
                    }
                })
                .isInstanceOfSatisfying(
                        SseException.class,
                        e -> assertThat(e.body().toString()).contains("sovereign.upstream_disconnected"));
    }

    @Test
    void withoutAGoogleTokenTheRequestFailsCleanlyAndNothingIsSent() {
        assertThatThrownBy(() -> client.messages()
                        .create(MessageCreateParams.builder()
                                .model("claude-unauthorised")
                                .maxTokens(16)
                                .addUserMessage("no token for me")
                                .build()))
                .isInstanceOfSatisfying(AnthropicServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.headers().values("x-sovereign-error"))
                            .containsExactly("sovereign.upstream_auth_unavailable");
                    assertThat(e.body().toString()).doesNotContain("no token for me");
                });
        assertThat(fixture.upstream().requests()).noneMatch(r -> r.path().startsWith("/v1/projects/"));
    }
}
