package dev.sovereign.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PolicyCheckTest {
    static final PolicyCheck CHECK = new PolicyCheck(PolicyTest.PROVIDERS, PolicyTest.ROUTER);

    @Test
    void aPolicyWhoseGuaranteesHoldIsReportedWithTheCheckersReach() {
        PolicyCheck.Report r = CHECK.check("policy.yaml", PolicyTest.GOOD);
        assertThat(r.holds()).isTrue();
        assertThat(r.result().exhaustive()).isTrue();
        assertThat(r.result().inputs()).isPositive();
        assertThat(r.rules()).extracting(Rule::id).startsWith("secrets-block").hasSize(4);
        assertThat(r.routes()).containsOnlyKeys("self-hosted", "claude-eu");
        assertThat(r.guarantees()).hasSize(4);
        assertThat(r.policy()).isPresent();
    }

    @Test
    void everyGuaranteeThatCanBeBrokenGetsItsCounterexample() {
        String yaml = PolicyTest.ROUTES + """
                  us: {provider: anthropic}
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
                    route: us
                guarantees:
                  - id: special-stays-self-hosted
                    categories: [special.*]
                    allow: {jurisdictions: [eu]}
                  - id: secrets-never-leave
                    categories: [secret.*]
                    allow: none
                  - id: pii-in-eu-regions
                    categories: [pii.*]
                    allow: {regions: [eu, local]}
                """;
        assertThatThrownBy(() -> PolicyTest.load(yaml)).hasMessageContaining("can be broken");

        PolicyCheck.Report r = CHECK.check("policy.yaml", yaml);
        assertThat(r.holds()).isFalse();
        assertThat(r.policy())
                .as("a policy the gateway refuses is not handed out")
                .isEmpty();
        assertThat(r.source()).isEqualTo("policy.yaml");
        assertThat(r.rules()).extracting(Rule::id).containsExactly("pii-pseudonymized-eu", "special-local", "rest");
        assertThat(r.guarantees()).hasSize(3);
        assertThat(r.result().counterexamples())
                .extracting(c -> c.guarantee().id())
                .containsExactlyInAnyOrder("special-stays-self-hosted", "secrets-never-leave");
        assertThat(r.result().counterexamples())
                .filteredOn(c -> c.guarantee().id().equals("secrets-never-leave"))
                .singleElement()
                .extracting(GuaranteeChecker.Counterexample::describe)
                .asString()
                .contains("reaches route 'us' (provider anthropic, jurisdiction us) by rule 'rest'")
                .as("the request's made-up model name says which configured pattern it stands for")
                .contains("model 'claude-x' (openai) (any model matching claude-*)");
    }

    @Test
    void anyOtherProblemIsTheLoadersOwnMessage() {
        assertThatThrownBy(() -> CHECK.check("policy.yaml", PolicyTest.ROUTES + """
                        rules:
                          - id: typo
                            when: categorie.exists(c, c == 'pii.email')
                            action: block
                            message: no
                        """))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("policy.yaml:6: rules[0] (typo).when: 1:1: undeclared reference to 'categorie'");
        assertThatThrownBy(() -> CHECK.check("p.yaml", "rules: [\n"))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("p.yaml:");
    }
}
