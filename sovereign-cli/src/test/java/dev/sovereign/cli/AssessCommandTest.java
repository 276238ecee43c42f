package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.audit.AuditEvent;
import dev.sovereign.cli.audit.Trail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sovereign assess} run as a user runs it, over a real configuration (providers with built-in profiles, a
 * policy, workloads.yaml) and a SQLite audit trail written by the real audit writer.
 */
class AssessCommandTest {
    static final String PROVIDERS = """
            providers:
              - id: bedrock-eu
                kind: openai-compatible
                endpoint: https://bedrock.example/v1
                region: eu-central-1
                profile: claude-bedrock-eu
                models:
                  - pattern: eu.claude-*
              - id: bedrock-global
                kind: openai-compatible
                endpoint: https://bedrock.example/v1
                region: eu-central-1
                profile: claude-bedrock-global
                models:
                  - pattern: global.claude-*
              - id: local
                kind: openai-compatible
                endpoint: http://gpu-box:11434/v1
                region: local
                profile: self-hosted-open-weights
                models:
                  - pattern: llama*
            """;

    /** Personal data is pseudonymized and goes to Bedrock in the EU; special categories stay on the local model. */
    static final String POLICY = """
            routes:
              self-hosted: {provider: local, model: llama3.1-70b}
              claude-eu: {provider: bedrock-eu, model: eu.claude-sonnet-4-5}
            rules:
              - id: secrets-block
                when: categories.exists(c, c.startsWith('secret.'))
                action: block
                message: Secrets may not be sent to an AI model.
              - id: special-self-hosted
                when: categories.exists(c, c.startsWith('special.'))
                action: forward
                route: self-hosted
              - id: pii-pseudonymized
                when: categories.exists(c, c.startsWith('pii.'))
                action: redact
                categories: [pii.*]
                route: claude-eu
              - id: by-model
                action: forward
            """;

    static final String WORKLOADS = """
            workloads:
              - name: support
                description: Customer support answers
                categories: [pii.*]
                data_subjects: [eu]
                residency: eu
                role: controller
                transfer_mechanisms: [sccs]
            """;

    @TempDir
    Path dir;

    private Trail trail;
    private String config;

    @BeforeEach
    void configuration() throws Exception {
        trail = Trail.create(Trail.Kind.SQLITE, dir);
        config = trail.configDir.toString();
        Files.writeString(trail.configDir.resolve("providers.yaml"), PROVIDERS);
        Files.writeString(trail.configDir.resolve("policy.yaml"), POLICY);
        Files.writeString(trail.configDir.resolve("workloads.yaml"), WORKLOADS);
    }

    /** A request of workload support that carried pii.email to {@code provider}, redacted or in clear. */
    static AuditEvent decision(int i, String provider, String rule, List<String> redacted) {
        return new AuditEvent(
                AuditEvent.Type.DECISION,
                Trail.T0.plusSeconds(60L * i),
                "req-" + i,
                new AuditEvent.Subject("support-key", "care", "support"),
                new AuditEvent.Request("openai", "chat_completions", "global.claude-sonnet-4-5", false, 900L),
                Map.of("pii.email", 1),
                null,
                new AuditEvent.Route(
                        rule,
                        redacted.isEmpty() ? "forward" : "redact",
                        provider,
                        "eu-central-1",
                        "us",
                        "global.claude-sonnet-4-5",
                        null,
                        redacted),
                null,
                null,
                null);
    }

    @Test
    void withoutAStoreTheAssessmentIsFromThePolicyAloneAndFindsNoBreach() {
        CliTest.Run r = CliTest.run("assess", "--config", config, "--as-of", "2026-11-26");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
                .startsWith("Residency assessment as of 2026-11-26\n")
                .contains("Traffic    not read: no audit store at " + dir.resolve("data/audit.db")
                        + " yet; assessed from the policy only")
                .contains("1  warn      third_country_access  support   pii.*  bedrock-eu  eu-central-1  can\n")
                .contains("2  info      no_transfer           support   pii.*  bedrock-eu  eu-central-1  can\n")
                .as("pseudonymised data still reaches Bedrock as personal data")
                .contains("pseudonymised data is still personal data")
                .endsWith("No residency breach.\n");
        assertThat(Files.exists(dir.resolve("data/audit.db")))
                .as("the store is not created")
                .isFalse();
    }

    @Test
    void aBreachInTheTrailIsReportedWithItsEvidenceAndExitCodeOne() throws Exception {
        trail.write(
                "gw-a",
                List.of(
                        decision(1, "bedrock-global", "old-by-model", List.of()),
                        decision(2, "bedrock-global", "old-by-model", List.of()),
                        decision(3, "bedrock-global", "pii-pseudonymized", List.of("pii.email"))));
        CliTest.Run r = CliTest.run("assess", "--config", config, "--as-of", "2026-11-26");
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
                .contains("Traffic    3 requests (3 forwarded) from sqlite:")
                .contains(
                        "3  breach    residency_breach      support   pii.email  bedrock-global  eu-central-1  did: 3 requests\n"
                                + "4  warn      sccs_tia              support   pii.email  bedrock-global  eu-central-1  did: 3 requests\n")
                .contains("[3] residency_breach: The trail shows pii.email of support reached bedrock-global (3"
                        + " requests by rules old-by-model, pii-pseudonymized), which may process it in any country")
                .contains("Sources: https://docs.aws.amazon.com/bedrock/latest/userguide/cross-region-inference.html")
                .endsWith("1 residency breach found.\n");

        CliTest.Run json = CliTest.run("assess", "--config", config, "--as-of", "2026-11-26", "--format", "json");
        assertThat(json.exit()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertThat(report.get("breach").asBoolean()).isTrue();
        assertThat(report.get("traffic").get("requests").asLong()).isEqualTo(3);
        JsonNode breach = report.get("findings").get(2);
        assertThat(breach.get("kind").asText()).isEqualTo("residency_breach");
        assertThat(breach.get("destinations").get(0).asText()).isEqualTo("any");
        assertThat(breach.get("evidence")).singleElement().satisfies(e -> {
            assertThat(e.get("source").asText()).isEqualTo("traffic");
            assertThat(e.get("requests").asLong())
                    .as("the pseudonymized request counts: pseudonymised data is personal data")
                    .isEqualTo(3);
            assertThat(e.get("rules").get(0).asText()).isEqualTo("old-by-model");
        });

        CliTest.Run policyOnly = CliTest.run("assess", "--config", config, "--as-of", "2026-11-26", "--no-traffic");
        assertThat(policyOnly.exit())
                .as("the policy itself no longer lets it happen")
                .isZero();
        assertThat(policyOnly.out()).contains("Traffic    not read: --no-traffic; assessed from the policy only");

        CliTest.Run before =
                CliTest.run("assess", "--config", config, "--as-of", "2026-11-26", "--to", "2026-11-01T10:01:30Z");
        assertThat(before.exit()).isEqualTo(1);
        assertThat(before.out()).contains("did: 1 requests");
    }

    @Test
    void theMarkdownReportIsForADataProtectionOfficer() throws Exception {
        trail.write("gw-a", List.of(decision(1, "bedrock-global", "old-by-model", List.of())));
        CliTest.Run r = CliTest.run("assess", "--config", config, "--as-of", "2026-11-26", "--format", "markdown");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out())
                .startsWith("# Residency assessment (GDPR Chapter V)\n")
                .contains("| `support` | yes | `pii.*` | `eu` | eu | controller | `sccs` |")
                .contains("- **BREACH** `residency_breach` — `pii.email` → `bedrock-global`");
    }

    @Test
    void withoutWorkloadsYamlEveryWorkloadIsUndeclaredAndNoneCanBreach() throws Exception {
        Files.delete(trail.configDir.resolve("workloads.yaml"));
        trail.write("gw-a", List.of(decision(1, "bedrock-global", "old-by-model", List.of())));
        CliTest.Run r = CliTest.run("assess", "--config", config, "--as-of", "2026-11-26", "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertThat(report.get("workloads_file").isNull()).isTrue();
        assertThat(report.get("workloads").findValuesAsText("name")).containsExactly("other", "support");
        assertThat(report.get("workloads").findValues("declared")).allMatch(d -> !d.asBoolean());
        assertThat(report.get("summary").get("kinds").get("residency_breach").asInt())
                .isZero();
        assertThat(report.get("findings").findValuesAsText("kind"))
                .contains("manual_review", "third_country_access", "dpia_required", "no_transfer")
                .doesNotContain("missing_mechanism");
    }

    @Test
    void aRestrictedTransferWithoutAFittingMechanismExitsOneEvenWithoutAResidencyRequirement() throws Exception {
        Files.writeString(
                trail.configDir.resolve("workloads.yaml"),
                WORKLOADS.replace("residency: eu", "residency: none").replace("transfer_mechanisms: [sccs]", ""));
        trail.write("gw-a", List.of(decision(1, "bedrock-global", "old-by-model", List.of())));
        CliTest.Run r = CliTest.run("assess", "--config", config, "--as-of", "2026-11-26");
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.out())
                .contains("breach    missing_mechanism")
                .contains("    Destinations: any\n")
                .contains("(the workload declares none)")
                .endsWith("1 restricted transfer without a fitting mechanism found.\n");

        Files.writeString(
                trail.configDir.resolve("workloads.yaml"),
                WORKLOADS.replace("residency: eu", "residency: none").replace("[sccs]", "[dpf]"));
        CliTest.Run dpf = CliTest.run("assess", "--config", config, "--as-of", "2026-11-26");
        assertThat(dpf.exit())
                .as("the DPF does not serve a global profile's destinations")
                .isEqualTo(1);
        assertThat(dpf.out()).contains("mechanism_mismatch").contains("the DPF covers only US importers");
    }

    @Test
    void aBadWorkloadsFileIsOnePreciseLineAndExitCodeTwo() throws Exception {
        Path file = trail.configDir.resolve("workloads.yaml");
        Files.writeString(file, WORKLOADS.replace("role: controller", "role: owner"));
        CliTest.Run r = CliTest.run("assess", "--config", config);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .isEqualTo("sovereign assess: " + file
                        + ":7: workloads[0] (support).role: 'owner' is not one of: controller, processor\n");
    }

    @Test
    void aDeclarationForAProviderThatIsNotConfiguredIsOnePreciseLineAndExitCodeTwo() throws Exception {
        Path file = trail.configDir.resolve("workloads.yaml");
        Files.writeString(file, "deployments:\n  bedrock-europe:\n    dpf: none\n" + WORKLOADS);
        CliTest.Run r = CliTest.run("assess", "--config", config);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo("sovereign assess: " + file + ":2: deployments.bedrock-europe: no provider 'bedrock-europe'"
                        + " is configured (providers: bedrock-eu, bedrock-global, local)\n");
    }

    @Test
    void badArgumentsAreOneLineAndExitCodeTwo() {
        CliTest.Run date = CliTest.run("assess", "--config", config, "--as-of", "26/11/2026");
        assertThat(date.exit()).isEqualTo(2);
        assertThat(date.err()).isEqualTo("sovereign assess: --as-of: '26/11/2026' is not a date (YYYY-MM-DD)\n");
        CliTest.Run missing = CliTest.run(
                "assess",
                "--config",
                config,
                "--workloads",
                dir.resolve("nope.yaml").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("sovereign assess: no such file: " + dir.resolve("nope.yaml") + "\n");
        CliTest.Run option = CliTest.run("assess", "--colour");
        assertThat(option.exit()).isEqualTo(2);
        assertThat(option.err().strip())
                .doesNotContain("\n")
                .startsWith("sovereign assess: Unknown option: '--colour'");
    }
}
