package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.errors.SseException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
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

/** The official openai-java SDK against the gateway, in front of an OpenAI-format upstream. */
class OpenAiSdkTest {
    static GatewayFixture fixture;
    static OpenAIClient client;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start();
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
        return ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage(text);
    }

    @Test
    void nonStreamingCompletionUsesTheUpstreamKey() {
        ChatCompletion completion =
                client.chat().completions().create(params("Hallo aus Berlin").build());
        assertThat(completion.choices().get(0).message().content()).contains("Echo: Hallo aus Berlin");
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(4);
        RecordedRequest upstream = fixture.upstream().takeRequest(Duration.ofSeconds(5));
        assertThat(upstream.path()).isEqualTo("/v1/chat/completions");
        assertThat(upstream.header("authorization")).isEqualTo("Bearer " + GatewayFixture.OPENAI_KEY);
    }

    @Test
    void streamingWithIncludeUsageDeliversTheUsageChunk() {
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
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage().orElseThrow().completionTokens()).isEqualTo(4);
    }

    @Test
    void streamingWithoutIncludeUsageHidesTheUsageChunkTheGatewayAskedFor() {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                .completions()
                .createStreaming(params("quiet please").build())) {
            stream.stream().forEach(chunks::add);
        }
        assertThat(chunks).isNotEmpty().allSatisfy(c -> assertThat(c.choices()).isNotEmpty());
        RecordedRequest upstream = fixture.upstream().takeRequest(Duration.ofSeconds(5));
        assertThat(upstream.json().path("stream_options").path("include_usage").asBoolean())
                .isTrue();
    }

    @Test
    void toolCallArgumentsStreamAsJson() {
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
        StringBuilder arguments = new StringBuilder();
        String[] name = {null};
        try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                .completions()
                .createStreaming(
                        params("what is the weather in Paris").addTool(tool).build())) {
            stream.stream()
                    .flatMap(c -> c.choices().stream())
                    .flatMap(c -> c.delta().toolCalls().orElse(List.of()).stream())
                    .forEach(call -> call.function().ifPresent(f -> {
                        f.name().ifPresent(n -> name[0] = n);
                        f.arguments().ifPresent(arguments::append);
                    }));
        }
        assertThat(name[0]).isEqualTo("get_weather");
        assertThat(arguments.toString()).contains("\"location\"").contains("Paris");
    }

    @Test
    void embeddingsInFloatAndBase64AreTheSameVector() {
        CreateEmbeddingResponse floats = client.embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model("text-embedding-3-small")
                        .input("sovereign data")
                        .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                        .build());
        CreateEmbeddingResponse base64 = client.embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model("text-embedding-3-small")
                        .input("sovereign data")
                        .encodingFormat(EmbeddingCreateParams.EncodingFormat.BASE64)
                        .build());
        assertThat(floats.data().get(0).embedding())
                .isNotEmpty()
                .isEqualTo(base64.data().get(0).embedding());
        assertThat(fixture.upstream().requests())
                .extracting(RecordedRequest::path)
                .containsOnly("/v1/embeddings");
    }

    @Test
    void modelsAreListedInOpenAiShape() {
        List<Model> models = client.models().list().data();
        assertThat(models).extracting(Model::id).contains("gpt-4o-mini");
        assertThat(models)
                .filteredOn(m -> m.id().equals("gpt-4o-mini"))
                .extracting(Model::ownedBy)
                .containsExactly("openai");
    }

    @Test
    void rateLimitKeepsStatusAndRetryAfter() {
        fixture.upstream().enqueue(Fault.rateLimited(Duration.ofSeconds(3)));
        assertThatThrownBy(() ->
                        client.chat().completions().create(params("slow down").build()))
                .isInstanceOfSatisfying(
                        RateLimitException.class,
                        e -> assertThat(e.headers().values("retry-after")).containsExactly("3"));
    }

    @Test
    void mistralValidationErrorIsRewrittenInOpenAiShape() {
        fixture.upstream().enqueue(Fault.mistralValidation());
        assertThatThrownBy(() -> client.chat()
                        .completions()
                        .create(params("mistral says no").build()))
                .isInstanceOfSatisfying(OpenAIServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(422);
                    assertThat(e.body().toString()).contains("upstream.422").doesNotContain("\"detail\"");
                });
    }

    @Test
    void midStreamErrorReachesTheSdk() {
        fixture.upstream().enqueue(Fault.errorEventAfterEvents(2));
        assertThatThrownBy(() -> {
                    try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                            .completions()
                            .createStreaming(params("a b c d e f").build())) {
                        stream.stream().forEach(c -> {});
                    }
                })
                .isInstanceOf(SseException.class);
    }

    @Test
    void disconnectMidStreamBecomesAnInStreamErrorWithAStableKey() {
        fixture.upstream().enqueue(Fault.disconnectAfterEvents(2));
        assertThatThrownBy(() -> {
                    try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                            .completions()
                            .createStreaming(params("a b c d e f").build())) {
                        stream.stream().forEach(c -> {});
                    }
                })
                .isInstanceOf(SseException.class)
                .hasMessageContaining("lost");
    }
}
