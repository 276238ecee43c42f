package dev.sovereign.cli.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sovereign policy matrix} over a real configuration and policy. */
class PolicyMatrixCommandTest {
    @TempDir
    Path dir;

    @Test
    void aTableOfWhereEachKindOfDataGoesForEachWorkload() {
        PolicyCli cli = PolicyCli.configured(dir);
        PolicyCli.Run r = cli.run("policy", "matrix", "--config", cli.config()).succeeded();
        assertThat(r.out()).isEqualTo("""
                        Policy   %s
                        Request  openai chat_completions, 1000 bytes; models tried: claude-*, eu.claude-*, mistral-*, llama*

                        DATA                WORKLOAD      ACTION                 RULE                 ROUTE        PROVIDER    JURISDICTION  MODELS       GUARANTEES
                        (none)              hr-assistant  forward                special-self-hosted  self-hosted  local       eu            any          hold
                        (none)              other         forward                by-model             by model     anthropic   us            claude-*     hold
                                                          forward                by-model             by model     bedrock-eu  us            eu.claude-*  hold
                                                          forward                by-model             by model     mistral-eu  eu-us-reach   mistral-*    hold
                                                          forward                by-model             by model     local       eu            llama*       hold
                        content.binary      hr-assistant  forward                special-self-hosted  self-hosted  local       eu            any          hold
                        content.binary      other         forward                by-model             by model     anthropic   us            claude-*     hold
                                                          forward                by-model             by model     bedrock-eu  us            eu.claude-*  hold
                                                          forward                by-model             by model     mistral-eu  eu-us-reach   mistral-*    hold
                                                          forward                by-model             by model     local       eu            llama*       hold
                        financial.* (4)     hr-assistant  forward                special-self-hosted  self-hosted  local       eu            any          hold
                        financial.* (4)     other         forward                by-model             by model     anthropic   us            claude-*     hold
                                                          forward                by-model             by model     bedrock-eu  us            eu.claude-*  hold
                                                          forward                by-model             by model     mistral-eu  eu-us-reach   mistral-*    hold
                                                          forward                by-model             by model     local       eu            llama*       hold
                        label.confidential  hr-assistant  forward                special-self-hosted  self-hosted  local       eu            any          hold
                        label.confidential  other         forward                confidential-eu      eu-mistral   mistral-eu  eu-us-reach   any          hold
                        pii.* (24)          hr-assistant  forward                special-self-hosted  self-hosted  local       eu            any          hold
                        pii.* (24)          other         redact (pseudonymize)  pii-pseudonymized    claude-eu    bedrock-eu  us            any          hold
                        secret.* (13)       hr-assistant  block                  secrets-block        -            -           -             any          hold
                        secret.* (13)       other         block                  secrets-block        -            -           -             any          hold
                        special.* (8)       hr-assistant  forward                special-self-hosted  self-hosted  local       eu            any          hold
                        special.* (8)       other         forward                special-self-hosted  self-hosted  local       eu            any          hold
                        """.formatted(cli.path("config/policy.yaml")));
    }

    @Test
    void aFamilyWhoseCategoriesAreTreatedDifferentlyIsShownCategoryByCategory() {
        PolicyCli cli = PolicyCli.configured(dir).file("config/policy.yaml", """
                routes:
                  self-hosted: {provider: local}
                  eu: {provider: mistral-eu}
                rules:
                  - id: health-local
                    when: "'special.health' in categories"
                    action: forward
                    route: self-hosted
                  - id: rest
                    action: forward
                    route: eu
                """);
        PolicyCli.Run r = cli.run("policy", "matrix", "--config", cli.config(), "--workloads", "support")
                .succeeded();
        assertThat(r.out())
                .contains(
                        "\nspecial.genetic             support   forward  rest          eu           mistral-eu  eu-us-reach   any\n")
                .contains(
                        "\nspecial.health              support   forward  health-local  self-hosted  local       eu            any\n")
                .contains("\npii.* (24)                  support   forward  rest ")
                .doesNotContain("GUARANTEES")
                .doesNotContain("other");
    }

    @Test
    void jsonHoldsEveryCell() throws Exception {
        PolicyCli cli = PolicyCli.configured(dir);
        PolicyCli.Run r = cli.run(
                        "policy",
                        "matrix",
                        "--json",
                        "--config",
                        cli.config(),
                        "--workloads",
                        "hr-assistant,chat",
                        "--model",
                        "claude-sonnet-4-5")
                .succeeded();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.path("policy").asText())
                .isEqualTo(cli.path("config/policy.yaml").toString());
        assertThat(json.path("assumptions").toString())
                .isEqualTo(
                        "{\"api\":\"openai\",\"operation\":\"chat_completions\",\"stream\":false,\"size_bytes\":1000,"
                                + "\"models\":[\"claude-sonnet-4-5\"]}");
        assertThat(json.path("workloads").toString()).isEqualTo("[\"hr-assistant\",\"chat\"]");
        int rows = json.path("categories").size();
        assertThat(json.path("cells")).hasSize(rows * 2);
        assertThat(json.path("cells").get(1).toString())
                .isEqualTo("{\"categories\":[],\"family\":null,\"workload\":\"chat\",\"outcomes\":[{\"models\":"
                        + "[\"claude-sonnet-4-5\"],\"action\":\"forward\",\"rule\":\"by-model\",\"route\":null,"
                        + "\"provider\":\"anthropic\",\"region\":\"us\",\"jurisdiction\":\"us\",\"redaction\":null,"
                        + "\"reaching\":[],\"broken_guarantees\":[]}]}");
        JsonNode email = null;
        for (JsonNode c : json.path("cells")) {
            if (c.path("categories").toString().equals("[\"pii.email\"]")
                    && c.path("workload").asText().equals("chat")) {
                email = c;
            }
        }
        assertThat(email.path("outcomes").get(0).path("redaction").toString())
                .isEqualTo("{\"mode\":\"pseudonymize\",\"categories\":[\"pii.*\"]}");
    }

    @Test
    void aPolicyThatDoesNotLoadIsOneLineWithExitCode2() {
        PolicyCli cli = PolicyCli.configured(dir)
                .file("config/policy.yaml", PolicyCli.POLICY.replace("    route: self-hosted\n", ""));
        assertThat(cli.run("policy", "matrix", "--config", cli.config())
                        .failedInOneLine()
                        .err())
                .startsWith("sovereign policy matrix: " + cli.path("config/policy.yaml") + ":")
                .contains("' can be broken: ");
        assertThat(cli.run("policy", "matrix", "--bogus").failedInOneLine().err())
                .isEqualTo("sovereign policy matrix: Unknown option: '--bogus' (see sovereign policy matrix --help)\n");
    }
}
