package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.gateway.ingress.KeyAuthenticator;
import dev.sovereign.testing.Fault;
import dev.sovereign.testing.RecordedRequest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A gateway configured from files: client keys, a body limit, aliases, explicit models and tight timeouts. */
class ConfiguredGatewayTest {
    static final String HR_KEY = "sk-sov-hr-assistant-key";
    static final String CODE_KEY = "sk-sov-code-helper-key";
    static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(Map.of(
                "sovereign.yaml",
                """
                        limits:
                          max_body_bytes: 8192
                        keys:
                          - id: hr-prod
                            sha256: %s
                            team: hr
                            workload: hr-assistant
                          - id: code-prod
                            sha256: %s
                            team: engineering
                            workload: code-helper
                        """.formatted(KeyAuthenticator.sha256(HR_KEY), KeyAuthenticator.sha256(CODE_KEY)),
                "providers.yaml",
                """
                        providers:
                          - id: claude-eu
                            kind: anthropic
                            endpoint: ${UPSTREAM}
                            api_key_env: ANTHROPIC_API_KEY
                            region: eu
                            timeouts: {connect: 1s, first_byte: 700ms, idle: 700ms}
                            models:
                              - pattern: claude-sonnet-4-5
                                upstream: claude-sonnet-4-5-20250929
                          - id: mistral-eu
                            kind: openai-compatible
                            endpoint: ${UPSTREAM}/v1
                            api_key_env: OPENAI_API_KEY
                            timeouts: {first_byte: 700ms, idle: 700ms}
                            models:
                              - pattern: fast
                                upstream: mistral-small-latest
                              - pattern: "mistral-*"
                        """));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void reset() {
        fixture.upstream().reset();
    }

    private Http.Response anthropic(String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "anthropic-version";
        all[1] = "2023-06-01";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return Http.send(
                Http.post(fixture.baseUrl() + "/v1/messages", body, all).build());
    }

    @Test
    void missingOrWrongKeyIs401InEachFormatAndNothingIsForwarded() {
        Http.Response none = anthropic(Http.anthropicBody("claude-sonnet-4-5", "hi", false));
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().path("error").path("type").asText()).isEqualTo("authentication_error");
        Http.Response wrong = Http.send(Http.post(
                        fixture.openAiBaseUrl() + "/chat/completions",
                        Http.openAiBody("fast", "hi", false),
                        "authorization",
                        "Bearer sk-not-a-key")
                .build());
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().path("error").path("code").asText()).isEqualTo("sovereign.unauthenticated");
        assertThat(Http.send(Http.get(fixture.openAiBaseUrl() + "/models").build())
                        .status())
                .isEqualTo(401);
        assertThat(fixture.upstream().requests()).isEmpty();
    }

    @Test
    void validKeyByHeaderOrBearerIsAcceptedAndNeverForwarded() {
        Http.Response byHeader = anthropic(Http.anthropicBody("claude-sonnet-4-5", "hi", false), "x-api-key", HR_KEY);
        assertThat(byHeader.status()).isEqualTo(200);
        Http.Response byBearer =
                anthropic(Http.anthropicBody("claude-sonnet-4-5", "hi", false), "authorization", "Bearer " + CODE_KEY);
        assertThat(byBearer.status()).isEqualTo(200);
        for (RecordedRequest r : fixture.upstream().requests()) {
            assertThat(r.headers().toString()).doesNotContain(HR_KEY).doesNotContain(CODE_KEY);
        }
    }

    @Test
    void aliasesAndExactNamesAreRewrittenToTheUpstreamModel() {
        Http.Response alias = Http.send(Http.post(
                        fixture.openAiBaseUrl() + "/chat/completions",
                        Http.openAiBody("fast", "quick", false),
                        "authorization",
                        "Bearer " + CODE_KEY)
                .build());
        assertThat(alias.status()).isEqualTo(200);
        assertThat(alias.header("x-sovereign-route")).isEqualTo("mistral-eu");
        assertThat(fixture.upstream()
                        .takeRequest(Duration.ofSeconds(5))
                        .json()
                        .path("model")
                        .asText())
                .isEqualTo("mistral-small-latest");
        anthropic(Http.anthropicBody("claude-sonnet-4-5", "exact", false), "x-api-key", HR_KEY);
        assertThat(fixture.upstream()
                        .takeRequest(Duration.ofSeconds(5))
                        .json()
                        .path("model")
                        .asText())
                .isEqualTo("claude-sonnet-4-5-20250929");
    }

    @Test
    void unknownModelIs404WithNoRoute() {
        Http.Response r = Http.send(Http.post(
                        fixture.openAiBaseUrl() + "/chat/completions",
                        Http.openAiBody("gpt-5", "x", false),
                        "authorization",
                        "Bearer " + CODE_KEY)
                .build());
        assertThat(r.status()).isEqualTo(404);
        // The default policy's last rule sends requests where their model is served; none serves this one.
        assertThat(r.header("x-sovereign-rule")).isEqualTo("everything-else");
        assertThat(r.json().path("error").path("code").asText()).isEqualTo("sovereign.no_route");
        assertThat(r.json().path("error").path("message").asText()).contains("gpt-5");
    }

    @Test
    void anthropicRequestForAnOpenAiOnlyProviderIsTranslated() {
        Http.Response r = anthropic(Http.anthropicBody("fast", "translate me", false), "x-api-key", HR_KEY);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("type").asText()).isEqualTo("message");
        assertThat(r.json().path("content").path(0).path("text").asText()).isEqualTo("Echo: translate me");
        RecordedRequest upstream = fixture.upstream().takeRequest(Duration.ofSeconds(5));
        assertThat(upstream.path()).isEqualTo("/v1/chat/completions");
        assertThat(upstream.json().path("model").asText()).isEqualTo("mistral-small-latest");
    }

    @Test
    void embeddingsForAnAnthropicOnlyProviderAreRefusedByName() {
        Http.Response r = Http.send(Http.post(
                        fixture.openAiBaseUrl() + "/embeddings",
                        "{\"model\":\"claude-sonnet-4-5\",\"input\":\"x\"}",
                        "authorization",
                        "Bearer " + CODE_KEY)
                .build());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("error").path("code").asText()).isEqualTo("sovereign.format_unsupported");
        assertThat(r.json().path("error").path("message").asText())
                .contains("claude-eu")
                .contains("does not serve embeddings");
        assertThat(fixture.upstream().requests()).isEmpty();
    }

    @Test
    void bodyOverTheLimitIs413WhetherDeclaredOrChunked() {
        String big = Http.anthropicBody("claude-sonnet-4-5", "x".repeat(9000), false);
        Http.Response declared = anthropic(big, "x-api-key", HR_KEY);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.json().path("error").path("type").asText()).isEqualTo("request_too_large");
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(fixture.baseUrl() + "/v1/messages"))
                .headers("anthropic-version", "2023-06-01", "x-api-key", HR_KEY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes())))
                .build();
        Http.Response streamed = Http.send(chunked);
        assertThat(streamed.status()).isEqualTo(413);
        assertThat(fixture.upstream().requests()).isEmpty();
    }

    @Test
    void upstreamThatNeverAnswersIsAFirstByteTimeout() {
        fixture.upstream().enqueue(Fault.stallBeforeHeaders(Duration.ofSeconds(5)));
        Http.Response r = anthropic(Http.anthropicBody("claude-sonnet-4-5", "wait", false), "x-api-key", HR_KEY);
        assertThat(r.status()).isEqualTo(504);
        assertThat(r.json().path("error").path("type").asText()).isEqualTo("timeout_error");
        assertThat(r.json().path("error").path("code").asText()).isEqualTo("sovereign.upstream_timeout");
    }

    @Test
    void streamThatGoesSilentEndsWithAnInStreamTimeoutError() {
        fixture.upstream().enqueue(Fault.stallAfterEvents(3, Duration.ofSeconds(5)));
        Http.Response r =
                anthropic(Http.anthropicBody("claude-sonnet-4-5", "one two three four", true), "x-api-key", HR_KEY);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("event: message_start");
        assertThat(r.body()).endsWith("\n\n").contains("event: error").contains("sovereign.upstream_timeout");
        assertThat(r.body()).doesNotContain("message_stop");
    }
}
