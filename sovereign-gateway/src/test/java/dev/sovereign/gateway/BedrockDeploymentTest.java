package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.anthropic.client.AnthropicClient;
import com.anthropic.errors.PermissionDeniedException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import dev.sovereign.audit.AuditEvent;
import dev.sovereign.audit.AuditQuery;
import dev.sovereign.audit.AuditStore;
import dev.sovereign.audit.StoredEvent;
import dev.sovereign.config.AuditConfig;
import dev.sovereign.gateway.wire.Exchange;
import dev.sovereign.store.AuditStores;
import dev.sovereign.testing.FakeUpstream;
import dev.sovereign.testing.FakeUpstreamOptions;
import dev.sovereign.testing.RecordedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bedrock deployments as an operator configures them: which inference profile a request went to and where that
 * processes it (in the audit trail and for the guarantees: a {@code global.} profile is not EU-resident, whatever
 * the endpoint's region), and the two ways to authenticate — SigV4 from the AWS credentials chain, checked by the
 * fake Bedrock, or a Bedrock API key.
 */
class BedrockDeploymentTest {
    static final String EU_SONNET = "eu.anthropic.claude-sonnet-4-5-20250929-v1:0";
    static final String GLOBAL_OPUS = "global.anthropic.claude-opus-4-5-20251101-v1:0";
    static final String PROVIDERS = """
            providers:
              - id: bedrock-eu
                kind: bedrock
                region: eu-central-1
                endpoint: ${UPSTREAM}
                models:
                  - {pattern: claude-sonnet-4-5, upstream: %s}
              - id: bedrock-global
                kind: bedrock
                region: eu-central-1
                endpoint: ${UPSTREAM}
                models:
                  - {pattern: claude-opus-4-5, upstream: %s}
            """.formatted(EU_SONNET, GLOBAL_OPUS);
    static final String GUARANTEE = """
            guarantees:
              - id: health-data-in-eu-regions
                description: Health data is processed in EU regions only.
                categories: [special.*]
                allow: {regions: [eu]}
            """;
    static final Map<String, String> AWS_ENV = Map.of(
            "AWS_ACCESS_KEY_ID", FakeUpstream.AWS_ACCESS_KEY_ID,
            "AWS_SECRET_ACCESS_KEY", FakeUpstream.AWS_SECRET_ACCESS_KEY);
    static final String HEALTH = "The patient was diagnosed with diabetes last year; what should she eat?";

    /** The official SDK pointed at a gateway, closed with the test. */
    record Sdk(AnthropicClient client) implements AutoCloseable {
        Sdk(GatewayFixture fx) {
            this(fx.anthropicClient());
        }

        @Override
        public void close() {
            client.close();
        }
    }

    static MessageCreateParams params(String model, String text) {
        return MessageCreateParams.builder()
                .model(model)
                .maxTokens(128)
                .addUserMessage(text)
                .build();
    }

    static AuditEvent decision(Path dataDir, String requestId) {
        try (AuditStore store = AuditStores.open(AuditConfig.defaults(dataDir))) {
            for (StoredEvent e : store.query(new AuditQuery(
                            null, null, null, requestId, null, null, null, null, null, null, null, 10, null))
                    .events()) {
                if (e.columns().type().equals("decision")) return e.event();
            }
        }
        throw new AssertionError("no decision event for " + requestId);
    }

    @Test
    void theAuditTrailRecordsTheProfileAndWhereItProcesses() {
        String policy = """
                routes:
                  claude-eu: {provider: bedrock-eu, model: %s}
                rules:
                  - id: special-in-eu
                    when: categories.exists(c, c.startsWith('special.'))
                    action: forward
                    route: claude-eu
                  - id: rest
                    action: forward
                """.formatted(EU_SONNET) + GUARANTEE;
        try (GatewayFixture fx =
                        GatewayFixture.start(Map.of("providers.yaml", PROVIDERS, "policy.yaml", policy), AWS_ENV);
                Sdk sdk = new Sdk(fx)) {
            AnthropicClient client = sdk.client();
            var global = client.messages().withRawResponse().create(params("claude-opus-4-5", "Plan a trip to Rome"));
            assertThat(global.parse().content().get(0).text().orElseThrow().text())
                    .isEqualTo("Echo: Plan a trip to Rome");
            assertThat(fx.upstream().takeRequest(Duration.ofSeconds(5)).path())
                    .isEqualTo("/model/global.anthropic.claude-opus-4-5-20251101-v1%3A0/invoke");

            // Health data asked of the global model goes to the EU profile instead, as the policy says.
            var health = client.messages().withRawResponse().create(params("claude-opus-4-5", HEALTH));
            assertThat(health.headers().values("x-sovereign-rule")).containsExactly("special-in-eu");
            assertThat(fx.upstream().takeRequest(Duration.ofSeconds(5)).path())
                    .isEqualTo("/model/eu.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke");

            String globalId = global.headers().values(Exchange.REQUEST_ID).get(0);
            String healthId = health.headers().values(Exchange.REQUEST_ID).get(0);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> decision(fx.dataDir(), healthId));
            AuditEvent.Route g = decision(fx.dataDir(), globalId).route();
            assertThat(g.provider()).isEqualTo("bedrock-global");
            assertThat(g.upstreamModel()).isEqualTo(GLOBAL_OPUS);
            assertThat(g.region()).isEqualTo("global");
            assertThat(g.jurisdiction()).isEqualTo("us");
            AuditEvent.Route h = decision(fx.dataDir(), healthId).route();
            assertThat(h.provider()).isEqualTo("bedrock-eu");
            assertThat(h.upstreamModel()).isEqualTo(EU_SONNET);
            assertThat(h.region()).isEqualTo("eu");
            assertThat(h.policyRoute()).isEqualTo("claude-eu");

            // The start-up report: bedrock-runtime has no model list to probe; what can fail is the credentials.
            assertThat(fx.gateway().probeProviders())
                    .contains(
                            "provider bedrock-eu (bedrock) at " + fx.upstream().baseUrl()
                                    + ": reachable; SigV4 with long-term AWS credentials from the AWS default chain");
        }
    }

    @Test
    void aPolicyThatWouldSendHealthDataToTheGlobalProfileDoesNotStart() {
        String policy = """
                rules:
                  - id: rest
                    action: forward
                """ + GUARANTEE;
        assertThatThrownBy(
                        () -> GatewayFixture.start(Map.of("providers.yaml", PROVIDERS, "policy.yaml", policy), AWS_ENV)
                                .close())
                .hasMessageContaining("guarantee 'health-data-in-eu-regions' can be broken")
                .hasMessageContaining("provider bedrock-global")
                .hasMessageContaining("sent as '" + GLOBAL_OPUS + "' (region global)");
    }

    @Test
    void explainShowsTheGlobalProfileOutsideTheEu() {
        try (GatewayFixture fx = GatewayFixture.start(Map.of("providers.yaml", PROVIDERS), AWS_ENV)) {
            Http.Response r = Http.send(Http.post(
                            fx.baseUrl() + "/v1/sovereign/explain?api=anthropic",
                            Http.anthropicBody("claude-opus-4-5", "hello", false))
                    .build());
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().path("decision").path("upstream_model").asText())
                    .isEqualTo(GLOBAL_OPUS);
            assertThat(r.json().path("decision").path("region").asText()).isEqualTo("global");
        }
    }

    @Test
    void aWrongSecretKeyIsRefusedByBedrockAndReachesTheClientAsAPermissionError() {
        Map<String, String> wrong = new HashMap<>(AWS_ENV);
        wrong.put("AWS_SECRET_ACCESS_KEY", "not-the-secret-key");
        try (GatewayFixture fx = GatewayFixture.start(Map.of("providers.yaml", PROVIDERS), wrong);
                Sdk sdk = new Sdk(fx)) {
            AnthropicClient client = sdk.client();
            assertThatThrownBy(() -> client.messages().create(params("claude-sonnet-4-5", "hello")))
                    .isInstanceOfSatisfying(PermissionDeniedException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.body().toString())
                                .contains("permission_error")
                                .contains("signature we calculated does not match")
                                .doesNotContain("not-the-secret-key");
                    });
        }
    }

    @Test
    void aBedrockApiKeyIsSentAsABearerToken() {
        String providers = """
                providers:
                  - id: bedrock-eu
                    kind: bedrock
                    region: eu-central-1
                    endpoint: ${UPSTREAM}
                    api_key_env: AWS_BEARER_TOKEN_BEDROCK
                    models:
                      - {pattern: claude-sonnet-4-5, upstream: %s}
                """.formatted(EU_SONNET);
        try (GatewayFixture fx = GatewayFixture.start(
                        Map.of("providers.yaml", providers),
                        Map.of("AWS_BEARER_TOKEN_BEDROCK", "ABSK-bedrock-api-key"),
                        new FakeUpstreamOptions().bedrockApiKey("ABSK-bedrock-api-key"));
                Sdk sdk = new Sdk(fx)) {
            AnthropicClient client = sdk.client();
            Message message = client.messages().create(params("claude-sonnet-4-5", "with a key"));
            assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo("Echo: with a key");
            RecordedRequest up = fx.upstream().takeRequest(Duration.ofSeconds(5));
            assertThat(up.header("authorization")).isEqualTo("Bearer ABSK-bedrock-api-key");
            assertThat(up.header("x-amz-date")).isNull();
            assertThat(fx.gateway().probeProviders())
                    .singleElement()
                    .asString()
                    .endsWith("reachable; Bedrock API key ****(env:AWS_BEARER_TOKEN_BEDROCK)");
        }
    }
}
