package dev.sovereign.cli.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sovereign explain} over a real configuration, policy and classifier. */
class ExplainCommandTest {
    static final String HEALTH = """
            {"model": "claude-sonnet-4-5",
             "messages": [{"role": "user", "content": "Mail jane.doe@example.com: the patient has diabetes."}]}
            """;

    @TempDir
    Path dir;

    PolicyCli.Run explain(PolicyCli cli, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "explain";
        all[1] = "--config";
        all[2] = cli.config();
        System.arraycopy(args, 0, all, 3, args.length);
        return cli.run(all);
    }

    @Test
    void printsWhatWasFoundWhereItGoesAndEachGuaranteeButNeverTheValues() {
        PolicyCli cli = PolicyCli.configured(dir).file("health.json", HEALTH);
        PolicyCli.Run r = explain(cli, cli.path("health.json").toString()).succeeded();
        assertThat(r.out()).isEqualTo("""
                        Request    openai chat_completions, model claude-sonnet-4-5, 131 bytes
                        Sender     workload none, key none, team none, labels none
                        Policy     %s

                        Found (values are never shown)
                          CATEGORY        COUNT
                          pii.email       1
                          special.health  1

                          SEGMENT              CATEGORY        START  END  CONFIDENCE  DETECTOR
                          /messages/0/content  pii.email       5      25   0.95        email
                          /messages/0/content  special.health  43     51   0.70        dictionary:special

                        Decision
                          action        forward
                          rule          special-self-hosted
                          route         self-hosted
                          provider      local
                          model         llama3.1-70b
                          region        local
                          jurisdiction  eu
                          reaching      pii.email, special.health

                        Guarantees
                          HELD  GUARANTEE            DESCRIPTION
                          yes   secrets-never-leave
                          yes   special-in-eu        Health and other special-category data stay under EU jurisdiction.
                          yes   hr-self-hosted

                        Would be forwarded to local (eu).
                        """.formatted(cli.path("config/policy.yaml")));
        assertThat(r.out()).doesNotContain("jane.doe").doesNotContain("diabetes");
    }

    @Test
    void jsonIsTheExplanationWithLocatedFindingsAndNoValues() throws Exception {
        PolicyCli cli = PolicyCli.configured(dir).file("health.json", HEALTH);
        PolicyCli.Run r = explain(
                        cli,
                        "--json",
                        "--workload",
                        "clinic",
                        cli.path("health.json").toString())
                .succeeded();
        assertThat(r.out()).endsWith("}\n").doesNotContain("jane.doe").doesNotContain("diabetes");
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.fieldNames())
                .toIterable()
                .containsExactly(
                        "policy",
                        "request",
                        "subject",
                        "categories",
                        "findings",
                        "decision",
                        "guarantees",
                        "would_forward");
        assertThat(json.path("subject").path("workload").asText()).isEqualTo("clinic");
        assertThat(json.path("findings").get(1).toString())
                .isEqualTo("{\"segment\":\"/messages/0/content\",\"category\":\"special.health\",\"start\":43,"
                        + "\"end\":51,\"confidence\":0.7,\"detector\":\"dictionary:special\",\"form\":\"value\"}");
        assertThat(json.path("decision").path("provider").asText()).isEqualTo("local");
        assertThat(json.path("decision").path("jurisdiction").asText()).isEqualTo("eu");
        assertThat(json.path("guarantees").get(1).path("held").asBoolean()).isTrue();
        assertThat(json.path("would_forward").asBoolean()).isTrue();
    }

    @Test
    void anAnthropicBodyFromStandardInputWithAWorkloadAndLabels() throws Exception {
        PolicyCli cli = PolicyCli.configured(dir).stdin("""
                {"model": "claude-sonnet-4-5", "max_tokens": 512, "system": "You write contracts.",
                 "messages": [{"role": "user", "content": [{"type": "text", "text": "Write to jane.doe@example.com."}]}]}
                """);
        PolicyCli.Run r = explain(cli, "--json", "--key", "k7", "--team", "legal", "--label", "Confidential,draft", "-")
                .succeeded();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.path("request").path("api").asText())
                .as("told from the body")
                .isEqualTo("anthropic");
        assertThat(json.path("request").path("operation").asText()).isEqualTo("messages");
        assertThat(json.path("subject").toString())
                .isEqualTo(
                        "{\"key\":\"k7\",\"team\":\"legal\",\"workload\":null,\"labels\":[\"confidential\",\"draft\"]}");
        assertThat(json.path("categories").toString())
                .isEqualTo("{\"label.confidential\":1,\"label.draft\":1,\"pii.email\":1}");
        assertThat(json.path("findings").get(0).path("segment").asText()).isEqualTo("/messages/0/content/0/text");
        assertThat(json.path("decision").path("rule").asText()).isEqualTo("confidential-eu");
        assertThat(json.path("decision").path("provider").asText()).isEqualTo("mistral-eu");
        assertThat(json.path("decision").path("jurisdiction").asText())
                .as("Mistral is EU-operated with US investors (its sovereignty profile)")
                .isEqualTo("eu-us-reach");

        PolicyCli.Run asOpenAi = explain(
                        cli.stdin("{\"model\":\"claude-x\",\"max_tokens\":5,\"messages\":[]}"),
                        "--api",
                        "openai",
                        "--json",
                        "-")
                .succeeded();
        assertThat(new ObjectMapper()
                        .readTree(asOpenAi.out())
                        .path("request")
                        .path("api")
                        .asText())
                .isEqualTo("openai");
    }

    @Test
    void redactionAndARefusalReadPlainly() {
        PolicyCli cli = PolicyCli.configured(dir)
                .file(
                        "pii.json",
                        "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\","
                                + "\"content\":\"Write to jane.doe@example.com\"}]}")
                .file(
                        "secret.json",
                        "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\","
                                + "\"content\":\"deploy with AKIAIOSFODNN7EXAMPLE\"}]}");
        assertThat(explain(cli, cli.path("pii.json").toString()).succeeded().out())
                .contains("  action        redact\n")
                .contains("  redaction     pseudonymize pii.*\n")
                .contains("  region        eu-central-1\n")
                .contains("  jurisdiction  us\n")
                .contains("  reaching      no sensitive data\n")
                .endsWith("Would be redacted, then forwarded to bedrock-eu (us).\n");
        assertThat(explain(cli, cli.path("secret.json").toString()).succeeded().out())
                .contains("""
                        Decision
                          action   block
                          rule     secrets-block
                          message  Secrets may not be sent to an AI model.
                        """)
                .endsWith("Would be refused (block).\n");
    }

    @Test
    void withoutAPolicyTheBuiltInDefaultDecides() throws Exception {
        PolicyCli cli = new PolicyCli(dir).file("config/providers.yaml", PolicyCli.PROVIDERS);
        cli.file("q.json", "{\"model\":\"mistral-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        PolicyCli.Run table = explain(cli, cli.path("q.json").toString()).succeeded();
        assertThat(table.out())
                .contains("Policy     built-in default policy (no policy.yaml)\n")
                .contains("Found      no sensitive data\n")
                .contains("  route         none (the provider that serves the model)\n");
        JsonNode json = new ObjectMapper()
                .readTree(explain(cli, "--json", cli.path("q.json").toString())
                        .succeeded()
                        .out());
        assertThat(json.path("decision").path("rule").asText()).isEqualTo("everything-else");
        assertThat(json.path("decision").path("provider").asText()).isEqualTo("mistral-eu");
        assertThat(json.path("guarantees")).hasSize(3);
    }

    @Test
    void anotherPolicyFileCanBeExplainedWith_policy() throws Exception {
        PolicyCli cli = PolicyCli.configured(dir)
                .file("strict.yaml", "rules:\n  - {id: nothing, action: block, message: Closed.}\n")
                .file("q.json", HEALTH);
        JsonNode json = new ObjectMapper()
                .readTree(explain(
                                cli,
                                "--json",
                                "--policy",
                                cli.path("strict.yaml").toString(),
                                cli.path("q.json").toString())
                        .succeeded()
                        .out());
        assertThat(json.path("policy").asText())
                .isEqualTo(cli.path("strict.yaml").toString());
        assertThat(json.path("decision").path("rule").asText()).isEqualTo("nothing");
    }

    @Test
    void badInputIsOneLineWithExitCode2() {
        PolicyCli cli = PolicyCli.configured(dir)
                .file("broken.json", "{\"model\": \"claude-x\",\n \"messages\": [secret words]}")
                .file("nomodel.json", "{\"messages\": []}")
                .file("array.json", "[1, 2]")
                .file("empty.json", "  \n");
        assertThat(explain(cli, cli.path("broken.json").toString())
                        .failedInOneLine()
                        .err())
                .isEqualTo("sovereign explain: " + cli.path("broken.json")
                        + ": The request body is not valid JSON at line 2, column 22.\n");
        assertThat(explain(cli, cli.path("nomodel.json").toString())
                        .failedInOneLine()
                        .err())
                .isEqualTo("sovereign explain: " + cli.path("nomodel.json") + ": model: required\n");
        assertThat(explain(cli, cli.path("array.json").toString())
                        .failedInOneLine()
                        .err())
                .isEqualTo("sovereign explain: " + cli.path("array.json")
                        + ": body: expected a JSON object, got an array\n");
        assertThat(explain(cli, cli.path("empty.json").toString())
                        .failedInOneLine()
                        .err())
                .isEqualTo("sovereign explain: " + cli.path("empty.json")
                        + ": The request body is empty; send a JSON object.\n");
        assertThat(explain(cli.stdin("{"), "-").failedInOneLine().err())
                .isEqualTo(
                        "sovereign explain: standard input: The request body is not valid JSON at line 1, column 2.\n");
        assertThat(explain(cli, cli.path("missing.json").toString())
                        .failedInOneLine()
                        .err())
                .isEqualTo("sovereign explain: no such file: " + cli.path("missing.json") + "\n");
        assertThat(explain(cli, "--api", "gemini", "-").failedInOneLine().err())
                .startsWith("sovereign explain: Invalid value for option '--api': expected one of [ANTHROPIC, OPENAI]")
                .endsWith("(see sovereign explain --help)\n");
        assertThat(cli.run("explain").failedInOneLine().err())
                .isEqualTo("sovereign explain: Missing required parameter: 'FILE|-' (see sovereign explain --help)\n");
    }

    @Test
    void aBrokenPolicyOrConfigurationIsOneLineWithExitCode2() {
        PolicyCli cli = PolicyCli.configured(dir)
                .file("q.json", HEALTH)
                .file(
                        "config/policy.yaml",
                        PolicyCli.POLICY.replace(
                                "categories.exists(c, c.startsWith('secret.'))", "categorys.size() > 0"));
        assertThat(explain(cli, cli.path("q.json").toString()).failedInOneLine().err())
                .isEqualTo("sovereign explain: " + cli.path("config/policy.yaml")
                        + ":7: rules[0] (secrets-block).when: 1:1: undeclared reference to 'categorys' (in container '')"
                        + " | categorys.size() > 0 | ^\n");
        cli.file("config/providers.yaml", "providers:\n  - id: x\n    kind: anthropc\n");
        assertThat(explain(cli, cli.path("q.json").toString()).failedInOneLine().err())
                .startsWith("sovereign explain: invalid configuration: providers.yaml:");
    }

    @Test
    void aFindingInAKeyIsShownAsSuchWithTheKeyHidden() {
        PolicyCli cli = PolicyCli.configured(dir).file("keyed.json", """
                        {"model":"claude-x","max_tokens":5,"messages":[{"role":"user","content":"hi"}],
                         "metadata":{"ana.lopez@example.org":"x"}}
                        """);
        String out = explain(cli, cli.path("keyed.json").toString()).out();
        assertThat(out).contains("/metadata/* (key)").doesNotContain("ana.lopez");
    }
}
