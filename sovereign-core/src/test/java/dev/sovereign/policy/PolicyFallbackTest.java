package dev.sovereign.policy;

import static dev.sovereign.policy.PolicyTest.facts;
import static dev.sovereign.policy.PolicyTest.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A policy route's ordered targets: which become fallbacks, with which model, and which the guarantees allow. */
class PolicyFallbackTest {
    static final String POLICY = """
            routes:
              claude:
                targets:
                  - {provider: claude-eu, model: eu.claude-sonnet-4-5}
                  - {provider: not-configured, model: x}
                  - {provider: anthropic}
                  - {provider: local, model: llama3.1-70b}
              local-only: {provider: local, model: llama3.1-70b}
            rules:
              - id: everything
                when: "true"
                action: forward
                route: claude
            guarantees:
              - id: health-stays-in-eu
                categories: [special.*]
                allow: {jurisdictions: [eu], providers: [claude-eu]}
            """;

    @Test
    void theConfiguredTargetsAfterTheFirstAreFallbacksInOrderEachWithItsModel() {
        Policy policy = load(POLICY);
        Decision d = policy.decide(facts("chat", Map.of()));
        assertThat(d.providerId()).isEqualTo("claude-eu");
        assertThat(d.upstreamModel()).isEqualTo("eu.claude-sonnet-4-5");
        // anthropic has no model of its own here: its model map names the requested model (claude-* passes through)
        assertThat(d.fallbacks())
                .containsExactly(
                        new Decision.Target("anthropic", "claude-sonnet-4-5"),
                        new Decision.Target("local", "llama3.1-70b"));
        assertThat(policy.route("local-only").orElseThrow().fallbacks()).isEmpty();
    }

    @Test
    void aFallbackIsJudgedOnItsOwnJurisdictionAndDroppedWhenAGuaranteeForbidsIt() {
        Policy policy = load(POLICY);
        RequestFacts health = facts("chat", Map.of("special.health", 1));
        Decision d = policy.decide(health);
        assertThat(policy.violations(health, d)).isEmpty();
        // anthropic is under US jurisdiction: health data may not fall back there; local (EU) may
        Decision permitted = policy.withPermittedFallbacks(health, d);
        assertThat(permitted.fallbacks()).containsExactly(new Decision.Target("local", "llama3.1-70b"));
        assertThat(policy.routeOf(d.at(permitted.fallbacks().get(0))).jurisdiction())
                .isEqualTo("eu");
        assertThat(policy.routeOf(d.at(d.fallbacks().get(0))).jurisdiction()).isEqualTo("us");

        RequestFacts plain = facts("chat", Map.of());
        assertThat(policy.withPermittedFallbacks(plain, policy.decide(plain)).fallbacks())
                .hasSize(2);
    }

    @Test
    void providersListsKeepTheirOrderAndTheRouteModel() {
        Policy policy = load("""
                routes:
                  eu: {providers: [claude-eu, local], model: m1}
                rules:
                  - {id: all, when: "true", action: forward, route: eu}
                """);
        Decision d = policy.decide(facts("chat", Map.of()));
        assertThat(d.providerId()).isEqualTo("claude-eu");
        assertThat(d.fallbacks()).containsExactly(new Decision.Target("local", "m1"));
    }

    @Test
    void aMalformedTargetIsRefusedWithItsPlace() {
        assertThatThrownBy(() -> load("""
                        routes:
                          eu:
                            targets:
                              - {model: m1}
                        rules:
                          - {id: all, when: "true", action: forward, route: eu}
                        """))
                .hasMessageContaining("routes.eu.targets[0]")
                .hasMessageContaining("expected {provider: id, model: name}");
        assertThatThrownBy(() -> load("""
                        routes:
                          eu:
                            targets:
                              - {provider: local, modle: m1}
                        rules:
                          - {id: all, when: "true", action: forward, route: eu}
                        """)).hasMessageContaining("modle");
    }
}
