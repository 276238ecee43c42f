package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.audit.AuditJson;
import dev.sovereign.audit.AuditQuery;
import dev.sovereign.audit.StoredEvent;
import dev.sovereign.config.AuditConfig;
import dev.sovereign.gateway.wire.Exchange;
import dev.sovereign.store.AuditStores;
import dev.sovereign.testing.FakeUpstream;
import dev.sovereign.testing.Fault;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A route's targets over real sockets: retries before the first byte, fallback to the next target the guarantees
 * allow, never after the answer began, the circuit breaker and the concurrency limit, each recorded in the trail.
 */
class ResilientRoutingTest {
    /** {@code primary} and {@code secondary} are EU deployments, {@code us-backup} is not. */
    static final String PROVIDERS = """
            providers:
              - id: primary
                kind: anthropic
                endpoint: ${UPSTREAM}
                api_key_env: ANTHROPIC_API_KEY
                region: eu
                profile: self-hosted-open-weights
                models: [{pattern: "claude-*"}]
                resilience:
                  retries: 1
                  backoff: 10ms
                  max_concurrent: 1
                  circuit_breaker: {window: 4, min_calls: 4, failure_rate: 50, open_for: 30s}
              - id: secondary
                kind: anthropic
                endpoint: ${SECONDARY}
                api_key_env: ANTHROPIC_API_KEY
                region: eu
                profile: self-hosted-open-weights
                models: [{pattern: "claude-*"}]
                resilience: {retries: 0}
              - id: us-backup
                kind: anthropic
                endpoint: ${US}
                api_key_env: ANTHROPIC_API_KEY
                region: us
                models: [{pattern: "claude-*"}]
            """;

    static final String POLICY = """
            routes:
              claude:
                targets:
                  - {provider: primary}
                  - {provider: secondary}
                  - {provider: us-backup}
            rules:
              - {id: everything, action: forward, route: claude}
            guarantees:
              - id: health-in-eu
                categories: [special.*]
                allow: {jurisdictions: [eu]}
            """;

    FakeUpstream secondary;
    FakeUpstream us;
    GatewayFixture fixture;

    @BeforeEach
    void start() {
        secondary = FakeUpstream.start();
        us = FakeUpstream.start();
        fixture = GatewayFixture.start(Map.of(
                "providers.yaml",
                PROVIDERS.replace("${SECONDARY}", secondary.baseUrl()).replace("${US}", us.baseUrl()),
                "policy.yaml",
                POLICY));
    }

    @AfterEach
    void stop() {
        fixture.close();
        secondary.close();
        us.close();
    }

    FakeUpstream primary() {
        return fixture.upstream();
    }

    HttpRequest anthropic(String text, boolean stream) {
        return Http.post(
                        fixture.baseUrl() + "/v1/messages",
                        Http.anthropicBody("claude-sonnet-4-5", text, stream),
                        "anthropic-version",
                        "2023-06-01")
                .build();
    }

    List<JsonNode> events(String requestId) {
        try (var store = AuditStores.open(AuditConfig.defaults(fixture.dataDir()))) {
            List<StoredEvent> events = store.query(new AuditQuery(
                            null, null, null, requestId, null, null, null, null, null, null, null, 10, null))
                    .events();
            return events.reversed().stream()
                    .map(e -> (JsonNode) AuditJson.mapper().valueToTree(e.event()))
                    .toList();
        }
    }

    @Test
    void anOverloadedTargetIsRetriedThenTheNextTargetAnswersAndTheTrailSaysWhereTheDataWent() {
        primary().enqueue(Fault.overloaded());
        primary().enqueue(Fault.overloaded());
        Http.Response r = Http.send(anthropic("Write a haiku about rivers.", false));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("type").asText()).isEqualTo("message");
        assertThat(r.header("x-sovereign-route")).isEqualTo("secondary");
        assertThat(primary().requests()).hasSize(2);
        assertThat(secondary.requests()).hasSize(1);
        assertThat(us.requests()).isEmpty();

        String id = r.header(Exchange.REQUEST_ID);
        await().atMost(Duration.ofSeconds(5)).until(() -> events(id).size() == 3);
        List<JsonNode> events = events(id);
        assertThat(events)
                .extracting(e -> e.path("type").asText())
                .containsExactly("decision", "fallback", "completion");
        assertThat(events.get(0).path("route").path("provider").asText()).isEqualTo("primary");
        assertThat(events.get(1).path("route").path("provider").asText()).isEqualTo("secondary");
        assertThat(events.get(1).path("route").path("jurisdiction").asText()).isEqualTo("eu");
        assertThat(events.get(1).path("result").path("status").asInt()).isEqualTo(529);
        assertThat(events.get(1).path("result").path("error").asText()).isEqualTo("upstream.529");
        assertThat(events.get(2).path("route").path("provider").asText()).isEqualTo("secondary");
        assertThat(events.get(2).path("result").path("status").asInt()).isEqualTo(200);

        String metrics =
                Http.send(Http.get(fixture.baseUrl() + "/metrics").build()).body();
        assertThat(metrics)
                .contains("sovereign_upstream_retries_total{provider=\"primary\"} 1.0")
                .contains("sovereign_upstream_fallbacks_total{from=\"primary\",to=\"secondary\"} 1.0")
                .contains("sovereign_provider_circuit_open{provider=\"primary\"} 0.0");
    }

    @Test
    void aRateLimitIsWaitedOutAsTheProviderAsksAndTheSameTargetAnswers() {
        primary().enqueue(Fault.rateLimited(Duration.ofMillis(300)));
        long start = System.nanoTime();
        Http.Response r = Http.send(anthropic("Hello there.", false));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("x-sovereign-route")).isEqualTo("primary");
        assertThat(primary().requests()).hasSize(2);
        assertThat(secondary.requests()).isEmpty();
        assertThat(tookMs).as("the retry waited for retry-after-ms").isGreaterThanOrEqualTo(300);
    }

    @Test
    void aClientErrorIsNotRetriedNorFallenBackFrom() {
        primary().enqueue(Fault.invalidRequest("max_tokens: must be at most 64000"));
        Http.Response r = Http.send(anthropic("Hello there.", false));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(primary().requests()).hasSize(1);
        assertThat(secondary.requests()).isEmpty();
    }

    @Test
    void aFallbackNeverCrossesTheBoundaryTheGuaranteesDraw() {
        for (int i = 0; i < 2; i++) primary().enqueue(Fault.overloaded());
        secondary.enqueue(Fault.overloaded());
        Http.Response health = Http.send(anthropic("My patient has diabetes and takes insulin; plan meals.", false));
        // The US backup may not see health data: the last EU target's failure is the client's answer.
        assertThat(health.status()).as(health.body()).isEqualTo(529);
        assertThat(health.json().path("error").path("type").asText()).isEqualTo("overloaded_error");
        assertThat(us.requests()).isEmpty();

        for (int i = 0; i < 2; i++) primary().enqueue(Fault.overloaded());
        secondary.enqueue(Fault.overloaded());
        Http.Response plain = Http.send(anthropic("Write a haiku about rivers.", false));
        assertThat(plain.status()).as(plain.body()).isEqualTo(200);
        assertThat(plain.header("x-sovereign-route")).isEqualTo("us-backup");
        assertThat(us.requests()).hasSize(1);
    }

    @Test
    void onceTheAnswerHasBegunAFailureReachesTheClientInStream() {
        primary().enqueue(Fault.disconnectAfterEvents(3));
        Http.Response r = Http.send(anthropic("Tell me a long story.", true));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("event: message_start").contains("event: error");
        assertThat(secondary.requests()).isEmpty();
    }

    @Test
    void aConnectionDroppedBeforeAnyByteFallsBackForStreamsToo() {
        primary().enqueue(Fault.disconnectAfterEvents(0));
        primary().enqueue(Fault.disconnectAfterEvents(0));
        Http.Response r = Http.send(anthropic("Tell me a story.", true));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("event: message_stop").doesNotContain("event: error");
        assertThat(r.header("x-sovereign-route")).isEqualTo("secondary");
    }

    @Test
    void theCircuitOpensOnRepeatedFaultsAndRequestsThenSkipTheFailingProvider() {
        for (int i = 0; i < 4; i++) primary().enqueue(Fault.overloaded());
        for (int i = 0; i < 2; i++) {
            assertThat(Http.send(anthropic("Hello " + i, false)).header("x-sovereign-route"))
                    .isEqualTo("secondary");
        }
        assertThat(primary().requests()).hasSize(4);
        Http.Response r = Http.send(anthropic("Hello again", false));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("x-sovereign-route")).isEqualTo("secondary");
        assertThat(primary().requests())
                .as("the open circuit kept the request away")
                .hasSize(4);
    }

    @Test
    void beyondItsConcurrencyLimitAProviderIsPassedOver() throws Exception {
        primary().enqueue(Fault.stallBeforeHeaders(Duration.ofMillis(1500)));
        CompletableFuture<Http.Response> slow =
                CompletableFuture.supplyAsync(() -> Http.send(anthropic("First, slowly.", false)));
        await().atMost(Duration.ofSeconds(5)).until(() -> primary().requests().size() == 1);
        Http.Response second = Http.send(anthropic("Second, at once.", false));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.header("x-sovereign-route")).isEqualTo("secondary");
        assertThat(slow.get().status()).isEqualTo(200);
        assertThat(slow.get().header("x-sovereign-route")).isEqualTo("primary");
    }

    @Test
    void theOfficialSdkWithoutItsOwnRetriesGetsItsAnswerFromTheFallback() {
        primary().enqueue(Fault.overloaded());
        primary().enqueue(Fault.overloaded());
        AnthropicClient client = fixture.anthropicClient();
        try {
            Message m = client.messages()
                    .create(MessageCreateParams.builder()
                            .model("claude-sonnet-4-5")
                            .maxTokens(64)
                            .addUserMessage("Write a haiku about rivers.")
                            .build());
            assertThat(m.content()).isNotEmpty();
            assertThat(secondary.requests()).hasSize(1);
        } finally {
            client.close();
        }
    }
}
