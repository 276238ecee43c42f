package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
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
import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.testing.BedrockException;
import dev.sovereign.testing.FakeUpstream;
import dev.sovereign.testing.Fault;
import dev.sovereign.testing.RecordedRequest;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official anthropic-java SDK against the gateway, in front of Claude on Bedrock (the fake upstream's Bedrock
 * mode, which checks every SigV4 signature): answers whole and streamed, tool use, pseudonyms restored through the
 * event stream, and each Bedrock exception as the Anthropic error the SDK expects.
 */
class BedrockSdkTest {
    static final String EU_SONNET = "eu.anthropic.claude-sonnet-4-5-20250929-v1:0";
    static final String PROVIDERS = """
            providers:
              - id: bedrock-eu
                kind: bedrock
                region: eu-central-1
                endpoint: ${UPSTREAM}
                models:
                  - {pattern: claude-sonnet-4-5, upstream: %s}
                # every fault below is scripted on purpose: the breaker would otherwise open half-way
                resilience: {circuit_breaker: {enabled: false}}
            """.formatted(EU_SONNET);
    static final String POLICY = """
            rules:
              - id: personal-data-pseudonymized
                when: categories.exists(c, c.startsWith('pii.'))
                action: redact
                mode: pseudonymize
                categories: [pii.*]
              - id: rest
                action: forward
            """;
    static final Map<String, String> AWS_ENV = Map.of(
            "AWS_ACCESS_KEY_ID", FakeUpstream.AWS_ACCESS_KEY_ID,
            "AWS_SECRET_ACCESS_KEY", FakeUpstream.AWS_SECRET_ACCESS_KEY);

    static GatewayFixture fixture;
    static AnthropicClient client;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(Map.of("providers.yaml", PROVIDERS, "policy.yaml", POLICY), AWS_ENV);
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

    static MessageCreateParams params(String text) {
        return MessageCreateParams.builder()
                .model("claude-sonnet-4-5")
                .maxTokens(256)
                .addUserMessage(text)
                .build();
    }

    static Message streamed(MessageCreateParams params) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.message();
    }

    static RecordedRequest upstreamRequest() {
        return fixture.upstream().takeRequest(Duration.ofSeconds(5));
    }

    @Test
    void aWholeAnswerComesFromTheSignedInvokeOfTheMappedProfile() {
        HttpResponseFor<Message> response = client.messages().withRawResponse().create(params("Bonjour from Lyon"));
        Message message = response.parse();
        assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo("Echo: Bonjour from Lyon");
        assertThat(message.usage().inputTokens()).isPositive();
        assertThat(response.headers().values("x-sovereign-route")).containsExactly("bedrock-eu");
        assertThat(response.headers().values("x-amzn-requestid")).hasSize(1);

        RecordedRequest up = upstreamRequest();
        assertThat(up.path()).isEqualTo("/model/eu.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke");
        assertThat(up.header("authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=" + FakeUpstream.AWS_ACCESS_KEY_ID + "/")
                .contains("/eu-central-1/bedrock/aws4_request");
        assertThat(up.header("x-api-key")).isNull();
        assertThat(up.header("anthropic-version")).isNull();
        JsonNode body = up.json();
        assertThat(body.path("anthropic_version").asText()).isEqualTo("bedrock-2023-05-31");
        assertThat(body.has("model")).isFalse();
        assertThat(body.has("stream")).isFalse();
    }

    @Test
    void aStreamIsRelayedEventByEventAndAccumulatesToTheWholeMessage() {
        Message message = streamed(params("stream these words please"));
        assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo("Echo: stream these words please");
        assertThat(message.usage().outputTokens()).isEqualTo(5);
        assertThat(message.stopReason()).isPresent();
        assertThat(upstreamRequest().path()).endsWith("/invoke-with-response-stream");
    }

    @Test
    void aToolCallStreamsItsInputAsJson() {
        MessageCreateParams params = MessageCreateParams.builder()
                .model("claude-sonnet-4-5")
                .maxTokens(256)
                .addTool(Tool.builder()
                        .name("get_weather")
                        .description("Current weather")
                        .inputSchema(Tool.InputSchema.builder()
                                .properties(JsonValue.from(Map.of("location", Map.of("type", "string"))))
                                .build())
                        .build())
                .addUserMessage("What is the weather in Paris?")
                .build();
        var toolUse = streamed(params).content().get(0).toolUse().orElseThrow();
        assertThat(toolUse.name()).isEqualTo("get_weather");
        assertThat(toolUse._input().toString()).contains("Paris");
    }

    @Test
    void personalDataLeavesAsPlaceholdersAndComesBackThroughTheEventStream() {
        String email = "jane.doe@example.org";
        Message message = streamed(params("Please write to " + email + " today, " + email + "."));
        assertThat(message.content().get(0).text().orElseThrow().text())
                .isEqualTo("Echo: Please write to " + email + " today, " + email + ".");
        String sent = upstreamRequest().bodyAsString();
        assertThat(sent).doesNotContain(email).contains("⟦EMAIL_1⟧");
    }

    @Test
    void betaHeadersTravelInTheBodyAsBedrockTakesThem() {
        var beta = client.beta()
                .messages()
                .create(com.anthropic.models.beta.messages.MessageCreateParams.builder()
                        .model("claude-sonnet-4-5")
                        .maxTokens(64)
                        .addBeta("context-management-2025-06-27")
                        .addUserMessage("beta path")
                        .build());
        assertThat(beta.content().get(0).text().orElseThrow().text()).isEqualTo("Echo: beta path");
        RecordedRequest up = upstreamRequest();
        assertThat(up.header("anthropic-beta")).isNull();
        assertThat(up.json().path("anthropic_beta").toString()).isEqualTo("[\"context-management-2025-06-27\"]");
    }

    @Test
    void countTokensIsEstimatedByTheGateway() {
        var count = client.messages()
                .withRawResponse()
                .countTokens(MessageCountTokensParams.builder()
                        .model("claude-sonnet-4-5")
                        .addUserMessage("count me in")
                        .build());
        assertThat(count.parse().inputTokens()).isPositive();
        assertThat(count.headers().values("x-sovereign-estimate")).containsExactly("true");
        assertThat(fixture.upstream().requests()).isEmpty();
    }

    /** The SDK's error for one scripted Bedrock exception: its status and Anthropic error type. */
    static void failsWith(Fault fault, Class<? extends AnthropicServiceException> type, int status, String errorType) {
        fixture.upstream().enqueue(fault);
        assertThatThrownBy(() -> client.messages().create(params("fault"))).isInstanceOfSatisfying(type, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.body().toString()).contains(errorType);
            assertThat(e.headers().values("x-amzn-requestid")).hasSize(1);
        });
    }

    @Test
    void throttlingIsARateLimitError() {
        failsWith(Fault.rateLimited(Duration.ofSeconds(1)), RateLimitException.class, 429, "rate_limit_error");
    }

    @Test
    void aValidationExceptionIsAnInvalidRequestWithBedrocksWords() {
        failsWith(Fault.bedrock(BedrockException.VALIDATION), BadRequestException.class, 400, "invalid_request_error");
    }

    @Test
    void aModelTimeoutIsATimeoutError() {
        failsWith(Fault.bedrock(BedrockException.MODEL_TIMEOUT), AnthropicServiceException.class, 504, "timeout_error");
    }

    @Test
    void anUnavailableServiceIsOverloaded() {
        failsWith(
                Fault.bedrock(BedrockException.SERVICE_UNAVAILABLE),
                AnthropicServiceException.class,
                529,
                "overloaded_error");
    }

    static void streamFailsWith(Fault fault, Consumer<SseException> check) {
        fixture.upstream().enqueue(fault);
        assertThatThrownBy(() -> streamed(params("fail midway please")))
                .isInstanceOfSatisfying(SseException.class, check);
    }

    @Test
    void anInStreamThrottlingExceptionIsAnInStreamRateLimitError() {
        streamFailsWith(
                Fault.bedrockInStream(BedrockException.THROTTLING, 3),
                e -> assertThat(e.body().toString()).contains("rate_limit_error"));
    }

    @Test
    void anInStreamModelErrorIsAnInStreamApiError() {
        streamFailsWith(
                Fault.bedrockInStream(BedrockException.MODEL_STREAM_ERROR, 2),
                e -> assertThat(e.body().toString())
                        .contains("api_error")
                        .contains(BedrockException.MODEL_STREAM_ERROR.message()));
    }

    @Test
    void aDisconnectMidStreamIsAnInStreamErrorWithAStableKey() {
        streamFailsWith(
                Fault.disconnectAfterEvents(3),
                e -> assertThat(e.body().toString()).contains("sovereign.upstream_disconnected"));
    }

    @Test
    void openAiFormatClientsAreServedByClaudeOnBedrockThroughTranslation() {
        com.openai.client.OpenAIClient openAi = fixture.openAiClient();
        try {
            var completion = openAi.chat()
                    .completions()
                    .create(com.openai.models.chat.completions.ChatCompletionCreateParams.builder()
                            .model("claude-sonnet-4-5")
                            .addSystemMessage("Be brief.")
                            .addUserMessage("Write a haiku about rivers.")
                            .build());
            assertThat(completion.choices()).hasSize(1);
            assertThat(completion.choices().get(0).message().content())
                    .hasValueSatisfying(t -> assertThat(t).isNotBlank());
            assertThat(completion.usage())
                    .hasValueSatisfying(u -> assertThat(u.promptTokens()).isPositive());
        } finally {
            openAi.close();
        }
        RecordedRequest sent = fixture.upstream().takeRequest(Duration.ofSeconds(5));
        assertThat(sent.path()).isEqualTo("/model/" + EU_SONNET.replace(":", "%3A") + "/invoke");
        JsonNode body = sent.json();
        assertThat(body.path("anthropic_version").asText()).isEqualTo("bedrock-2023-05-31");
        assertThat(body.path("system").asText()).isEqualTo("Be brief.");
        assertThat(body.has("model")).isFalse();
        assertThat(sent.header("authorization")).startsWith("AWS4-HMAC-SHA256 ");
    }
}
