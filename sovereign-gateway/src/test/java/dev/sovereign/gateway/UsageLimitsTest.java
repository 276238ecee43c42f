package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.sovereign.gateway.ingress.KeyAuthenticator;
import dev.sovereign.testing.Fault;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Usage limits of keys, teams and workloads in one gateway (counters in the process), through the official SDKs: the
 * 429 each SDK reads, the audit event of a refusal, tokens settled from a stream's usage, requests at once.
 */
class UsageLimitsTest {
    static final String RPM = "sk-sov-rpm-key";
    static final String TOKENS = "sk-sov-tokens-key";
    static final String SOLO = "sk-sov-solo-key";
    static final String BROKE = "sk-sov-broke-key";
    static final String DPO = "sk-sov-dpo-key";

    static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(Map.of("sovereign.yaml", """
                keys:
                  - {id: rpm, sha256: %s, team: web, workload: chat, limits: {requests_per_minute: 3}}
                  - {id: tokens, sha256: %s, team: web, workload: stream, limits: {tokens_per_day: 100000}}
                  - {id: solo, sha256: %s, team: web, workload: solo, limits: {concurrent: 1}}
                  - {id: broke, sha256: %s, team: finance, workload: ledger}
                  - {id: dpo, sha256: %s, team: privacy, workload: audit, admin: true}
                teams:
                  finance: {limits: {usd_per_month: 0}}
                """.formatted(
                        KeyAuthenticator.sha256(RPM),
                        KeyAuthenticator.sha256(TOKENS),
                        KeyAuthenticator.sha256(SOLO),
                        KeyAuthenticator.sha256(BROKE),
                        KeyAuthenticator.sha256(DPO))));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void reset() {
        fixture.upstream().reset();
    }

    static AnthropicClient anthropic(String key) {
        return anthropic(fixture, key);
    }

    /** The official Anthropic SDK at gateway {@code at} with client key {@code key}, its own retries off. */
    static AnthropicClient anthropic(GatewayFixture at, String key) {
        return AnthropicOkHttpClient.builder()
                .baseUrl(at.baseUrl())
                .apiKey(key)
                .maxRetries(0)
                .build();
    }

    static OpenAIClient openAi(String key) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(fixture.openAiBaseUrl())
                .apiKey(key)
                .maxRetries(0)
                .build();
    }

    static MessageCreateParams claude(String text) {
        return MessageCreateParams.builder()
                .model("claude-sonnet-4-5")
                .maxTokens(64)
                .addUserMessage(text)
                .build();
    }

    static JsonNode limit(String scope, String id, String which) {
        return limit(fixture, DPO, scope, id, which);
    }

    /** One limit of one holder as {@code GET /admin/limits} of gateway {@code at} lists it. */
    static JsonNode limit(GatewayFixture at, String adminKey, String scope, String id, String which) {
        JsonNode body = limits(at, adminKey);
        for (JsonNode holder : body.path("limits")) {
            if (!holder.path("scope").asText().equals(scope)
                    || !holder.path("id").asText().equals(id)) continue;
            for (JsonNode l : holder.path("limits"))
                if (l.path("limit").asText().equals(which)) return l;
        }
        throw new AssertionError("no " + which + " of " + scope + " " + id + " in " + body);
    }

    static JsonNode limits(GatewayFixture at, String adminKey) {
        Http.Response r = Http.send(Http.get(at.baseUrl() + "/admin/limits", "authorization", "Bearer " + adminKey)
                .build());
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    /** Waits out the last seconds of a minute, so that a test's requests fall in one window. */
    static void withinOneMinute() throws InterruptedException {
        int second = LocalTime.now(ZoneOffset.UTC).getSecond();
        if (second >= 50) Thread.sleep((61 - second) * 1000L);
    }

    @Test
    void overItsRequestsPerMinuteAKeyGetsTheRateLimitEachSdkReads() throws Exception {
        withinOneMinute();
        AnthropicClient claude = anthropic(RPM);
        OpenAIClient gpt = openAi(RPM);
        for (int i = 0; i < 3; i++) {
            assertThat(claude.messages().create(claude("request " + i)).content())
                    .isNotEmpty();
        }
        int forwarded = fixture.upstream().requests().size();

        assertThatThrownBy(() -> gpt.chat()
                        .completions()
                        .create(ChatCompletionCreateParams.builder()
                                .model("gpt-4o")
                                .addUserMessage("one too many")
                                .build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.headers().values("x-ratelimit-limit-requests")).containsExactly("3");
                    assertThat(e.headers().values("x-ratelimit-remaining-requests"))
                            .containsExactly("0");
                    assertThat(e.headers().values("x-should-retry")).containsExactly("true");
                    long retryAfter =
                            Long.parseLong(e.headers().values("retry-after").get(0));
                    assertThat(retryAfter).isBetween(1L, 60L);
                    assertThat(e.headers().values("x-sovereign-limit")).containsExactly("key:rpm:requests_per_minute");
                    assertThat(e.body().toString())
                            .contains("sovereign.rate_limited")
                            .contains("rate_limit_exceeded")
                            .contains("key 'rpm' has reached its limit of 3 requests per minute");
                });
        assertThatThrownBy(() -> claude.messages().create(claude("and again")))
                .isInstanceOfSatisfying(com.anthropic.errors.RateLimitException.class, e -> {
                    assertThat(e.headers().values("anthropic-ratelimit-requests-limit"))
                            .containsExactly("3");
                    assertThat(e.headers().values("anthropic-ratelimit-requests-remaining"))
                            .containsExactly("0");
                    assertThat(e.headers()
                                    .values("anthropic-ratelimit-requests-reset")
                                    .get(0))
                            .endsWith(":00Z");
                    assertThat(e.body().toString()).contains("rate_limit_error");
                });
        assertThat(fixture.upstream().requests())
                .as("nothing refused reached the provider")
                .hasSize(forwarded);
        assertThat(limit("key", "rpm", "requests_per_minute").path("used").asLong())
                .isEqualTo(3);

        // each refusal is one audit event of its own, naming the key and the limit's failure; no completion follows
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode events = Http.send(Http.get(
                                    fixture.baseUrl() + "/admin/audit/events?key=rpm&type=limited",
                                    "authorization",
                                    "Bearer " + DPO)
                            .build())
                    .json()
                    .path("events");
            assertThat(events).hasSize(2);
            assertThat(events.get(0).path("event").path("result").path("status").asInt())
                    .isEqualTo(429);
            assertThat(events.get(0).path("event").path("result").path("error").asText())
                    .isEqualTo("sovereign.rate_limited");
            assertThat(events.get(0)
                            .path("event")
                            .path("route")
                            .path("provider")
                            .asText())
                    .isNotEmpty();
        });
    }

    @Test
    void aBudgetOfZeroRefusesAndTellsTheSdkNotToRetry() {
        assertThatThrownBy(() -> anthropic(BROKE).messages().create(claude("may I spend?")))
                .isInstanceOfSatisfying(com.anthropic.errors.RateLimitException.class, e -> {
                    assertThat(e.headers().values("x-should-retry")).containsExactly("false");
                    assertThat(e.headers().values("x-sovereign-limit")).containsExactly("team:finance:usd_per_month");
                    assertThat(e.headers().values("x-sovereign-error")).containsExactly("sovereign.budget_exceeded");
                    assertThat(e.body().toString())
                            .contains("team 'finance' has reached its limit of $0 US dollars per month");
                });
        assertThat(fixture.upstream().requests()).isEmpty();
    }

    @Test
    void tokensAreTakenAsEstimatedAndSettledFromTheStreamsReportedUsage() {
        long before = limit("key", "tokens", "tokens_per_day").path("used").asLong();
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream =
                anthropic(TOKENS).messages().createStreaming(claude("count the tokens of this streamed answer"))) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message message = accumulator.message();
        long reported = message.usage().inputTokens() + message.usage().outputTokens();
        assertThat(reported).isPositive();

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(limit("key", "tokens", "tokens_per_day")
                                .path("used")
                                .asLong())
                        .isEqualTo(before + reported));
    }

    @Test
    void aKeyWithOneRequestAtOnceWaitsForItsStreamToEnd() {
        fixture.upstream().enqueue(Fault.stallAfterEvents(2, Duration.ofSeconds(2)));
        AnthropicClient solo = anthropic(SOLO);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> {
            try (StreamResponse<RawMessageStreamEvent> stream = solo.messages().createStreaming(claude("slowly"))) {
                return (int) stream.stream().count();
            }
        });
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !fixture.upstream().requests().isEmpty());

        assertThatThrownBy(() -> solo.messages().create(claude("me too")))
                .isInstanceOfSatisfying(com.anthropic.errors.RateLimitException.class, e -> {
                    assertThat(e.headers().values("x-sovereign-limit")).containsExactly("key:solo:concurrent");
                    assertThat(e.headers().values("retry-after")).containsExactly("1");
                });
        assertThat(limit("key", "solo", "concurrent").path("used").asLong()).isEqualTo(1);

        assertThat(first.join()).isGreaterThan(2);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> assertThat(solo.messages().create(claude("now")).content())
                                .isNotEmpty());
    }

    @Test
    void theAdminApiListsEveryLimitWithItsUseAndWindow() {
        JsonNode body = limits(fixture, DPO);
        assertThat(body.path("store").asText()).isEqualTo("memory");
        assertThat(body.path("limits"))
                .extracting(n -> n.path("scope").asText() + ":" + n.path("id").asText())
                .containsExactly("key:rpm", "key:solo", "key:tokens", "team:finance");
        JsonNode spend = limit("team", "finance", "usd_per_month");
        assertThat(spend.path("max").asDouble()).isZero();
        assertThat(spend.path("resets_at").asText()).matches("\\d{4}-\\d{2}-01T00:00:00Z");
    }
}
