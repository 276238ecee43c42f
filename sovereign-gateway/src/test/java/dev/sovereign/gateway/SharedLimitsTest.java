package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.gateway.ingress.KeyAuthenticator;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two gateways that share their usage counters through the Redis at 127.0.0.1:6379, as two replicas behind a load
 * balancer do, and gateways whose Redis is down. Key ids are new for every run, so runs never share counters.
 */
class SharedLimitsTest {
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String APP = "sk-sov-shared-app";
    static final String STREAMER = "sk-sov-shared-streamer";
    static final String DPO = "sk-sov-shared-dpo";
    static final int LIMIT = 12;

    static GatewayFixture a;
    static GatewayFixture b;

    static String config(String redis) {
        return """
                keys:
                  - {id: app-%1$s, sha256: %2$s, team: web, workload: chat, limits: {requests_per_minute: %3$d}}
                  - {id: streamer-%1$s, sha256: %4$s, team: web, workload: stream, limits: {tokens_per_day: 1000000}}
                  - {id: dpo, sha256: %5$s, team: privacy, workload: audit, admin: true}
                %6$s
                """.formatted(
                        RUN,
                        KeyAuthenticator.sha256(APP),
                        LIMIT,
                        KeyAuthenticator.sha256(STREAMER),
                        KeyAuthenticator.sha256(DPO),
                        redis);
    }

    @BeforeAll
    static void start() {
        String redis = "redis: {url: \"redis://127.0.0.1:6379\"}";
        a = GatewayFixture.start(Map.of("sovereign.yaml", config(redis)));
        b = GatewayFixture.start(Map.of("sovereign.yaml", config(redis)));
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    static AnthropicClient client(GatewayFixture at, String key) {
        return UsageLimitsTest.anthropic(at, key);
    }

    static MessageCreateParams claude(String text) {
        return UsageLimitsTest.claude(text);
    }

    static JsonNode limit(GatewayFixture at, String scope, String id, String which) {
        assertThat(UsageLimitsTest.limits(at, DPO).path("store").asText()).isEqualTo("redis");
        return UsageLimitsTest.limit(at, DPO, scope, id, which);
    }

    /** An Anthropic request without an SDK, so that a 503 is seen as it came (the SDKs retry 503s). */
    static Http.Response post(GatewayFixture at, String key, String text) {
        return Http.send(Http.post(
                        at.baseUrl() + "/v1/messages",
                        Http.anthropicBody("claude-sonnet-4-5", text, false),
                        "x-api-key",
                        key,
                        "content-type",
                        "application/json",
                        "anthropic-version",
                        "2023-06-01")
                .build());
    }

    @Test
    void aKeysRequestsPerMinuteHoldExactlyAcrossBothReplicas() throws Exception {
        UsageLimitsTest.withinOneMinute();
        a.upstream().reset();
        b.upstream().reset();
        AnthropicClient toA = client(a, APP);
        AnthropicClient toB = client(b, APP);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 3 * LIMIT; i++) {
                AnthropicClient c = i % 2 == 0 ? toA : toB;
                String text = "request " + i;
                answers.add(pool.submit(() -> {
                    try {
                        c.messages().create(claude(text));
                        return 200;
                    } catch (com.anthropic.errors.RateLimitException e) {
                        return 429;
                    }
                }));
            }
            int accepted = 0;
            int limited = 0;
            for (Future<Integer> f : answers) {
                if (f.get() == 200) accepted++;
                else limited++;
            }
            assertThat(accepted).isEqualTo(LIMIT);
            assertThat(limited).isEqualTo(2 * LIMIT);
        } finally {
            pool.shutdownNow();
        }
        assertThat(a.upstream().requests().size() + b.upstream().requests().size())
                .isEqualTo(LIMIT);
        assertThat(limit(b, "key", "app-" + RUN, "requests_per_minute")
                        .path("used")
                        .asLong())
                .isEqualTo(LIMIT);
    }

    @Test
    void tokensOfAStreamOnOneReplicaAreSeenByTheOther() {
        long before = limit(b, "key", "streamer-" + RUN, "tokens_per_day")
                .path("used")
                .asLong();
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream =
                client(a, STREAMER).messages().createStreaming(claude("stream through replica a"))) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message message = accumulator.message();
        long reported = message.usage().inputTokens() + message.usage().outputTokens();
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(limit(b, "key", "streamer-" + RUN, "tokens_per_day")
                                .path("used")
                                .asLong())
                        .isEqualTo(before + reported));
    }

    @Test
    void whenRedisIsDownTheConfiguredChoiceApplies() throws IOException {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        String down = "redis: {url: \"redis://127.0.0.1:" + dead + "\", timeout: 200ms%s}";
        try (GatewayFixture byDefault = GatewayFixture.start(Map.of("sovereign.yaml", config(down.formatted(""))));
                GatewayFixture closed = GatewayFixture.start(
                        Map.of("sovereign.yaml", config(down.formatted(", on_redis_failure: closed"))))) {
            // by default a rate limit lets the request through, a budget refuses it
            assertThat(client(byDefault, APP)
                            .messages()
                            .create(claude("rate limited only"))
                            .content())
                    .isNotEmpty();
            Http.Response budget = post(byDefault, STREAMER, "on a budget");
            assertThat(budget.status()).isEqualTo(503);
            assertThat(budget.header("x-sovereign-error")).isEqualTo("sovereign.limits_unavailable");
            assertThat(budget.header("retry-after")).isEqualTo("1");
            assertThat(budget.json().path("error").path("type").asText()).isEqualTo("api_error");

            Http.Response refused = post(closed, APP, "closed");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("x-sovereign-error")).isEqualTo("sovereign.limits_unavailable");

            Http.Response metrics =
                    Http.send(Http.get(closed.baseUrl() + "/metrics").build());
            assertThat(metrics.body()).contains("sovereign_limit_store_failures_total{outcome=\"refused\"}");
        }
    }
}
