package dev.sovereign.cli.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sovereign policy test} over a real configuration, policy and classifier. */
class PolicyTestCommandTest {
    static final String TESTS = """
            tests:
              - name: health data stays on the self-hosted model
                input:
                  body: {model: claude-sonnet-4-5, messages: [{role: user, content: "The patient has diabetes."}]}
                  workload: clinic
                expect:
                  action: forward
                  rule: special-self-hosted
                  route: self-hosted
                  provider: local
                  jurisdiction: eu
                  categories: [special.health]
                  guarantees_hold: true
              - name: a body as JSON text, in the Anthropic format
                input:
                  body: '{"model": "claude-sonnet-4-5", "max_tokens": 100, "messages": [{"role": "user", "content": "Write to jane.doe@example.com"}]}'
                expect: {action: redact, route: claude-eu, provider: bedrock-eu, region: eu-central-1, jurisdiction: us}
              - name: a body from a file
                input:
                  body_file: bodies/secret.json
                expect: {action: block, rule: secrets-block, provider: null}
              - name: e-mail addresses, stated directly
                input:
                  categories: {pii.email: 2}
                  model: claude-sonnet-4-5
                expect: {action: redact, rule: pii-pseudonymized, upstream_model: eu.claude-sonnet-4-5}
              - name: hr goes to the self-hosted model whatever it carries
                input: {categories: {financial.iban: 1}, workload: hr-assistant}
                expect: {rule: special-self-hosted, provider: local}
              - name: confidential requests stay with Mistral
                input: {categories: {pii.email: 1}, labels: [confidential], api: anthropic, stream: true}
                expect: {rule: confidential-eu, route: eu-mistral, jurisdiction: eu-us-reach}
              - name: plain requests go where their model is served
                input: {categories: {}, model: claude-haiku-4-5}
                expect: {action: forward, rule: by-model, route: null, provider: anthropic, jurisdiction: us}
              - name: a model nobody serves
                input: {categories: {}}
                expect: {action: unroutable, rule: by-model}
            """;

    @TempDir
    Path dir;

    PolicyCli cli() {
        return PolicyCli.configured(dir)
                .file("policy_test.yaml", TESTS)
                .file(
                        "bodies/secret.json",
                        "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\","
                                + "\"content\":\"deploy with AKIAIOSFODNN7EXAMPLE\"}]}");
    }

    @Test
    void everyCasePasses() {
        PolicyCli cli = cli();
        PolicyCli.Run r = cli.run(
                        "policy",
                        "test",
                        "--config",
                        cli.config(),
                        cli.path("policy_test.yaml").toString())
                .succeeded();
        assertThat(r.out()).isEqualTo("""
                        Policy %s

                        %s
                          PASS  health data stays on the self-hosted model
                          PASS  a body as JSON text, in the Anthropic format
                          PASS  a body from a file
                          PASS  e-mail addresses, stated directly
                          PASS  hr goes to the self-hosted model whatever it carries
                          PASS  confidential requests stay with Mistral
                          PASS  plain requests go where their model is served
                          PASS  a model nobody serves

                        8 tests: 8 passed, 0 failed
                        """.formatted(cli.path("config/policy.yaml"), cli.path("policy_test.yaml")));
    }

    @Test
    void aFailingCaseShowsEachDifferenceAndExits1() {
        PolicyCli cli = cli().file("more_test.yaml", """
                tests:
                  - name: passes
                    input: {categories: {special.genetic: 1}}
                    expect: {provider: local}
                  - name: health data to the US
                    input:
                      categories: {special.health: 1}
                      model: claude-sonnet-4-5
                    expect:
                      action: forward
                      rule: by-model
                      provider: anthropic
                      route: null
                      jurisdiction: us
                      categories: [special.health, pii.email]
                  - name: secrets
                    input: {categories: {secret.jwt: 1}}
                    expect: {action: forward, guarantees_hold: false}
                """);
        PolicyCli.Run r = cli.run(
                "policy",
                "test",
                "--config",
                cli.config(),
                cli.path("policy_test.yaml").toString(),
                cli.path("more_test.yaml").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("""
                        %s
                          PASS  passes
                          FAIL  health data to the US  (%s:5)
                                  rule: expected 'by-model', got 'special-self-hosted'
                                  route: expected none, got 'self-hosted'
                                  provider: expected 'anthropic', got 'local'
                                  jurisdiction: expected 'us', got 'eu'
                                  categories: expected [pii.email, special.health], got [special.health]
                          FAIL  secrets  (%s:16)
                                  action: expected 'forward', got 'block' (Secrets may not be sent to an AI model.)
                                  guarantees_hold: expected false, got true

                        11 tests: 9 passed, 2 failed
                        """.formatted(
                        cli.path("more_test.yaml"), cli.path("more_test.yaml"), cli.path("more_test.yaml")));
    }

    @Test
    void aPolicyFileIsTestedDirectlyWith_policy() {
        PolicyCli cli = cli().file("strict.yaml", """
                routes:
                  self-hosted: {provider: local}
                rules:
                  - id: everything-local
                    action: forward
                    route: self-hosted
                """).file("strict_test.yaml", """
                tests:
                  - name: everything stays local
                    input: {categories: {pii.email: 1}, model: claude-sonnet-4-5}
                    expect: {rule: everything-local, provider: local, upstream_model: claude-sonnet-4-5}
                """);
        PolicyCli.Run r = cli.run(
                        "policy",
                        "test",
                        "--config",
                        cli.config(),
                        "--policy",
                        cli.path("strict.yaml").toString(),
                        cli.path("strict_test.yaml").toString())
                .succeeded();
        assertThat(r.out())
                .startsWith("Policy " + cli.path("strict.yaml") + "\n")
                .endsWith("1 test: 1 passed, 0 failed\n");
    }

    @Test
    void withoutAPolicyTheTestsRunAgainstTheBuiltInDefault() {
        PolicyCli cli = new PolicyCli(dir)
                .file("config/providers.yaml", PolicyCli.PROVIDERS)
                .file("t.yaml", """
                tests:
                  - name: health data stays self-hosted
                    input: {categories: {special.health: 1}, model: llama3}
                    expect: {rule: special-categories-self-hosted, provider: local, guarantees_hold: true}
                """);
        assertThat(cli.run(
                                "policy",
                                "test",
                                "--config",
                                cli.config(),
                                cli.path("t.yaml").toString())
                        .succeeded()
                        .out())
                .startsWith("Policy built-in default policy (no policy.yaml)\n");
    }

    PolicyCli.Run broken(String tests) {
        PolicyCli cli = cli().file("bad_test.yaml", tests);
        return cli.run(
                        "policy",
                        "test",
                        "--config",
                        cli.config(),
                        cli.path("bad_test.yaml").toString())
                .failedInOneLine();
    }

    String bad() {
        return "sovereign policy test: " + dir.resolve("bad_test.yaml") + ":";
    }

    @Test
    void aBrokenTestFileIsNamedByFileAndLineWithExitCode2() {
        assertThat(broken("""
                        tests:
                          - name: typo
                            input: {categories: {pii.email: 1}}
                            expect:
                              provder: local
                        """).err())
                .isEqualTo(bad() + "5: tests[0] (typo).expect.provder: unknown setting 'provder'; expected one of:"
                        + " [action, categories, guarantees_hold, jurisdiction, provider, region, route, rule,"
                        + " upstream_model]\n");
        assertThat(broken("""
                        tests:
                          - name: two inputs
                            input:
                              categories: {pii.email: 1}
                              body: {model: x}
                            expect: {action: block}
                        """).err())
                .isEqualTo(bad() + "4: tests[0] (two inputs).input: give exactly one of body, body_file and"
                        + " categories\n");
        assertThat(broken("""
                        tests:
                          - name: verb
                            input: {categories: {pii.email: 1}}
                            expect: {action: allow}
                        """).err())
                .isEqualTo(bad() + "4: tests[0] (verb).expect.action: 'allow' is not one of: forward, redact, block,"
                        + " unroutable\n");
        assertThat(broken("""
                        tests:
                          - name: category
                            input:
                              categories:
                                PII-Email: 1
                            expect: {action: block}
                        """).err())
                .isEqualTo(bad() + "5: tests[0] (category).input.categories: 'PII-Email' is not a category name such"
                        + " as pii.email\n");
        assertThat(broken("""
                        tests:
                          - name: model twice
                            input:
                              body: {model: claude-x, messages: []}
                              model: llama3
                            expect: {action: block}
                        """).err())
                .isEqualTo(bad() + "5: tests[0] (model twice).input.model: comes from the body; state it there\n");
        assertThat(broken("""
                        tests:
                          - name: json
                            input:
                              body: '{"model": "x", "messages": [}'
                            expect: {action: block}
                        """).err())
                .isEqualTo(
                        bad()
                                + "4: tests[0] (json).input.body: body: The request body is not valid JSON at line 1, column 29.\n");
        assertThat(broken("""
                        tests:
                          - name: no model
                            input:
                              body: {messages: [{role: user, content: hi}]}
                            expect: {action: block}
                        """).err()).isEqualTo(bad() + "4: tests[0] (no model).input.body: model: required\n");
        assertThat(broken("""
                        tests:
                          - name: file
                            input: {body_file: nowhere.json}
                            expect: {action: block}
                        """).err())
                .isEqualTo(bad() + "3: tests[0] (file).input.body_file: no such file: " + dir.resolve("nowhere.json")
                        + "\n");
        assertThat(broken("""
                        tests:
                          - input: {categories: {}}
                            expect: {action: block}
                        """).err()).isEqualTo(bad() + "2: tests[0].name: required\n");
        assertThat(broken("tests:\n  - name: a\n    input: {categories: {}}\n    expect: {action: block\n")
                        .err())
                .startsWith(bad() + "4: not valid YAML: ");
        assertThat(broken("cases: []\n").err())
                .isEqualTo("sovereign policy test: " + dir.resolve("bad_test.yaml")
                        + ": expected tests: a list of {name, input, expect}\n");
    }

    @Test
    void aPolicyThatDoesNotLoadIsAnErrorNotAFailedTest() {
        PolicyCli cli = cli().file("config/policy.yaml", "rules:\n  - id: a\n    action: allow\n");
        assertThat(cli.run(
                                "policy",
                                "test",
                                "--config",
                                cli.config(),
                                cli.path("policy_test.yaml").toString())
                        .failedInOneLine()
                        .err())
                .isEqualTo("sovereign policy test: " + cli.path("config/policy.yaml")
                        + ":3: rules[0] (a).action: 'allow' is not one of: forward, redact, block\n");
        assertThat(cli.run("policy", "test", "--config", cli.config())
                        .failedInOneLine()
                        .err())
                .isEqualTo(
                        "sovereign policy test: Missing required parameter: 'FILE' (see sovereign policy test --help)\n");
    }
}
