package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.config.ConfigLoader;
import dev.sovereign.config.GatewayConfig;
import dev.sovereign.policy.DefaultPolicy;
import dev.sovereign.policy.Policy;
import dev.sovereign.policy.PolicyLoader;
import dev.sovereign.policy.ProviderFacts;
import dev.sovereign.routing.ModelRouter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in policy's EU route for Claude: a Bedrock provider in an EU region qualifies only with EU profiles. */
class BedrockDefaultPolicyTest {
    static Policy defaultPolicy(Path dir, String providers) throws Exception {
        Files.writeString(dir.resolve("providers.yaml"), providers);
        GatewayConfig config = new ConfigLoader(Map.of()).load(dir);
        String yaml = DefaultPolicy.yaml(config, ProviderFacts.of(config), Map.of());
        return new PolicyLoader(ProviderFacts.of(config), new ModelRouter(config.providers()))
                .load("built-in default policy", yaml);
    }

    @Test
    void aBedrockProviderWithEuProfilesIsTheEuRoute(@TempDir Path dir) throws Exception {
        Policy policy = defaultPolicy(dir, """
                providers:
                  - id: bedrock-eu
                    kind: bedrock
                    region: eu-central-1
                    models:
                      - {pattern: claude-sonnet-4-5, upstream: eu.anthropic.claude-sonnet-4-5-20250929-v1:0}
                """);
        assertThat(policy.routes()).containsOnlyKeys("claude-eu");
        assertThat(policy.routes().get("claude-eu").provider()).isEqualTo("bedrock-eu");
    }

    @Test
    void aBedrockProviderThatSendsGlobalProfilesIsNot(@TempDir Path dir) throws Exception {
        Policy policy = defaultPolicy(dir, """
                providers:
                  - id: bedrock-global
                    kind: bedrock
                    region: eu-central-1
                    models:
                      - {pattern: claude-sonnet-4-5, upstream: global.anthropic.claude-sonnet-4-5-20250929-v1:0}
                """);
        assertThat(policy.routes()).doesNotContainKey("claude-eu");
    }
}
