package dev.sovereign.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kind: bedrock} in providers.yaml: defaults, credentials, and the checks Bedrock would make later. */
class BedrockConfigTest {
    @TempDir
    Path dir;

    private GatewayConfig load(String providers, Map<String, String> env) throws IOException {
        Files.writeString(dir.resolve("providers.yaml"), providers);
        return new ConfigLoader(env).load(dir);
    }

    private GatewayConfig load(String providers) throws IOException {
        return load(providers, Map.of());
    }

    @Test
    void theEndpointFollowsTheRegionAndTheDefaultChainSignsWithoutAKey() throws IOException {
        ProviderConfig p = load("""
                        providers:
                          - id: bedrock-eu
                            kind: bedrock
                            region: eu-central-1
                            models:
                              - {pattern: claude-sonnet-4-5, upstream: eu.anthropic.claude-sonnet-4-5-20250929-v1:0}
                        """).providers().get(0);
        assertThat(p.kind()).isEqualTo(ProviderKind.BEDROCK);
        assertThat(p.endpoint()).hasToString("https://bedrock-runtime.eu-central-1.amazonaws.com");
        assertThat(p.credential()).isEmpty();
        assertThat(p.formats()).isEqualTo(Set.of(WireFormat.ANTHROPIC));
        assertThat(p.profile()).isEqualTo("claude-bedrock-eu");
        assertThat(p.regionOf("eu.anthropic.claude-sonnet-4-5-20250929-v1:0")).isEqualTo("eu");
    }

    @Test
    void aBedrockProviderInLondonOrZurichIsNotGivenTheEuProfile() throws IOException {
        for (String region : new String[] {"eu-west-2", "eu-central-2"}) {
            ProviderConfig p = load("""
                            providers:
                              - id: bedrock-near
                                kind: bedrock
                                region: %s
                                models:
                                  - {pattern: claude-sonnet-4-5, upstream: anthropic.claude-sonnet-4-5-20250929-v1:0}
                            """.formatted(region)).providers().get(0);
            assertThat(p.regionOf("anthropic.claude-sonnet-4-5-20250929-v1:0")).isEqualTo(region);
            assertThat(p.profile()).as(region).isEqualTo("bedrock-near");
        }
    }

    @Test
    void aBedrockApiKeyIsTakenFromTheEnvironmentAndTheEndpointCanBeOverridden() throws IOException {
        GatewayConfig config = load("""
                        providers:
                          - id: bedrock-vpc
                            kind: bedrock
                            region: eu-west-1
                            endpoint: https://vpce-0a1b.bedrock-runtime.eu-west-1.vpce.amazonaws.com/
                            api_key_env: AWS_BEARER_TOKEN_BEDROCK
                            models:
                              - {pattern: "anthropic.*"}
                        """, Map.of("AWS_BEARER_TOKEN_BEDROCK", "ABSKbedrock-key"));
        ProviderConfig p = config.providers().get(0);
        assertThat(p.endpoint()).hasToString("https://vpce-0a1b.bedrock-runtime.eu-west-1.vpce.amazonaws.com");
        assertThat(p.credential().orElseThrow().reveal()).isEqualTo("ABSKbedrock-key");
        assertThat(config.describe()).contains("region eu-west-1").doesNotContain("ABSKbedrock-key");
    }

    @Test
    void aGlobalProfileMakesTheDefaultSovereigntyProfileTheGlobalOne() throws IOException {
        ProviderConfig p = load("""
                        providers:
                          - id: bedrock-global
                            kind: bedrock
                            region: eu-central-1
                            models:
                              - {pattern: claude-haiku-4-5, upstream: eu.anthropic.claude-haiku-4-5-20251001-v1:0}
                              - {pattern: claude-sonnet-4-5, upstream: global.anthropic.claude-sonnet-4-5-20250929-v1:0}
                        """).providers().get(0);
        assertThat(p.profile()).isEqualTo("claude-bedrock-global");
        assertThat(p.regionOf("global.anthropic.claude-sonnet-4-5-20250929-v1:0"))
                .isEqualTo("global");
        assertThat(p.regionOf("eu.anthropic.claude-haiku-4-5-20251001-v1:0")).isEqualTo("eu");
    }

    @Test
    void theRegionIsRequiredAndNamedWithItsLine() {
        assertThatThrownBy(() -> load("""
                        providers:
                          - id: bedrock-eu
                            kind: bedrock
                            models: [{pattern: claude-x, upstream: anthropic.claude-x-v1:0}]
                        """))
                .hasMessage("providers.yaml:2: providers[0] (bedrock-eu).region: required for a bedrock provider:"
                        + " the AWS region of its Bedrock endpoint, such as eu-central-1");
        assertThatThrownBy(() -> load("""
                        providers:
                          - id: bedrock-eu
                            kind: bedrock
                            region: eu
                            models: [{pattern: claude-x, upstream: anthropic.claude-x-v1:0}]
                        """))
                .hasMessage("providers.yaml:4: providers[0] (bedrock-eu).region: 'eu' is not an AWS region name"
                        + " (such as eu-central-1)");
    }

    @Test
    void anInferenceProfileOfAnotherGeographyIsRefusedAtItsLine() {
        assertThatThrownBy(() -> load("""
                        providers:
                          - id: bedrock-eu
                            kind: bedrock
                            region: eu-central-1
                            models:
                              - pattern: claude-haiku-4-5
                                upstream: eu.anthropic.claude-haiku-4-5-20251001-v1:0
                              - pattern: claude-sonnet-4-5
                                upstream: us.anthropic.claude-sonnet-4-5-20250929-v1:0
                        """))
                .hasMessage("providers.yaml:9: providers[0] (bedrock-eu).models[1].upstream:"
                        + " 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' is an inference profile of geography 'us',"
                        + " which Bedrock serves only from us-* regions, and the provider's region is eu-central-1");
    }

    @Test
    void aNameThatIsNotABedrockModelIdIsRefused() {
        assertThatThrownBy(() -> load("""
                        providers:
                          - id: bedrock-eu
                            kind: bedrock
                            region: eu-central-1
                            models:
                              - pattern: "claude-*"
                        """))
                .hasMessageStartingWith("providers.yaml:6: providers[0] (bedrock-eu).models[0].pattern: 'claude-*' is"
                        + " sent to Bedrock as the model asked for, which must be a Bedrock model id; add upstream:");
        assertThatThrownBy(() -> load("""
                        providers:
                          - id: bedrock-eu
                            kind: bedrock
                            region: eu-central-1
                            models:
                              - {pattern: sonnet, upstream: claude-sonnet-4-5}
                        """))
                .hasMessageStartingWith("providers.yaml:6: providers[0] (bedrock-eu).models[0].upstream:"
                        + " 'claude-sonnet-4-5' is not a Bedrock model id;");
    }

    @Test
    void bedrockServesTheAnthropicFormatOnly() {
        assertThatThrownBy(() -> load("""
                        providers:
                          - id: bedrock-eu
                            kind: bedrock
                            region: eu-central-1
                            formats: [openai, anthropic]
                            models: [{pattern: claude-x, upstream: anthropic.claude-x-v1:0}]
                        """))
                .hasMessageStartingWith("providers.yaml:5: providers[0] (bedrock-eu).formats: a bedrock provider"
                        + " serves the anthropic format only");
    }

    @Test
    void aMissingKeyVariableIsNamedWithoutAnyValue() {
        assertThatThrownBy(() -> load("""
                        providers:
                          - id: bedrock-eu
                            kind: bedrock
                            region: eu-central-1
                            api_key_file: /nonexistent/bedrock-key
                            models: [{pattern: claude-x, upstream: anthropic.claude-x-v1:0}]
                        """))
                .hasMessage("providers.yaml:5: providers[0] (bedrock-eu).api_key_file: /nonexistent/bedrock-key cannot"
                        + " be read (NoSuchFileException)");
    }
}
