package dev.sovereign.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sovereign.config.ModelMapping;
import dev.sovereign.config.ProviderConfig;
import dev.sovereign.config.ProviderKind;
import dev.sovereign.config.Timeouts;
import dev.sovereign.config.WireFormat;
import dev.sovereign.routing.ModelRouter;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A Bedrock provider in an EU region still sends a {@code global.} inference profile anywhere: guarantees that keep
 * data in the EU must see the model's processing region, not the endpoint's.
 */
class BedrockResidencyTest {
    static final String EU_PROFILE = "eu.anthropic.claude-haiku-4-5-20251001-v1:0";
    static final String GLOBAL_PROFILE = "global.anthropic.claude-sonnet-4-5-20250929-v1:0";

    static final Map<String, ProviderFacts> PROVIDERS = Map.of(
            "bedrock-eu", new ProviderFacts("bedrock-eu", "eu-central-1", "us", ProviderKind.BEDROCK),
            "local", new ProviderFacts("local", "local", "eu"));
    static final ModelRouter ROUTER = new ModelRouter(List.of(
            new ProviderConfig(
                    "bedrock-eu",
                    ProviderKind.BEDROCK,
                    URI.create("https://bedrock-runtime.eu-central-1.amazonaws.com"),
                    "eu-central-1",
                    Optional.empty(),
                    Set.of(WireFormat.ANTHROPIC),
                    "claude-bedrock-eu",
                    Timeouts.DEFAULTS,
                    8,
                    List.of(
                            new ModelMapping("claude-haiku-4-5", EU_PROFILE),
                            new ModelMapping("claude-sonnet-4-5", GLOBAL_PROFILE)),
                    Optional.empty()),
            PolicyTest.provider("local", "llama*")));

    static final String GUARANTEE = """
            guarantees:
              - id: personal-data-in-the-eu
                categories: [pii.*]
                allow: {regions: [eu, local]}
            """;

    static Policy load(String yaml) {
        return new PolicyLoader(PROVIDERS, ROUTER).load("policy.yaml", yaml);
    }

    static RequestFacts facts(String model, Map<String, Integer> categories) {
        return new RequestFacts(
                WireFormat.ANTHROPIC,
                "messages",
                model,
                false,
                900,
                "k1",
                "team",
                "support",
                Set.of(),
                categories,
                List.of());
    }

    @Test
    void aPolicyThatCanSendPersonalDataToAGlobalProfileIsRefusedAtLoad() {
        assertThatThrownBy(() -> load("""
                        routes:
                          claude-eu: {provider: bedrock-eu}
                        rules:
                          - id: pii-to-bedrock
                            when: categories.exists(c, c.startsWith('pii.'))
                            action: forward
                            route: claude-eu
                          - id: rest
                            action: forward
                            route: claude-eu
                        """ + GUARANTEE))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("guarantee 'personal-data-in-the-eu' can be broken")
                .hasMessageContaining("claude-sonnet-4-5")
                .hasMessageContaining("sent as '" + GLOBAL_PROFILE + "' (region global)");
    }

    @Test
    void theSameProviderThroughItsEuProfileKeepsTheGuarantee() {
        Policy p = load("""
                routes:
                  claude-eu: {provider: bedrock-eu, model: %s}
                rules:
                  - id: pii-to-bedrock
                    when: categories.exists(c, c.startsWith('pii.'))
                    action: forward
                    route: claude-eu
                  - id: rest
                    action: forward
                """.formatted(EU_PROFILE) + GUARANTEE);
        Decision d = p.decide(facts("claude-sonnet-4-5", Map.of("pii.email", 1)));
        assertThat(d.upstreamModel()).isEqualTo(EU_PROFILE);
        assertThat(p.routeOf(d).region()).isEqualTo("eu");
        assertThat(p.route("claude-eu").orElseThrow().region()).isEqualTo("eu");
        assertThat(p.violations(facts("claude-sonnet-4-5", Map.of("pii.email", 1)), d))
                .isEmpty();
    }

    @Test
    void theRouteGuardRefusesPersonalDataBoundForAGlobalProfile() {
        Policy p = load("""
                routes:
                  claude-eu: {provider: bedrock-eu, model: %s}
                rules:
                  - id: pii-to-bedrock
                    when: categories.exists(c, c.startsWith('pii.'))
                    action: forward
                    route: claude-eu
                  - id: rest
                    action: forward
                """.formatted(EU_PROFILE) + GUARANTEE);
        // A decision the loaded rules never make, as a changed model map could: the guard checks where it goes.
        Decision global = new Decision(
                Decision.Action.FORWARD, "pii-to-bedrock", "bedrock-eu", GLOBAL_PROFILE, null, "claude-eu", null);
        assertThat(p.routeOf(global).region()).isEqualTo("global");
        assertThat(p.violations(facts("claude-sonnet-4-5", Map.of("pii.email", 1)), global))
                .extracting(Guarantee::id)
                .containsExactly("personal-data-in-the-eu");
        // Data without personal categories may go there.
        assertThat(p.violations(facts("claude-sonnet-4-5", Map.of()), global)).isEmpty();
    }

    @Test
    void explanationsAndRequestsByModelShowTheProfilesRegion() {
        Policy p = load("""
                rules:
                  - id: rest
                    action: forward
                """);
        Decision d = p.decide(facts("claude-sonnet-4-5", Map.of()));
        assertThat(d.upstreamModel()).isEqualTo(GLOBAL_PROFILE);
        assertThat(p.routeOf(d).region()).isEqualTo("global");
        assertThat(p.routeOf(p.decide(facts("claude-haiku-4-5", Map.of()))).region())
                .isEqualTo("eu");
    }
}
