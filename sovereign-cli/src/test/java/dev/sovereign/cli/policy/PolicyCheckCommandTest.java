package dev.sovereign.cli.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sovereign policy check} over a real configuration. */
class PolicyCheckCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsTheRulesRoutesAndGuaranteesAndWhatTheCheckerCovered() {
        PolicyCli cli = PolicyCli.configured(dir);
        PolicyCli.Run r = cli.run("policy", "check", "--config", cli.config()).succeeded();
        assertThat(r.out().replaceAll("decided in [0-9.]+ s", "decided in T s"))
                .isEqualTo("""
                        Policy %s: 5 rules, 3 routes, 3 guarantees

                        Routes
                          NAME         PROVIDER    MODEL                 REGION        JURISDICTION
                          claude-eu    bedrock-eu  eu.claude-sonnet-4-5  eu-central-1  us
                          eu-mistral   mistral-eu  mistral-large-latest  eu            eu-us-reach
                          self-hosted  local       llama3.1-70b          local         eu

                        Rules (the first that matches decides)
                          #  ID                   ACTION                     ROUTE        WHEN
                          1  secrets-block        block                      -            categories.exists(c, c.startsWith('secret.'))
                          2  special-self-hosted  forward                    self-hosted  categories.exists(c, c.startsWith('special.')) || workload == 'hr-assistant'
                          3  confidential-eu      forward                    eu-mistral   'confidential' in labels
                          4  pii-pseudonymized    redact pseudonymize pii.*  claude-eu    categories.exists(c, c.startsWith('pii.'))
                          5  by-model             forward                    by model     true

                        Guarantees
                          ID                   DATA                               MAY REACH
                          secrets-never-leave  secret.*                           no provider
                          special-in-eu        special.*                          jurisdictions eu
                          hr-self-hosted       any data of workload hr-assistant  routes self-hosted

                        Guarantee check: 11 inputs decided in T s, exhaustive.
                        Matrix check: 416 requests decided (each kind of data, for each workload the policy names and every served model).
                        Every guarantee holds.
                        """.formatted(cli.path("config/policy.yaml")));
    }

    @Test
    void aGuaranteeThatCanBeBrokenExits1WithItsCounterexample() {
        PolicyCli cli = PolicyCli.configured(dir).file("broken.yaml", """
                routes:
                  self-hosted: {provider: local}
                  us: {provider: anthropic}
                rules:
                  - id: special-local
                    when: categories.exists(c, c.startsWith('special.')) && request.stream
                    action: forward
                    route: self-hosted
                  - id: rest
                    action: forward
                    route: us
                guarantees:
                  - id: special-in-eu
                    categories: [special.*]
                    allow: {jurisdictions: [eu]}
                  - id: secrets-never-leave
                    categories: [secret.*]
                    allow: none
                  - id: anything-anywhere
                    allow: {jurisdictions: [us, eu]}
                """);
        PolicyCli.Run r = cli.run(
                "policy",
                "check",
                "--config",
                cli.config(),
                cli.path("broken.yaml").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
                .startsWith("Policy " + cli.path("broken.yaml") + ": 2 rules, 2 routes, 3 guarantees\n")
                .contains("  secrets-never-leave  secret.*   no provider\n")
                .contains("exhaustive.\n2 guarantees can be broken:\n")
                .contains("  special-in-eu: special.* reaches route 'us' (provider anthropic, jurisdiction us) by rule"
                        + " 'rest' for a request with categories [special.")
                .contains("  secrets-never-leave: secret.* reaches route 'us' (provider anthropic, jurisdiction us) by"
                        + " rule 'rest'")
                .doesNotContain("anything-anywhere:");
    }

    @Test
    void aConditionOnTheOperationIsCheckedUnderTheNameTheGatewayGivesIt() {
        // The checker tries the operation the condition names; the matrix decides requests as the gateway
        // describes them (openai chat_completions). Either finds the counterexample.
        PolicyCli cli = PolicyCli.configured(dir).file("chat.yaml", """
                routes:
                  self-hosted: {provider: local}
                  us: {provider: anthropic}
                rules:
                  - id: chat-to-us
                    when: request.operation == 'chat_completions'
                    action: forward
                    route: us
                  - id: rest
                    action: forward
                    route: self-hosted
                guarantees:
                  - id: special-in-eu
                    categories: [special.*]
                    allow: {jurisdictions: [eu]}
                """);
        PolicyCli.Run r = cli.run(
                "policy",
                "check",
                "--config",
                cli.config(),
                cli.path("chat.yaml").toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out())
                .contains("\n1 guarantee can be broken:\n  special-in-eu: ")
                .contains("by rule 'chat-to-us'");
    }

    @Test
    void aPolicyThatDoesNotLoadIsOneLineWithExitCode2() {
        PolicyCli cli = PolicyCli.configured(dir).file("typo.yaml", """
                rules:
                  - id: typo
                    when: categorie.exists(c, c == 'pii.email')
                    action: block
                    message: no
                """);
        assertThat(cli.run(
                                "policy",
                                "check",
                                "--config",
                                cli.config(),
                                cli.path("typo.yaml").toString())
                        .failedInOneLine()
                        .err())
                .isEqualTo("sovereign policy check: " + cli.path("typo.yaml")
                        + ":3: rules[0] (typo).when: 1:1: undeclared reference to 'categorie' (in container '') |"
                        + " categorie.exists(c, c == 'pii.email') | ^\n");
        assertThat(cli.run(
                                "policy",
                                "check",
                                "--config",
                                cli.config(),
                                cli.path("none.yaml").toString())
                        .failedInOneLine()
                        .err())
                .isEqualTo("sovereign policy check: no such file: " + cli.path("none.yaml") + "\n");
    }

    @Test
    void withoutAPolicyTheBuiltInDefaultIsChecked() {
        PolicyCli cli = new PolicyCli(dir).file("config/providers.yaml", PolicyCli.PROVIDERS);
        PolicyCli.Run r = cli.run("policy", "check", "--config", cli.config()).succeeded();
        assertThat(r.out())
                .startsWith("Policy built-in default policy: ")
                .contains("  secrets-never-leave  ")
                .contains(", exhaustive.\n")
                .endsWith("Every guarantee holds.\n");
    }

    @Test
    void aPolicyFileGivenWith_policyIsChecked() {
        PolicyCli cli = PolicyCli.configured(dir).file("open.yaml", "rules:\n  - id: all\n    action: forward\n");
        assertThat(cli.run(
                                "policy",
                                "check",
                                "--config",
                                cli.config(),
                                "--policy",
                                cli.path("open.yaml").toString())
                        .succeeded()
                        .out())
                .contains("  1  all  forward  by model  true\n")
                .contains("exhaustive.\n")
                .endsWith("The policy has no guarantees.\n");
    }
}
