package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.sovereign.testing.Fault;
import dev.sovereign.testing.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official openai-java SDK against the gateway, in front of Azure OpenAI (the fake upstream's Azure mode): an EU
 * Data Zone resource on a dated API version with an API key, and a Global deployment on the v1 API with a Microsoft
 * Entra token.
 */
class AzureOpenAiSdkTest {
    static final String AZURE_KEY = "azure-upstream-key";
    static final String ENTRA_TOKEN = jwt(Instant.now().plus(Duration.ofHours(1)));
    static final String FEDERATED_TOKEN = "eyJhbGciOiJSUzI1NiJ9.kubernetes-service-account.signature";

    /** An EU Data Zone resource with an API key, a Global deployment with an Entra token file, and workload identity. */
    static final String PROVIDERS = """
            providers:
              - id: azure-eu
                kind: azure-openai
                endpoint: ${UPSTREAM}
                api_version: 2024-10-21
                region: swedencentral
                data_zone: eu
                api_key_env: AZURE_OPENAI_API_KEY
                models:
                  - {pattern: gpt-4o, upstream: gpt4o-eu}
                  - {pattern: text-embedding-3-small, upstream: embed-eu}
              - id: azure-global
                kind: azure-openai
                endpoint: ${UPSTREAM}
                data_zone: global
                entra_token_file: ${CONFIG_DIR}/entra-token
                models:
                  - {pattern: gpt-4o-mini, upstream: mini-global}
              - id: azure-aks
                kind: azure-openai
                endpoint: ${UPSTREAM}
                region: francecentral
                data_zone: regional
                entra_workload_identity: true
                models:
                  - {pattern: gpt-4.1, upstream: gpt41-fr}
            """;

    static GatewayFixture fixture;
    static OpenAIClient client;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(
                Map.of(
                        "providers.yaml", PROVIDERS,
                        "entra-token", ENTRA_TOKEN,
                        "federated-token", FEDERATED_TOKEN),
                Map.of(
                        "AZURE_OPENAI_API_KEY", AZURE_KEY,
                        "AZURE_TENANT_ID", "tenant-1",
                        "AZURE_CLIENT_ID", "client-1",
                        "AZURE_AUTHORITY_HOST", "${UPSTREAM}",
                        "AZURE_FEDERATED_TOKEN_FILE", "${CONFIG_DIR}/federated-token"));
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

    /** An unsigned JWT with an {@code exp} claim, the shape of an Entra access token. */
    static String jwt(Instant expiry) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(
                        ("{\"aud\":\"https://cognitiveservices.azure.com\",\"exp\":" + expiry.getEpochSecond() + "}")
                                .getBytes(StandardCharsets.UTF_8))
                + ".c2lnbmF0dXJl";
    }

    private static ChatCompletionCreateParams.Builder params(String model, String text) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(text);
    }

    private static RecordedRequest upstream() {
        return fixture.upstream().takeRequest(Duration.ofSeconds(5));
    }

    @Test
    void aDeploymentIsCalledWithItsApiVersionAndTheApiKey() {
        ChatCompletion completion = client.chat()
                .completions()
                .create(params("gpt-4o", "Hej från Stockholm").build());
        assertThat(completion.choices().get(0).message().content()).contains("Echo: Hej från Stockholm");
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(4);

        RecordedRequest upstream = upstream();
        assertThat(upstream.path()).isEqualTo("/openai/deployments/gpt4o-eu/chat/completions");
        assertThat(upstream.query()).isEqualTo("api-version=2024-10-21");
        assertThat(upstream.header("api-key")).isEqualTo(AZURE_KEY);
        assertThat(upstream.header("authorization")).isNull();
    }

    @Test
    void streamingWithIncludeUsageSurvivesTheContentFilterChunks() {
        StringBuilder text = new StringBuilder();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                .completions()
                .createStreaming(params("gpt-4o", "one two three")
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
        // Azure's prompt-filter chunk comes first, with no choice and no id; the usage chunk comes last.
        assertThat(chunks.get(0).choices()).isEmpty();
        assertThat(chunks.get(0).id()).isEmpty();
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage().orElseThrow().completionTokens()).isEqualTo(4);
    }

    @Test
    void streamingWithoutIncludeUsageHidesOnlyTheUsageChunk() {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                .completions()
                .createStreaming(params("gpt-4o", "quiet please").build())) {
            stream.stream().forEach(chunks::add);
        }
        assertThat(chunks).noneMatch(c -> c.usage().isPresent());
        assertThat(chunks.get(0).choices()).isEmpty();
        assertThat(chunks.get(0).id()).isEmpty();
        assertThat(upstream()
                        .json()
                        .path("stream_options")
                        .path("include_usage")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void embeddingsGoToTheEmbeddingDeployment() {
        CreateEmbeddingResponse response = client.embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model("text-embedding-3-small")
                        .input("Sovereignty")
                        .build());
        assertThat(response.data().get(0).embedding()).hasSize(8);
        RecordedRequest upstream = upstream();
        assertThat(upstream.path()).isEqualTo("/openai/deployments/embed-eu/embeddings");
        assertThat(upstream.query()).isEqualTo("api-version=2024-10-21");
    }

    @Test
    void theContentFilterIsAClearBadRequestWithItsOwnKey() {
        fixture.upstream().enqueue(Fault.azureContentFilter());
        assertThatThrownBy(() -> client.chat()
                        .completions()
                        .create(params("gpt-4o", "something the filter dislikes")
                                .build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.code()).contains("content_filter");
                    assertThat(e.body().toString()).contains("ResponsibleAIPolicyViolation");
                    assertThat(e.headers().values("x-sovereign-error")).containsExactly("upstream.content_filter");
                    assertThat(e.body().toString()).doesNotContain("something the filter dislikes");
                });
    }

    @Test
    void aRateLimitKeepsAzuresRetryHeaders() {
        fixture.upstream().enqueue(Fault.rateLimited(Duration.ofMillis(6500)));
        assertThatThrownBy(() -> client.chat()
                        .completions()
                        .create(params("gpt-4o", "too fast").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.headers().values("retry-after")).containsExactly("7");
                    assertThat(e.headers().values("retry-after-ms")).containsExactly("6500");
                    assertThat(e.getMessage()).contains("retry after 7 seconds");
                });
    }

    @Test
    void aServerErrorIsRelayed() {
        fixture.upstream()
                .enqueue(Fault.status(
                        500,
                        "{\"error\":{\"code\":\"InternalServerError\",\"message\":\"The server had an error.\"}}",
                        Map.of()));
        assertThatThrownBy(() -> client.chat()
                        .completions()
                        .create(params("gpt-4o", "oops").build()))
                .isInstanceOfSatisfying(
                        InternalServerException.class,
                        e -> assertThat(e.headers().values("x-sovereign-error")).containsExactly("upstream.500"));
    }

    @Test
    void theTrailRecordsWhereEachDeploymentTypeProcesses() {
        client.chat().completions().create(params("gpt-4o", "audit me").build());
        JsonNode eu = lastDecision("azure-eu");
        assertThat(eu.path("region").asText()).isEqualTo("eu");
        assertThat(eu.path("jurisdiction").asText()).isEqualTo("us"); // Microsoft: a US operator, EU processing
        await().atMost(Duration.ofSeconds(10))
                .ignoreExceptions()
                .until(() -> client.chat()
                                .completions()
                                .create(params("gpt-4o-mini", "audit me too").build())
                                .choices()
                                .size()
                        == 1);
        JsonNode global = lastDecision("azure-global");
        assertThat(global.path("region").asText()).isEqualTo("global");
        assertThat(global.path("jurisdiction").asText()).isEqualTo("unknown");
    }

    static JsonNode lastDecision(String provider) {
        return lastDecisionOf(fixture, provider);
    }

    /** The route of the last decision event for {@code provider}, from the admin API (loopback callers are admins). */
    static JsonNode lastDecisionOf(GatewayFixture fixture, String provider) {
        JsonNode[] route = {null};
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode events = Http.send(
                            Http.get(fixture.baseUrl() + "/admin/audit/events?type=decision&provider=" + provider)
                                    .build())
                    .json()
                    .path("events");
            if (events.isEmpty()) return false;
            route[0] = events.get(events.size() - 1).path("event").path("route");
            return true;
        });
        return route[0];
    }

    @Test
    void workloadIdentityExchangesThePodsFederatedTokenForAnEntraToken() {
        await().atMost(Duration.ofSeconds(10))
                .ignoreExceptions()
                .until(() -> client.chat()
                                .completions()
                                .create(params("gpt-4.1", "Bonjour de Paris").build())
                                .choices()
                                .size()
                        == 1);
        List<RecordedRequest> requests = fixture.upstream().requests();
        RecordedRequest azure = requests.get(requests.size() - 1);
        assertThat(azure.path()).isEqualTo("/openai/v1/chat/completions");
        String token = azure.header("authorization").substring("Bearer ".length());
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"appid\":\"client-1\"").contains("\"tid\":\"tenant-1\"");
        assertThat(token).isNotEqualTo(FEDERATED_TOKEN);
        assertThat(lastDecision("azure-aks").path("region").asText()).isEqualTo("francecentral");
    }

    @Test
    void theV1ApiTakesTheDeploymentInTheBodyAndTheEntraToken() {
        await().atMost(Duration.ofSeconds(10))
                .ignoreExceptions()
                .until(() -> client.chat()
                                .completions()
                                .create(params("gpt-4o-mini", "Bonjour").build())
                                .choices()
                                .size()
                        == 1);
        RecordedRequest upstream =
                fixture.upstream().requests().get(fixture.upstream().requests().size() - 1);
        assertThat(upstream.path()).isEqualTo("/openai/v1/chat/completions");
        assertThat(upstream.query()).isNull();
        assertThat(upstream.header("authorization")).isEqualTo("Bearer " + ENTRA_TOKEN);
        assertThat(upstream.header("api-key")).isNull();
        assertThat(upstream.json().path("model").asText()).isEqualTo("mini-global");
    }
}
