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

class PolicyTest {
    static final Map<String, ProviderFacts> PROVIDERS = Map.of(
            "anthropic", new ProviderFacts("anthropic", "us", "us"),
            "claude-eu", new ProviderFacts("claude-eu", "eu-central-1", "us"),
            "local", new ProviderFacts("local", "local", "eu"));
    static final ModelRouter ROUTER = new ModelRouter(List.of(
            provider("anthropic", "claude-*"), provider("claude-eu", "eu.claude-*"), provider("local", "llama*")));

    static ProviderConfig provider(String id, String pattern) {
        return new ProviderConfig(
                id,
                ProviderKind.OPENAI_COMPATIBLE,
                URI.create("http://localhost/v1"),
                "x",
                Optional.empty(),
                Set.of(WireFormat.OPENAI),
                id,
                Timeouts.DEFAULTS,
                8,
                List.of(new ModelMapping(pattern, null)),
                Optional.empty());
    }

    static Policy load(String yaml) {
        return new PolicyLoader(PROVIDERS, ROUTER).load("policy.yaml", yaml);
    }

    static RequestFacts facts(String workload, Map<String, Integer> categories, String... labels) {
        return new RequestFacts(
                WireFormat.OPENAI,
                "chat.completions",
                "claude-sonnet-4-5",
                false,
                1200,
                "k1",
                "team",
                workload,
                Set.of(labels),
                categories,
                List.of());
    }

    static final String ROUTES = """
            routes:
              self-hosted: {provider: local, model: llama3.1-70b}
              claude-eu: {providers: [bedrock-eu-not-configured, claude-eu], model: eu.claude-sonnet-4-5}
            """;

    static final String GOOD = ROUTES + """
            rules:
              - id: secrets-block
                when: categories.exists(c, c.startsWith('secret.'))
                action: block
                message: Secrets may not be sent to an AI model.
              - id: special-local
                when: categories.exists(c, c.startsWith('special.')) || workload == 'hr-assistant'
                action: forward
                route: self-hosted
              - id: pii-pseudonymized-eu
                when: categories.exists(c, c.startsWith('pii.'))
                action: redact
                mode: pseudonymize
                categories: [pii.*]
                route: claude-eu
              - id: by-model
                action: forward
            guarantees:
              - id: secrets-never-leave
                categories: [secret.*]
                allow: none
              - id: special-stays-self-hosted
                categories: [special.*]
                allow: {jurisdictions: [eu]}
              - id: hr-self-hosted
                workloads: [hr-assistant]
                allow: {providers: [local]}
              - id: personal-data-in-eu-regions
                categories: [pii.*]
                allow: {regions: [eu, local]}
            """;

    @Test
    void theFirstMatchingRuleDecides() {
        Policy p = load(GOOD);
        Decision secret = p.decide(facts("chat", Map.of("secret.aws_access_key", 1, "special.health", 1)));
        assertThat(secret.action()).isEqualTo(Decision.Action.BLOCK);
        assertThat(secret.ruleId()).isEqualTo("secrets-block");
        assertThat(secret.message()).isEqualTo("Secrets may not be sent to an AI model.");

        Decision special = p.decide(facts("chat", Map.of("special.health", 1, "pii.email", 1)));
        assertThat(special.ruleId()).isEqualTo("special-local");
        assertThat(special.providerId()).isEqualTo("local");
        assertThat(special.upstreamModel()).isEqualTo("llama3.1-70b");
        assertThat(special.route()).isEqualTo("self-hosted");
        assertThat(special.redaction()).isNull();

        Decision pii = p.decide(facts("chat", Map.of("pii.email", 2)));
        assertThat(pii.actionId()).isEqualTo("redact");
        assertThat(pii.providerId())
                .as("the first configured provider of the route")
                .isEqualTo("claude-eu");
        assertThat(pii.upstreamModel()).isEqualTo("eu.claude-sonnet-4-5");
        assertThat(pii.redaction().mode()).isEqualTo(dev.sovereign.redact.RedactionMode.PSEUDONYMIZE);
        assertThat(pii.redaction().covers("pii.national_id.fr")).isTrue();
        assertThat(pii.redaction().covers("financial.iban")).isFalse();

        Decision plain = p.decide(facts("chat", Map.of()));
        assertThat(plain.ruleId()).isEqualTo("by-model");
        assertThat(plain.providerId()).isEqualTo("anthropic");
        assertThat(plain.upstreamModel()).isEqualTo("claude-sonnet-4-5");
        assertThat(plain.route()).isNull();

        assertThat(p.decide(facts("hr-assistant", Map.of())).providerId()).isEqualTo("local");
        assertThat(p.violations(facts("chat", Map.of("pii.email", 2)), pii)).isEmpty();
    }

    @Test
    void aRuleOrderThatLetsCombinedDataThroughIsRefusedWithACounterexample() {
        // pii before special: a request with both is pseudonymized for pii only and its health data goes to a
        // US-controlled provider. Each rule looks right on its own.
        String yaml = ROUTES + """
                rules:
                  - id: pii-pseudonymized-eu
                    when: categories.exists(c, c.startsWith('pii.'))
                    action: redact
                    categories: [pii.*]
                    route: claude-eu
                  - id: special-local
                    when: categories.exists(c, c.startsWith('special.'))
                    action: forward
                    route: self-hosted
                  - id: rest
                    action: forward
                    route: self-hosted
                guarantees:
                  - id: special-stays-self-hosted
                    categories: [special.*]
                    allow: {jurisdictions: [eu]}
                """;
        assertThatThrownBy(() -> load(yaml))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("policy.yaml:")
                .hasMessageContaining("guarantee 'special-stays-self-hosted' can be broken")
                .hasMessageContaining("route 'claude-eu' (provider claude-eu, jurisdiction us)")
                .hasMessageContaining("by rule 'pii-pseudonymized-eu'")
                .hasMessageContaining("pii.")
                .hasMessageContaining("not redacted: [special.");
    }

    @Test
    void aFallThroughToModelRoutingIsCheckedForEveryModelMap() {
        String yaml = ROUTES + """
                rules:
                  - id: hr
                    when: workload == 'hr-assistant' && request.stream
                    action: forward
                    route: self-hosted
                  - id: by-model
                    action: forward
                guarantees:
                  - id: hr-self-hosted
                    workloads: [hr-assistant]
                    allow: {providers: [local]}
                """;
        assertThatThrownBy(() -> load(yaml))
                .hasMessageContaining("guarantee 'hr-self-hosted' can be broken")
                .hasMessageContaining("workload 'hr-assistant'")
                .hasMessageContaining("by rule 'by-model'");
    }

    @Test
    void redactingTheProtectedCategoriesKeepsAGuarantee() {
        String yaml = ROUTES + """
                rules:
                  - id: mask-everything-personal
                    action: redact
                    mode: mask
                    categories: [pii.*, special.*, secret.*]
                    route: claude-eu
                guarantees:
                  - id: secrets-never-leave
                    categories: [secret.*]
                    allow: none
                  - id: special-in-eu
                    categories: [special.*]
                    allow: {jurisdictions: [eu]}
                """;
        Policy p = load(yaml);
        GuaranteeChecker.Result r = new GuaranteeChecker(p).check();
        assertThat(r.holds()).isTrue();
        assertThat(r.exhaustive()).isTrue();
        assertThat(r.inputs()).isPositive();
    }

    @Test
    void problemsInFlowStyleRulesAndRoutesAreReportedAtTheirLine() {
        String yaml = ROUTES + """
                rules:
                  - {id: fine, when: "true", action: forward}

                  - {id: typo, when: "categorie.size() > 0", action: block, message: no}
                """;
        assertThatThrownBy(() -> load(yaml))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("policy.yaml:7: rules[1] (typo).when: 1:1: undeclared reference");
        String route = ROUTES.replaceFirst("provider: [a-z-]+", "provider: nowhere");
        int routeLine = route.substring(0, route.indexOf("nowhere")).split("\n", -1).length;
        assertThatThrownBy(() -> load(route + "rules:\n  - {id: all, action: forward}\n"))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("policy.yaml:" + routeLine + ": ");
    }

    @Test
    void conditionErrorsNameTheRuleTheLineAndThePosition() {
        String yaml = ROUTES + """
                rules:
                  - id: typo
                    when: categorie.exists(c, c == 'pii.email')
                    action: block
                    message: no
                """;
        assertThatThrownBy(() -> load(yaml))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("policy.yaml:6: rules[0] (typo).when: 1:1: undeclared reference to 'categorie'");
        assertThatThrownBy(() -> load(ROUTES + """
                        rules:
                          - id: types
                            when: workload + 1 == 2
                            action: forward
                        """))
                .hasMessageContaining("rules[0] (types).when: 1:10: found no matching overload for '_+_'");
        assertThatThrownBy(() -> load(ROUTES + """
                        rules:
                          - id: not-bool
                            when: workload
                            action: forward
                        """)).hasMessageContaining("expected type 'bool' but found 'string'");
    }

    @Test
    void aBareFamilyNameIsRefusedWhereverACategoryPatternIsRead() {
        assertThatThrownBy(() -> load(ROUTES + "rules:\n  - {id: a, action: redact, categories: [pii]}\n"))
                .hasMessageContaining("rules[0] (a).categories: 'pii' names a family, not a category: write 'pii.*'");
        assertThatThrownBy(() -> load(ROUTES + """
                        rules:
                          - {id: a, action: forward}
                        guarantees:
                          - {id: g, categories: [special], allow: {jurisdictions: [eu]}}
                        """))
                .hasMessageContaining("'special' names a family, not a category: write 'special.*'");
        assertThatThrownBy(() -> load(ROUTES + "rules:\n  - {id: a, action: redact, categories: [PII.Email]}\n"))
                .hasMessageContaining(
                        "'PII.Email' is not a category (pii.email), a family (pii.*, pii.national_id.*) or *");
        assertThatThrownBy(
                        () -> load(ROUTES + "rules:\n  - {id: a, action: redact, categories: [pii.*], mode: hash}\n"))
                .hasMessageContaining("'hash' is not one of: mask, pseudonymize");
    }

    @Test
    void theRedactionOfARuleSelectsWhatTheRedactorReplaces() {
        Policy p = load(ROUTES
                + "rules:\n  - {id: a, action: redact, categories: [pii.national_id.*, secret.jwt], mode: mask}\n");
        Redaction r = p.rules().get(0).redaction();
        dev.sovereign.redact.CategorySelector selector = dev.sovereign.redact.CategorySelector.of(r.categories());
        for (String c : List.of(
                "pii.national_id.fr", "pii.national_id", "secret.jwt", "pii.email", "pii.national_idx", "secret")) {
            assertThat(selector.matches(c)).as(c).isEqualTo(r.covers(c));
        }
        assertThat(r.covers("pii.national_id.fr")).isTrue();
        assertThat(r.covers("pii.national_idx")).isFalse();
        assertThat(r.mode()).isEqualTo(dev.sovereign.redact.RedactionMode.MASK);
    }

    @Test
    void referencesAndShapesAreChecked() {
        assertThatThrownBy(() -> load(ROUTES + "rules:\n  - {id: a, action: forward, route: nowhere}\n"))
                .hasMessageContaining("rules[0] (a).route: no route named 'nowhere'");
        assertThatThrownBy(() -> load(ROUTES + "rules:\n  - {id: a, action: allow}\n"))
                .hasMessageContaining("'allow' is not one of: forward, redact, block");
        assertThatThrownBy(() -> load(ROUTES + "rules:\n  - {id: a, action: block}\n"))
                .hasMessageContaining("a block rule needs a message");
        assertThatThrownBy(() -> load(ROUTES + "rules:\n  - {id: a, action: redact, route: self-hosted}\n"))
                .hasMessageContaining("name the categories to redact");
        assertThatThrownBy(() -> load(ROUTES + "rules:\n  - {id: a, action: forward, wehn: 'true'}\n"))
                .hasMessageContaining("unknown setting 'wehn'");
        assertThatThrownBy(() -> load("routes:\n  x: {provider: nope}\nrules:\n  - {id: a, action: forward}\n"))
                .hasMessageContaining("routes.x: none of its providers [nope] is configured");
        assertThatThrownBy(() -> load(ROUTES + "rules:\n  - {id: a, action: forward}\n  - {id: a, action: forward}\n"))
                .hasMessageContaining("another rule has the id 'a'");
        assertThatThrownBy(() -> load(ROUTES + """
                        rules:
                          - {id: a, action: forward}
                        guarantees:
                          - {id: g, categories: [special.*], allow: {jurisdictions: [mars]}}
                        """)).hasMessageContaining("'mars' is not one of");
        assertThatThrownBy(() -> load("rules: [\n"))
                .hasMessageContaining("policy.yaml")
                .hasMessageContaining("YAML");
    }

    @Test
    void aConditionThatFailsAtRunTimeBlocks() {
        Policy p = load(ROUTES + """
                rules:
                  - id: strict-count
                    when: categories['pii.email'] > 0
                    action: forward
                    route: self-hosted
                  - id: rest
                    action: forward
                    route: self-hosted
                """);
        Decision d = p.decide(facts("chat", Map.of("pii.phone", 1)));
        assertThat(d.action()).isEqualTo(Decision.Action.BLOCK);
        assertThat(d.ruleId()).isEqualTo("strict-count");
        assertThat(d.message()).contains("could not be evaluated");
        assertThat(p.decide(facts("chat", Map.of("pii.email", 1))).ruleId()).isEqualTo("strict-count");
    }

    @Test
    void noMatchingRuleBlocks() {
        Policy p = load(ROUTES + """
                rules:
                  - id: only-labelled
                    when: "'public' in labels"
                    action: forward
                    route: claude-eu
                """);
        assertThat(p.decide(facts("chat", Map.of(), "public")).action()).isEqualTo(Decision.Action.FORWARD);
        Decision none = p.decide(facts("chat", Map.of()));
        assertThat(none.action()).isEqualTo(Decision.Action.BLOCK);
        assertThat(none.ruleId()).isEqualTo(Policy.NO_RULE);
    }

    @Test
    void theRouteGuardFindsADecisionThatBreaksAGuarantee() {
        Policy p = load(GOOD);
        RequestFacts health = facts("chat", Map.of("special.health", 1, "pii.email", 1));
        Decision toUs = Decision.forward("client-asked", "anthropic", "claude-sonnet-4-5");
        assertThat(p.violations(health, toUs))
                .extracting(Guarantee::id)
                .containsExactly("special-stays-self-hosted", "personal-data-in-eu-regions");
        Decision pseudonymizedToEu = new Decision(
                Decision.Action.FORWARD,
                "x",
                "claude-eu",
                "m",
                null,
                "claude-eu",
                new Redaction(dev.sovereign.redact.RedactionMode.PSEUDONYMIZE, List.of("pii.*", "special.*")));
        assertThat(p.violations(health, pseudonymizedToEu)).isEmpty();
        assertThat(p.violations(health, Decision.block("x", "no"))).isEmpty();
        assertThat(p.violations(facts("hr-assistant", Map.of()), toUs))
                .extracting(Guarantee::id)
                .containsExactly("hr-self-hosted");
    }
}
