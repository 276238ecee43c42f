package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.audit.AuditQuery;
import dev.sovereign.audit.StoredEvent;
import dev.sovereign.config.AuditConfig;
import dev.sovereign.gateway.wire.Exchange;
import dev.sovereign.store.AuditStores;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A policy in force over real sockets: block, route by data, guarantees recorded, hot reload that refuses a bad policy. */
class PolicyGatewayTest {
    static final String PROVIDERS = """
            providers:
              - id: anthropic
                kind: anthropic
                endpoint: ${UPSTREAM}
                api_key_env: ANTHROPIC_API_KEY
                region: us
                models:
                  - pattern: claude-*
              - id: local
                kind: openai-compatible
                endpoint: ${UPSTREAM}/v1
                api_key_env: OPENAI_API_KEY
                region: local
                profile: self-hosted-open-weights
                formats: [openai, anthropic]
                models:
                  - pattern: llama*
            """;

    static final String POLICY = """
            routes:
              self-hosted: {provider: local, model: llama3.1-70b}
            rules:
              - id: secrets-stay-home
                when: categories.exists(c, c.startsWith('secret.'))
                action: block
                message: Secrets may not be sent to an AI model; remove the key and try again.
              - id: special-categories-self-hosted
                when: categories.exists(c, c.startsWith('special.'))
                action: forward
                route: self-hosted
              - id: emails-pseudonymized
                when: categories.exists(c, c == 'pii.email')
                action: redact
                categories: [pii.email]
              - id: by-model
                action: forward
            guarantees:
              - id: secrets-never-leave
                categories: [secret.*]
                allow: none
              - id: special-categories-in-eu
                description: Health and other special-category data stay under EU jurisdiction.
                categories: [special.*]
                allow: {jurisdictions: [eu]}
            """;

    static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(Map.of("providers.yaml", PROVIDERS, "policy.yaml", POLICY));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void reset() throws Exception {
        fixture.upstream().reset();
        Files.writeString(fixture.configDir().resolve("policy.yaml"), POLICY);
        Http.send(Http.post(fixture.baseUrl() + "/admin/policy/reload", "").build());
    }

    static Http.Response anthropic(String text) {
        return Http.send(Http.post(
                        fixture.baseUrl() + "/v1/messages",
                        Http.anthropicBody("claude-sonnet-4-5", text, false),
                        "anthropic-version",
                        "2023-06-01")
                .build());
    }

    @Test
    void secretsAreBlockedWithTheRulesMessageAndNeverLeave() {
        Http.Response r = anthropic("deploy with AKIAIOSFODNN7EXAMPLE please");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("x-sovereign-error")).isEqualTo("sovereign.blocked_by_policy");
        assertThat(r.header("x-sovereign-rule")).isEqualTo("secrets-stay-home");
        assertThat(r.json().path("error").path("message").asText())
                .isEqualTo("Secrets may not be sent to an AI model; remove the key and try again.");
        assertThat(r.body()).doesNotContain("AKIAIOSFODNN7EXAMPLE");
        assertThat(fixture.upstream().requests()).isEmpty();
    }

    @Test
    void specialCategoryDataGoesToTheSelfHostedRouteAndTheGuaranteesAreRecorded() {
        Http.Response r = Http.send(Http.post(
                        fixture.openAiBaseUrl() + "/chat/completions",
                        Http.openAiBody(
                                "claude-sonnet-4-5",
                                "My patient has diabetes and takes insulin; draft a diet plan.",
                                false))
                .build());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("x-sovereign-route")).isEqualTo("local");
        assertThat(r.header("x-sovereign-rule")).isEqualTo("special-categories-self-hosted");
        assertThat(fixture.upstream().requests()).singleElement().satisfies(q -> {
            assertThat(q.path()).isEqualTo("/v1/chat/completions");
            assertThat(q.json().path("model").asText()).isEqualTo("llama3.1-70b");
        });
        String id = r.header(Exchange.REQUEST_ID);
        await().atMost(Duration.ofSeconds(5)).until(() -> decision(id) != null);
        JsonNode event = decision(id);
        assertThat(event.path("route").path("jurisdiction").asText()).isEqualTo("eu");
        assertThat(event.path("route").path("policy_route").asText()).isEqualTo("self-hosted");
        assertThat(event.path("route").has("redacted")).isFalse();
        assertThat(event.path("guarantees").toString())
                .contains("{\"held\":true,\"id\":\"secrets-never-leave\"}")
                .contains("{\"held\":true,\"id\":\"special-categories-in-eu\"}");

        Http.Response plain = anthropic("Write a haiku about autumn.");
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.header("x-sovereign-route")).isEqualTo("anthropic");
    }

    @Test
    void aDecisionEventNamesTheCategoriesReplacedBeforeForwarding() {
        Http.Response r = anthropic("Please answer jane.doe@example.org and mention nothing else.");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("x-sovereign-rule")).isEqualTo("emails-pseudonymized");
        assertThat(fixture.upstream().requests())
                .singleElement()
                .satisfies(q -> assertThat(q.json().toString())
                        .doesNotContain("jane.doe@example.org")
                        .contains("⟦EMAIL_1⟧"));
        String id = r.header(Exchange.REQUEST_ID);
        await().atMost(Duration.ofSeconds(5)).until(() -> decision(id) != null);
        JsonNode route = decision(id).path("route");
        assertThat(route.path("action").asText()).isEqualTo("redact");
        assertThat(route.path("redacted").toString()).isEqualTo("[\"pii.email\"]");
        assertThat(route.has("policy_route")).isFalse();
    }

    static JsonNode decision(String requestId) {
        try (var store = AuditStores.open(AuditConfig.defaults(fixture.dataDir()))) {
            List<StoredEvent> events = store.query(new AuditQuery(
                            null, null, "decision", requestId, null, null, null, null, null, null, null, 10, null))
                    .events();
            return events.isEmpty()
                    ? null
                    : dev.sovereign.audit.AuditJson.mapper()
                            .valueToTree(events.get(0).event());
        }
    }

    @Test
    void aReloadThatBreaksAGuaranteeIsRefusedAndTheRunningPolicyStays() throws Exception {
        String broken = POLICY.replace("    route: self-hosted\n", "");
        Files.writeString(fixture.configDir().resolve("policy.yaml"), broken);
        Http.Response reload = Http.send(
                Http.post(fixture.baseUrl() + "/admin/policy/reload", "").build());
        assertThat(reload.status()).isEqualTo(422);
        assertThat(reload.json().path("accepted").asBoolean()).isFalse();
        assertThat(reload.json().path("message").asText())
                .contains("guarantee 'special-categories-in-eu' can be broken")
                .contains("by rule 'special-categories-self-hosted'")
                .contains("jurisdiction us");
        Http.Response ready = Http.send(Http.get(fixture.baseUrl() + "/readyz").build());
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("policy").path("rejected").asText()).contains("can be broken");
        // The running policy still sends health data to the self-hosted route.
        assertThat(anthropic("The patient has diabetes.").header("x-sovereign-route"))
                .isEqualTo("local");
    }

    @Test
    void eachDecisionEventNamesThePolicyThatDecidedIt() throws Exception {
        String before = Http.send(Http.get(fixture.baseUrl() + "/admin/policy").build())
                .json()
                .path("sha256")
                .asText();
        assertThat(before).hasSize(64);
        String first = anthropic("Write a haiku.").header(Exchange.REQUEST_ID);
        Files.writeString(
                fixture.configDir().resolve("policy.yaml"),
                POLICY.replace("  - id: by-model\n", "  - id: by-model-2\n"));
        Http.Response reload = Http.send(
                Http.post(fixture.baseUrl() + "/admin/policy/reload", "").build());
        assertThat(reload.status()).as(reload.body()).isEqualTo(200);
        String after = Http.send(Http.get(fixture.baseUrl() + "/admin/policy").build())
                .json()
                .path("sha256")
                .asText();
        assertThat(after).isNotEqualTo(before);
        Http.Response r = anthropic("Write another haiku.");
        assertThat(r.header("x-sovereign-rule")).isEqualTo("by-model-2");
        String second = r.header(Exchange.REQUEST_ID);
        await().atMost(Duration.ofSeconds(5)).until(() -> decision(first) != null && decision(second) != null);
        assertThat(decision(first).path("route").path("policy").asText()).isEqualTo(before);
        assertThat(decision(first).path("route").path("rule").asText()).isEqualTo("by-model");
        assertThat(decision(second).path("route").path("policy").asText()).isEqualTo(after);
    }

    @Test
    void aChangedPolicyFileIsLoadedByItself() throws Exception {
        String stricter = POLICY.replace(
                "  - id: by-model\n    action: forward\n",
                "  - id: nothing-else\n    action: block\n    message: Only special-category requests are served here.\n");
        Files.writeString(fixture.configDir().resolve("policy.yaml"), stricter);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> anthropic("Write a haiku.").status() == 403);
        Http.Response r = anthropic("Write a haiku.");
        assertThat(r.header("x-sovereign-rule")).isEqualTo("nothing-else");
        JsonNode policy =
                Http.send(Http.get(fixture.baseUrl() + "/admin/policy").build()).json();
        assertThat(policy.path("rules").get(3).path("id").asText()).isEqualTo("nothing-else");
        assertThat(policy.path("guarantees")).hasSize(2);
    }

    @Test
    void aFixedFileReplacesTheRejectedOneAndClearsItsRejectionByItself() throws Exception {
        Files.writeString(fixture.configDir().resolve("policy.yaml"), POLICY.replace("action: block", "action: blok"));
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> policyBody().has("rejected"));
        String fixed = POLICY.replace("Secrets may not be sent", "Secrets never leave");
        Files.writeString(fixture.configDir().resolve("policy.yaml"), fixed);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !policyBody().has("rejected"));
        assertThat(policyBody().path("rules").get(0).path("message").asText()).startsWith("Secrets never leave");
    }

    @Test
    void aPolicyFileCreatedAfterStartIsLoadedByItselfAndOnReload() throws Exception {
        try (GatewayFixture bare = GatewayFixture.start(Map.of("providers.yaml", PROVIDERS))) {
            Http.Response none = Http.send(
                    Http.post(bare.baseUrl() + "/admin/policy/reload", "").build());
            assertThat(none.status()).isEqualTo(200);
            assertThat(none.json().path("changed").asBoolean()).isFalse();
            assertThat(none.json().path("message").asText())
                    .isEqualTo(
                            "no policy.yaml in " + bare.configDir() + ": the built-in default policy stays in force");
            assertThat(Http.send(Http.get(bare.baseUrl() + "/admin/policy").build())
                            .json()
                            .path("source")
                            .asText())
                    .isEqualTo("built-in default policy");

            Files.writeString(bare.configDir().resolve("policy.yaml"), POLICY);
            Http.Response loaded = Http.send(
                    Http.post(bare.baseUrl() + "/admin/policy/reload", "").build());
            assertThat(loaded.status()).isEqualTo(200);
            assertThat(loaded.json().path("message").asText())
                    .startsWith("loaded from " + bare.configDir().resolve("policy.yaml") + ": 4 rules");
            assertThat(Http.send(Http.get(bare.baseUrl() + "/admin/policy").build())
                            .json()
                            .path("source")
                            .asText())
                    .isEqualTo("policy.yaml");

            Files.delete(bare.configDir().resolve("policy.yaml"));
            Http.Response gone = Http.send(
                    Http.post(bare.baseUrl() + "/admin/policy/reload", "").build());
            assertThat(gone.json().path("message").asText()).contains("the policy loaded from it stays in force");
            assertThat(Http.send(Http.get(bare.baseUrl() + "/admin/policy").build())
                            .json()
                            .path("source")
                            .asText())
                    .isEqualTo("policy.yaml");
        }
        try (GatewayFixture bare = GatewayFixture.start(Map.of("providers.yaml", PROVIDERS))) {
            Files.writeString(bare.configDir().resolve("policy.yaml"), POLICY);
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> Http.send(
                                    Http.get(bare.baseUrl() + "/admin/policy").build())
                            .json()
                            .path("source")
                            .asText()
                            .equals("policy.yaml"));
        }
    }

    private static JsonNode policyBody() throws Exception {
        return Http.send(Http.get(fixture.baseUrl() + "/admin/policy").build()).json();
    }

    @Test
    void aGatewayDoesNotStartOnABrokenPolicy() {
        assertThatThrownBy(() -> GatewayFixture.start(Map.of(
                        "providers.yaml",
                        PROVIDERS,
                        "policy.yaml",
                        POLICY.replace("categories.exists(c, c.startsWith('secret.'))", "categorys.size() > 0"))))
                .hasMessageContaining("policy.yaml:")
                .hasMessageContaining("rules[0] (secrets-stay-home).when")
                .hasMessageContaining("undeclared reference to 'categorys'");
    }
}
