package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolUseBlock;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.SseException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
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
 * The official SDKs served through translation: anthropic-java by an OpenAI-compatible model, openai-java by
 * Claude on an Anthropic-format provider that does not take OpenAI requests. Streaming and not, tool calls, errors,
 * and personal data pseudonymized on the way out and restored on the way back.
 */
class TranslationSdkTest {
    static final String PROVIDERS = """
            providers:
              - id: claude
                kind: anthropic
                endpoint: ${UPSTREAM}
                api_key_env: ANTHROPIC_API_KEY
                formats: [anthropic]
                models: [{pattern: "claude-*"}]
              - id: local
                kind: openai-compatible
                endpoint: ${UPSTREAM}/v1
                api_key_env: OPENAI_API_KEY
                models: [{pattern: "llama*"}]
            """;
    static final String OPEN_MODEL = "llama3.1-8b";
    static final String CLAUDE = "claude-sonnet-4-5";
    static final String EMAIL = "jane.doe@example.org";

    static GatewayFixture fixture;
    static AnthropicClient anthropic;
    static OpenAIClient openai;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(Map.of("providers.yaml", PROVIDERS, "policy.yaml", PseudonymizationTest.POLICY));
        anthropic = fixture.anthropicClient();
        openai = fixture.openAiClient();
    }

    @AfterAll
    static void stop() {
        anthropic.close();
        openai.close();
        fixture.close();
    }

    @BeforeEach
    void reset() {
        fixture.upstream().reset();
    }

    // anthropic-java, served by an OpenAI-compatible model

    static MessageCreateParams.Builder anthropicParams(String text) {
        return MessageCreateParams.builder().model(OPEN_MODEL).maxTokens(256).addUserMessage(text);
    }

    static Tool weatherTool() {
        return Tool.builder()
                .name("get_weather")
                .description("Current weather")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(com.anthropic.core.JsonValue.from(Map.of("location", Map.of("type", "string"))))
                        .build())
                .build();
    }

    static Message accumulate(MessageCreateParams params) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.message();
    }

    @Test
    void anthropicSdkNonStreaming() {
        Message message =
                anthropic.messages().create(anthropicParams("Bonjour from Lyon").build());
        assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo("Echo: Bonjour from Lyon");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isPositive();
        assertThat(message.usage().outputTokens()).isEqualTo(4);
        assertThat(fixture.upstream().takeRequest(Duration.ofSeconds(5)).path()).isEqualTo("/v1/chat/completions");
    }

    @Test
    void anthropicSdkStreaming() {
        Message message =
                accumulate(anthropicParams("stream these words please").build());
        assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo("Echo: stream these words please");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().outputTokens()).isEqualTo(5);
        assertThat(message.usage().inputTokens())
                .as("known only at the end of an OpenAI stream")
                .isPositive();
    }

    @Test
    void anthropicSdkToolCallStreamedAndNot() {
        MessageCreateParams params = anthropicParams("What is the weather in Paris?")
                .addTool(weatherTool())
                .build();
        for (Message message : List.of(anthropic.messages().create(params), accumulate(params))) {
            ToolUseBlock use = message.content().get(0).toolUse().orElseThrow();
            assertThat(use.name()).isEqualTo("get_weather");
            assertThat(use.id()).isNotBlank();
            assertThat(use._input().convert(Map.class)).isEqualTo(Map.of("location", "Paris"));
            assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
        }
        RecordedRequest upstream = fixture.upstream().takeRequest(Duration.ofSeconds(5));
        assertThat(upstream.json()
                        .path("tools")
                        .path(0)
                        .path("function")
                        .path("name")
                        .asText())
                .isEqualTo("get_weather");
    }

    @Test
    void anthropicSdkGetsItsPersonalDataBackFromAnOpenAiModel() {
        String prompt = "Write to " + EMAIL + " today.";
        assertThat(anthropic
                        .messages()
                        .create(anthropicParams(prompt).build())
                        .content()
                        .get(0)
                        .text()
                        .orElseThrow()
                        .text())
                .isEqualTo("Echo: " + prompt);
        assertThat(accumulate(anthropicParams(prompt).build())
                        .content()
                        .get(0)
                        .text()
                        .orElseThrow()
                        .text())
                .isEqualTo("Echo: " + prompt);
        for (RecordedRequest up : fixture.upstream().requests()) {
            assertThat(up.path()).isEqualTo("/v1/chat/completions");
            assertThat(up.bodyAsString()).doesNotContain(EMAIL).contains("⟦EMAIL_1⟧");
        }
    }

    @Test
    void anthropicSdkErrorsComeInItsOwnShape() {
        fixture.upstream().enqueue(Fault.rateLimited(Duration.ofSeconds(7)));
        assertThatThrownBy(() ->
                        anthropic.messages().create(anthropicParams("too fast").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.headers().values("retry-after")).containsExactly("7");
                    assertThat(e.body().toString()).contains("rate_limit_error").contains("upstream.429");
                });
        fixture.upstream().enqueue(Fault.errorEventAfterEvents(3));
        assertThatThrownBy(
                        () -> accumulate(anthropicParams("fail midway please").build()))
                .isInstanceOf(com.anthropic.errors.SseException.class);
    }

    // openai-java, served by Claude on an Anthropic-format provider

    static ChatCompletionCreateParams.Builder openAiParams(String text) {
        return ChatCompletionCreateParams.builder().model(CLAUDE).addUserMessage(text);
    }

    static ChatCompletionFunctionTool functionTool() {
        return ChatCompletionFunctionTool.builder()
                .function(FunctionDefinition.builder()
                        .name("get_weather")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty(
                                        "properties", JsonValue.from(Map.of("location", Map.of("type", "string"))))
                                .build())
                        .build())
                .build();
    }

    static ChatCompletion accumulate(ChatCompletionCreateParams params) {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream =
                openai.chat().completions().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.chatCompletion();
    }

    @Test
    void openAiSdkNonStreaming() {
        ChatCompletion completion = openai.chat()
                .completions()
                .create(openAiParams("Hallo aus Berlin").build());
        assertThat(completion.choices().get(0).message().content()).contains("Echo: Hallo aus Berlin");
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(4);
        RecordedRequest upstream = fixture.upstream().takeRequest(Duration.ofSeconds(5));
        assertThat(upstream.path()).isEqualTo("/v1/messages");
        assertThat(upstream.header("x-api-key")).isEqualTo(GatewayFixture.ANTHROPIC_KEY);
        assertThat(upstream.json().path("max_tokens").asInt()).isEqualTo(4096);
    }

    @Test
    void openAiSdkStreamingWithAndWithoutTheUsageChunk() {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        try (com.openai.core.http.StreamResponse<ChatCompletionChunk> stream = openai.chat()
                .completions()
                .createStreaming(openAiParams("one two three")
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
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage().orElseThrow().completionTokens()).isEqualTo(4);

        ChatCompletion quiet = accumulate(openAiParams("quiet please").build());
        assertThat(quiet.choices().get(0).message().content()).contains("Echo: quiet please");
        assertThat(quiet.usage()).as("no usage chunk unless asked for").isEmpty();
    }

    @Test
    void openAiSdkToolCallStreamedAndNot() {
        ChatCompletionCreateParams params = openAiParams("What is the weather in Paris?")
                .addTool(functionTool())
                .build();
        for (ChatCompletion completion : List.of(openai.chat().completions().create(params), accumulate(params))) {
            ChatCompletion.Choice choice = completion.choices().get(0);
            assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
            ChatCompletionMessageFunctionToolCall call =
                    choice.message().toolCalls().orElseThrow().get(0).asFunction();
            assertThat(call.id()).isNotBlank();
            assertThat(call.function().name()).isEqualTo("get_weather");
            assertThat(TranslationMatrixTest.json(call.function().arguments()))
                    .isEqualTo(TranslationMatrixTest.paris());
        }
        RecordedRequest upstream = fixture.upstream().takeRequest(Duration.ofSeconds(5));
        assertThat(upstream.json()
                        .path("tools")
                        .path(0)
                        .path("input_schema")
                        .path("type")
                        .asText())
                .isEqualTo("object");
    }

    @Test
    void openAiSdkGetsItsPersonalDataBackFromClaude() {
        String prompt = "Write to " + EMAIL + " today.";
        assertThat(openai.chat()
                        .completions()
                        .create(openAiParams(prompt).build())
                        .choices()
                        .get(0)
                        .message()
                        .content())
                .contains("Echo: " + prompt);
        assertThat(accumulate(openAiParams(prompt).build())
                        .choices()
                        .get(0)
                        .message()
                        .content())
                .contains("Echo: " + prompt);
        for (RecordedRequest up : fixture.upstream().requests()) {
            assertThat(up.path()).isEqualTo("/v1/messages");
            assertThat(up.bodyAsString()).doesNotContain(EMAIL).contains("⟦EMAIL_1⟧");
        }
    }

    @Test
    void openAiSdkErrorsComeInItsOwnShape() {
        fixture.upstream().enqueue(Fault.overloaded());
        assertThatThrownBy(() ->
                        openai.chat().completions().create(openAiParams("busy").build()))
                .isInstanceOfSatisfying(OpenAIServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(529);
                    assertThat(e.body().toString()).contains("Overloaded").contains("server_error");
                });
        fixture.upstream().enqueue(Fault.errorEventAfterEvents(3));
        assertThatThrownBy(() -> accumulate(openAiParams("fail midway please").build()))
                .isInstanceOf(SseException.class);
    }
}
