package dev.sovereign.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sovereign.config.WireFormat;
import dev.sovereign.routing.ModelRouter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GuaranteeCheckerTest {
    static final Map<String, ProviderFacts> REALISTIC_PROVIDERS = Map.of(
            "anthropic", new ProviderFacts("anthropic", "us", "us"),
            "bedrock-eu", new ProviderFacts("bedrock-eu", "eu-central-1", "us"),
            "azure-eu", new ProviderFacts("azure-eu", "eu-west-1", "us"),
            "mistral-eu", new ProviderFacts("mistral-eu", "eu", "eu-us-reach"),
            "local", new ProviderFacts("local", "local", "eu"));
    static final ModelRouter REALISTIC_ROUTER = new ModelRouter(List.of(
            PolicyTest.provider("anthropic", "claude-*"),
            PolicyTest.provider("bedrock-eu", "eu.anthropic.*"),
            PolicyTest.provider("azure-eu", "gpt-*"),
            PolicyTest.provider("mistral-eu", "mistral-*"),
            PolicyTest.provider("local", "llama*")));

    static final String US = PolicyTest.ROUTES + "  us: {provider: anthropic}\n";

    static Policy realistic() throws IOException {
        try (InputStream in = GuaranteeCheckerTest.class.getResourceAsStream("realistic-policy.yaml")) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new PolicyLoader(REALISTIC_PROVIDERS, REALISTIC_ROUTER).load("realistic-policy.yaml", yaml);
        }
    }

    @Test
    void theRealisticTwentyRulePolicyIsCheckedExhaustively() throws IOException {
        GuaranteeChecker.Result r = new GuaranteeChecker(realistic()).check();
        assertThat(r.holds()).isTrue();
        assertThat(r.exhaustive()).isTrue();
        assertThat(r.inputs()).isLessThan(GuaranteeChecker.MAX_INPUTS / 10);
    }

    @Test
    void theRealisticPolicysSpaceHoldsWhatItsConditionsTellApart() throws IOException {
        InputSpace s = new InputSpace(realistic());
        assertThat(s.complete()).isTrue();
        assertThat(s.workloads)
                .containsExactly(
                        "unnamed-workload",
                        "hr-assistant",
                        "legal-review",
                        "contracts",
                        "finance-bot",
                        "batch-summaries",
                        "support-chat");
        assertThat(s.teams).containsExactly("unnamed-team", "research");
        assertThat(s.keys).containsExactly("unnamed-key");
        assertThat(s.labelClasses).containsExactly("unnamed-label", "restricted", "confidential", "internal");
        assertThat(s.sizes).containsExactly(1000L, 200_000L, 200_001L);
        assertThat(s.operations).containsExactly("chat_completions", "embeddings");
        assertThat(s.apis).containsExactly(WireFormat.OPENAI, WireFormat.ANTHROPIC);
        assertThat(s.models).startsWith("claude-x").endsWith("model-nobody-serves");
        assertThat(s.confidences).containsExactly(1.0, Math.nextDown(0.9), 0.9);
        assertThat(s.categoryClasses)
                .contains("financial.card_number", "pii.email", "label.restricted", "content.binary")
                .anyMatch(c -> c.startsWith("secret."))
                .anyMatch(c -> c.startsWith("special."))
                .anyMatch(c -> c.startsWith("pii.national_id."));
        assertThat(s.counts.get(s.categoryClasses.indexOf("pii.email")))
                .as("compared with 20")
                .containsExactly(1, 20, 21);
        assertThat(s.ruleReads(0))
                .as("secrets-block depends on the secret categories only")
                .containsExactly(s.categoryClasses.indexOf(s.categoryClasses.stream()
                        .filter(c -> c.startsWith("secret."))
                        .findFirst()
                        .orElseThrow()));
    }

    @Test
    void aGuaranteeThatOnlyAWorkloadAndALabelNamedInDifferentRulesBreakIsRefused() {
        String yaml = US + """
                rules:
                  - id: special-local
                    when: categories.exists(c, c.startsWith('special.')) && workload != 'research'
                    action: forward
                    route: self-hosted
                  - id: anonymised-us
                    when: "'anonymised' in labels"
                    action: forward
                    route: us
                  - id: special-local-too
                    when: categories.exists(c, c.startsWith('special.'))
                    action: forward
                    route: self-hosted
                  - id: rest
                    action: forward
                    route: self-hosted
                guarantees:
                  - id: special-in-eu
                    categories: [special.*]
                    allow: {jurisdictions: [eu]}
                """;
        assertThatThrownBy(() -> PolicyTest.load(yaml))
                .hasMessageContaining("guarantee 'special-in-eu' can be broken")
                .hasMessageContaining("by rule 'anonymised-us'")
                .hasMessageContaining("workload 'research', labels [anonymised]")
                .hasMessageContaining("not redacted: [special.");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "dyn(workload) == 'batch'",
                "['batch', 'etl'].exists(w, w == workload)",
                "workload.matches('^bat.h$')",
                "workload.startsWith('bat') && workload.endsWith('ch')",
                "workload.startsWith('b') && workload.contains('atc') && workload.endsWith('h')"
                        + " && !workload.startsWith('bx') && !workload.endsWith('xh')",
            })
    void aWorkloadThatOnlyAnUnmodelledOrPatternedConditionNamesIsTried(String condition) {
        String yaml = US + """
                rules:
                  - id: batch-us
                    when: "%s"
                    action: forward
                    route: us
                  - id: rest
                    action: forward
                    route: self-hosted
                guarantees:
                  - id: special-in-eu
                    categories: [special.*]
                    allow: {jurisdictions: [eu]}
                """.formatted(condition);
        assertThatThrownBy(() -> PolicyTest.load(yaml))
                .hasMessageContaining("guarantee 'special-in-eu' can be broken")
                .hasMessageContaining("by rule 'batch-us'");
    }

    @Test
    void aPatternNoValueIsFoundForMakesTheCheckNotExhaustive() {
        Policy p = PolicyTest.load(US + """
                rules:
                  - id: triple-a
                    when: workload.matches('^a{3}b$')
                    action: forward
                    route: self-hosted
                  - id: rest
                    action: forward
                    route: self-hosted
                """);
        GuaranteeChecker.Result r = new GuaranteeChecker(p).check();
        assertThat(r.exhaustive()).isFalse();
        assertThat(r.inputs()).isLessThan(GuaranteeChecker.MAX_INPUTS);
        assertThat(new InputSpace(p).incomplete()).containsExactly("no value found for a test of workload");
    }

    @Test
    void aNumberComparedWithACountIsTriedOnEitherSide() {
        assertThatThrownBy(() -> PolicyTest.load(US + """
                        rules:
                          - id: many-emails-us
                            when: "'pii.email' in categories && categories['pii.email'] >= 50"
                            action: forward
                            route: us
                          - id: rest
                            action: forward
                            route: self-hosted
                        guarantees:
                          - id: pii-in-eu
                            categories: [pii.*]
                            allow: {jurisdictions: [eu]}
                        """))
                .hasMessageContaining("by rule 'many-emails-us'")
                .hasMessageContaining("categories [pii.email]");
    }

    /** The walk decides a fraction of the space; deciding all of it finds the same broken guarantees. */
    @ParameterizedTest
    @ValueSource(strings = {"combination", "fall-through", "findings-counts-labels", "good"})
    void theWalkFindsWhatDecidingTheWholeSpaceFinds(String name) {
        String yaml = switch (name) {
            case "combination" -> US + """
                    rules:
                      - id: pii-eu
                        when: categories.exists(c, c.startsWith('pii.')) && request.size < 5000
                        action: redact
                        categories: [pii.*]
                        route: claude-eu
                      - id: special-local
                        when: categories.exists(c, c.startsWith('special.')) || workload == 'hr'
                        action: forward
                        route: self-hosted
                      - id: research
                        when: team == 'research' && request.model.startsWith('claude')
                        action: forward
                        route: us
                      - id: rest
                        action: forward
                    guarantees:
                      - {id: special-in-eu, categories: [special.*], allow: {jurisdictions: [eu]}}
                      - {id: pii-in-eu, categories: [pii.*], allow: {regions: [eu, local]}}
                      - {id: hr-local, workloads: [hr], allow: {providers: [local]}}
                    """;
            case "fall-through" -> US + """
                    rules:
                      - id: hr
                        when: workload == 'hr' && request.stream && 'internal' in labels
                        action: forward
                        route: self-hosted
                      - id: by-model
                        action: forward
                    guarantees:
                      - {id: hr-local, workloads: [hr], allow: {providers: [local]}}
                      - {id: secrets-never-leave, categories: [secret.*], allow: none}
                    """;
            case "findings-counts-labels" -> US + """
                    rules:
                      - id: restricted-local
                        when: "'label.restricted' in categories"
                        action: forward
                        route: self-hosted
                      - id: certain-special-local
                        when: findings.exists(f, f.category.startsWith('special.') && f.confidence >= 0.9)
                        action: forward
                        route: self-hosted
                      - id: many-emails-us
                        when: "'pii.email' in categories && categories['pii.email'] > 3"
                        action: forward
                        route: us
                      - id: internal-us
                        when: labels.exists(l, l == 'internal') && !categories.exists(c, c.startsWith('pii.'))
                        action: forward
                        route: us
                      - id: rest
                        action: forward
                        route: self-hosted
                    guarantees:
                      - {id: special-in-eu, categories: [special.*], allow: {jurisdictions: [eu]}}
                      - {id: restricted-in-eu, categories: [label.restricted], allow: {jurisdictions: [eu]}}
                      - {id: pii-in-eu, categories: [pii.*], allow: {jurisdictions: [eu]}}
                      - {id: secrets-in-eu, categories: [secret.*], allow: {jurisdictions: [eu]}}
                    """;
            default -> PolicyTest.GOOD;
        };
        PolicyCheck.Report r = PolicyCheckTest.CHECK.check("policy.yaml", yaml);
        Policy p = new Policy(
                "policy.yaml", r.rules(), r.routes(), r.guarantees(), PolicyTest.ROUTER, PolicyTest.PROVIDERS);
        GuaranteeChecker.Result walk = new GuaranteeChecker(p).check();
        assertThat(walk.exhaustive()).isTrue();

        InputSpace s = new InputSpace(p);
        Set<String> broken = new TreeSet<>();
        long whole = 1;
        for (int d = 0; d < s.dimensions(); d++) whole *= s.size(d);
        int[] at = new int[s.dimensions()];
        for (long i = 0; i < whole; i++) {
            long rest = i;
            for (int d = 0; d < s.dimensions(); d++) {
                at[d] = (int) (rest % s.size(d));
                rest /= s.size(d);
            }
            RequestFacts f = s.facts(at);
            for (Guarantee g : p.violations(f, p.decide(f))) broken.add(g.id());
        }
        assertThat(walk.counterexamples())
                .extracting(c -> c.guarantee().id())
                .containsExactlyInAnyOrderElementsOf(broken);
        if (name.equals("findings-counts-labels")) {
            assertThat(broken).containsExactly("pii-in-eu", "secrets-in-eu", "special-in-eu");
        }
        assertThat(walk.inputs()).isLessThan(whole);
    }

    @Test
    void requestFieldsAreReadOnlyWhereAConditionReadsThem() {
        Policy p = PolicyTest.load(PolicyTest.ROUTES + """
                rules:
                  - id: big
                    when: request.size > 100
                    action: forward
                    route: self-hosted
                  - id: rest
                    action: forward
                    route: claude-eu
                """);
        GuaranteeChecker.Result r = new GuaranteeChecker(p).check();
        InputSpace s = new InputSpace(p);
        assertThat(r.exhaustive()).isTrue();
        assertThat(s.sizes).containsExactly(1000L, 99L, 100L);
        assertThat(r.inputs())
                .as("each size; no category, label, model, api, stream or operation")
                .isEqualTo(s.sizes.size());
    }
}
