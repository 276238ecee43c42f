package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.config.ConfigLoader;
import dev.sovereign.config.GatewayConfig;
import dev.sovereign.policy.DefaultPolicy;
import dev.sovereign.policy.Policy;
import dev.sovereign.policy.PolicyLoader;
import dev.sovereign.policy.ProviderFacts;
import dev.sovereign.routing.ModelRouter;
import dev.sovereign.testing.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy a gateway runs without policy.yaml: secrets blocked, special categories local, personal data pseudonymized. */
class DefaultPolicyTest {
    static final String PROVIDERS = """
            providers:
              - id: anthropic
                kind: anthropic
                endpoint: ${UPSTREAM}
                api_key_env: ANTHROPIC_API_KEY
                region: us
                models: [{pattern: claude-*}]
              - id: local
                kind: openai-compatible
                endpoint: ${UPSTREAM}/v1
                api_key_env: OPENAI_API_KEY
                region: local
                profile: self-hosted-open-weights
                formats: [openai, anthropic]
                models: [{pattern: llama*}]
            """;

    static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(
                Map.of("providers.yaml", PROVIDERS), Map.of(DefaultPolicy.LOCAL_MODEL_ENV, "llama3.1:8b"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void reset() {
        fixture.upstream().reset();
    }

    static Http.Response chat(String text) {
        return Http.send(Http.post(
                        fixture.openAiBaseUrl() + "/chat/completions",
                        Http.openAiBody("claude-sonnet-4-5", text, false))
                .build());
    }

    @Test
    void secretsAreBlocked() {
        Http.Response r = chat("use password=Sup3rS3cretP4ss! for the db and AKIAIOSFODNN7EXAMPLE");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("x-sovereign-rule")).isEqualTo("secrets-never-leave");
        assertThat(r.json().path("error").path("message").asText()).contains("contains a secret");
        assertThat(fixture.upstream().requests()).isEmpty();
    }

    @Test
    void specialCategoryDataGoesToTheSelfHostedModel() {
        Http.Response r = chat("I was diagnosed with diabetes; what should I eat?");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("x-sovereign-route")).isEqualTo("local");
        RecordedRequest up = fixture.upstream().takeRequest(Duration.ofSeconds(5));
        assertThat(up.json().path("model").asText()).isEqualTo("llama3.1:8b");
    }

    @Test
    void personalDataIsPseudonymizedAndRestored() {
        Http.Response r = chat("Send the contract to jane.doe@example.org today");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("x-sovereign-rule")).isEqualTo("personal-data-pseudonymized");
        assertThat(r.header("x-sovereign-route")).isEqualTo("anthropic");
        assertThat(r.json()
                        .path("choices")
                        .get(0)
                        .path("message")
                        .path("content")
                        .asText())
                .isEqualTo("Echo: Send the contract to jane.doe@example.org today");
        RecordedRequest up = fixture.upstream().takeRequest(Duration.ofSeconds(5));
        assertThat(up.bodyAsString()).doesNotContain("jane.doe@example.org").contains("⟦EMAIL_1⟧");
    }

    @Test
    void everythingElseGoesWhereItsModelIsServed() {
        Http.Response r = chat("Write a haiku about autumn leaves.");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("x-sovereign-rule")).isEqualTo("everything-else");
        assertThat(r.header("x-sovereign-route")).isEqualTo("anthropic");
        JsonNode policy =
                Http.send(Http.get(fixture.baseUrl() + "/admin/policy").build()).json();
        assertThat(policy.path("source").asText()).isEqualTo("built-in default policy");
        assertThat(policy.path("guarantees")).hasSize(3);
    }

    @Test
    void withoutASelfHostedModelSpecialCategoryDataIsBlocked(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("providers.yaml"), """
                providers:
                  - id: anthropic
                    kind: anthropic
                    endpoint: https://api.anthropic.com
                    api_key_env: ANTHROPIC_API_KEY
                    region: us
                    models: [{pattern: claude-*}]
                  - id: claude-bedrock-eu
                    kind: openai-compatible
                    endpoint: https://bedrock.example/v1
                    region: eu-central-1
                    profile: claude-bedrock-eu
                    models: [{pattern: eu.claude-*}]
                """);
        GatewayConfig config = new ConfigLoader(Map.of("ANTHROPIC_API_KEY", "k")).load(dir);
        String yaml = DefaultPolicy.yaml(config, ProviderFacts.of(config), Map.of());
        Policy policy = new PolicyLoader(ProviderFacts.of(config), new ModelRouter(config.providers()))
                .load("built-in default policy", yaml);
        assertThat(policy.rules())
                .extracting(dev.sovereign.policy.Rule::id)
                .containsExactly(
                        "secrets-never-leave",
                        "special-categories-need-a-self-hosted-model",
                        "personal-data-pseudonymized",
                        "everything-else");
        assertThat(policy.routes()).containsOnlyKeys("claude-eu");
        assertThat(policy.rules().get(2).route()).isEqualTo("claude-eu");
    }
}
