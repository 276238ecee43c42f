package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.RateLimitException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import dev.sovereign.testing.Fault;
import dev.sovereign.testing.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official openai-java SDK against the gateway, in front of a Mistral endpoint (the fake upstream's Mistral mode,
 * which refuses unknown fields with 422 as Mistral does): OpenAI's fields reach Mistral under Mistral's names, and
 * Mistral's errors reach the client in OpenAI's format.
 */
class MistralSdkTest {
    static GatewayFixture fixture;
    static OpenAIClient client;

    @BeforeAll
    static void start() {
        fixture =
                GatewayFixture.start(Map.of("providers.yaml", """
                        providers:
                          - id: mistral-eu
                            kind: openai-compatible
                            endpoint: ${UPSTREAM}/mistral/v1
                            dialect: mistral
                            region: eu
                            profile: mistral
                            api_key_env: MISTRAL_API_KEY
                            models:
                              - {pattern: "mistral-*"}
                        """), Map.of("MISTRAL_API_KEY", "mistral-upstream-key"));
        client = fixture.openAiClient();
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

    private static ChatCompletionCreateParams.Builder params(String text) {
        return ChatCompletionCreateParams.builder()
                .model("mistral-small-latest")
                .addUserMessage(text);
    }

    private static JsonNode upstreamBody() {
        RecordedRequest upstream = fixture.upstream().takeRequest(Duration.ofSeconds(5));
        assertThat(upstream.path()).isEqualTo("/mistral/v1/chat/completions");
        assertThat(upstream.header("authorization")).isEqualTo("Bearer mistral-upstream-key");
        return upstream.json();
    }

    @Test
    @SuppressWarnings("deprecation") // seed and user: OpenAI deprecates them, clients still send them
    void seedAndMaxCompletionTokensGoUnderMistralsNames() {
        ChatCompletion completion = client.chat()
                .completions()
                .create(params("Bonjour de Paris")
                        .seed(42)
                        .maxCompletionTokens(64)
                        .user("end-user-7")
                        .build());
        assertThat(completion.choices().get(0).message().content()).contains("Echo: Bonjour de Paris");
        JsonNode body = upstreamBody();
        assertThat(body.path("random_seed").asInt()).isEqualTo(42);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.has("seed")).isFalse();
        assertThat(body.has("max_completion_tokens")).isFalse();
        assertThat(body.has("user")).isFalse();
    }

    @Test
    void toolChoiceRequiredIsMistralsAny() {
        ChatCompletionFunctionTool tool = ChatCompletionFunctionTool.builder()
                .function(FunctionDefinition.builder()
                        .name("get_weather")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty(
                                        "properties", JsonValue.from(Map.of("location", Map.of("type", "string"))))
                                .build())
                        .build())
                .build();
        ChatCompletion completion = client.chat()
                .completions()
                .create(params("what is the weather in Paris")
                        .addTool(tool)
                        .toolChoice(ChatCompletionToolChoiceOption.Auto.REQUIRED)
                        .build());
        assertThat(completion.choices().get(0).message().toolCalls().orElseThrow())
                .singleElement()
                .satisfies(call -> assertThat(
                                call.function().orElseThrow().function().name())
                        .isEqualTo("get_weather"));
        assertThat(upstreamBody().path("tool_choice").asText()).isEqualTo("any");
    }

    @Test
    void streamingTakesUsageFromTheLastChunkWithoutAskingForIt() {
        StringBuilder text = new StringBuilder();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                .completions()
                .createStreaming(params("one two three")
                        .streamOptions(ChatCompletionStreamOptions.builder()
                                .includeUsage(true)
                                .build())
                        .build())) {
            stream.stream().forEach(chunk -> {
                chunks.add(chunk);
                chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append));
            });
        }
        assertThat(text.toString()).isEqualTo("Echo: one two three");
        // Mistral reports usage on the finishing chunk, beside its choice.
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.usage().orElseThrow().completionTokens()).isEqualTo(4);
        assertThat(last.choices()).isNotEmpty();
        assertThat(upstreamBody().has("stream_options")).isFalse();
    }

    @Test
    void aValidationErrorIsABadRequestInOpenAiFormatThatNeverEchoesTheInput() {
        fixture.upstream().enqueue(Fault.mistralValidation());
        assertThatThrownBy(() -> client.chat()
                        .completions()
                        .create(params("secret prompt text").build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("body.messages: Field required");
                    assertThat(e.code()).contains("upstream.422");
                    assertThat(e.body().toString()).doesNotContain("secret prompt text");
                });
    }

    @Test
    void aFieldMistralDoesNotKnowIsNamedInTheClientsFormat() {
        assertThatThrownBy(() -> client.chat()
                        .completions()
                        .create(params("with logit bias")
                                .logitBias(ChatCompletionCreateParams.LogitBias.builder()
                                        .putAdditionalProperty("50256", JsonValue.from(-100))
                                        .build())
                                .build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.getMessage()).contains("body.logit_bias: Extra inputs are not permitted");
                    assertThat(e.body().toString()).doesNotContain("50256");
                });
    }

    @Test
    void aRateLimitKeepsItsStatus() {
        fixture.upstream().enqueue(Fault.rateLimited(Duration.ofSeconds(2)));
        assertThatThrownBy(() ->
                        client.chat().completions().create(params("too fast").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.getMessage()).contains("Requests rate limit exceeded");
                    assertThat(e.headers().values("retry-after")).containsExactly("2");
                });
    }
}
