package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.audit.AuditEvent;
import dev.sovereign.audit.AuditSigner;
import dev.sovereign.audit.AuditWriter;
import dev.sovereign.audit.CheckpointLog;
import dev.sovereign.config.AuditConfig;
import dev.sovereign.config.ConfigLoader;
import dev.sovereign.store.AuditStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sovereign cost} on a real SQLite trail written by the real {@link AuditWriter}: spend recorded by the
 * gateway, spend priced now for events without an estimate, unpriced traffic reported, what-if options, and errors
 * in one line.
 */
class CostCommandTest {
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    @TempDir
    Path dir;

    private Path config;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void trail() throws Exception {
        config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("sovereign.yaml"), "data_dir: \"" + dir.resolve("data") + "\"\n");
        AuditConfig audit = new ConfigLoader(Map.of()).load(config).audit();
        List<AuditEvent> events = new ArrayList<>();
        // Recorded by the gateway: 1,000 × 3 + 500 × 15 micro-USD.
        exchange(events, 1, "support-bot", "anthropic", "claude-sonnet-4-5", 1_000, 500, 10_500L);
        // Written without an estimate: priced now, 2,000 × 3 + 100 × 15.
        exchange(events, 2, "support-bot", "anthropic", "claude-sonnet-4-5", 2_000, 100, null);
        // A local model with no price: counted, not priced.
        exchange(events, 3, "hr-assistant", "local", "llama3.3:70b", 4_000, 300, null);
        // Blocked: no provider, no spend.
        events.add(decision(4, "hr-assistant", "block", null, null));
        // Two days later.
        exchange(events, 2 * 24 * 60, "support-bot", "anthropic", "claude-haiku-4-5", 10_000, 1_000, null);
        try (var store = AuditStores.open(audit)) {
            AuditWriter w = new AuditWriter(
                            store,
                            "gw-test",
                            AuditSigner.generate(audit.signingKey(), audit.verifyKey()),
                            new CheckpointLog(audit.checkpoints()),
                            Clock.fixed(T0, ZoneOffset.UTC),
                            AuditWriter.Options.DEFAULTS)
                    .start();
            List<CompletableFuture<AuditWriter.Receipt>> pending = new ArrayList<>();
            for (AuditEvent e : events) pending.add(w.append(e, true));
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
            w.close();
        }
    }

    private static void exchange(
            List<AuditEvent> events,
            int minute,
            String workload,
            String provider,
            String model,
            long in,
            long out,
            Long cost) {
        events.add(decision(minute, workload, "forward", provider, model));
        events.add(new AuditEvent(
                AuditEvent.Type.COMPLETION,
                T0.plusSeconds(60L * minute + 1),
                "req-" + minute,
                new AuditEvent.Subject("key-" + workload, "team-a", workload),
                new AuditEvent.Request("openai", "chat.completions", null, null, null),
                null,
                null,
                new AuditEvent.Route("r", "forward", provider, "us", "us", model),
                null,
                new AuditEvent.Result(200, 300L, null, in, out, cost, null, null),
                null));
    }

    private static AuditEvent decision(int minute, String workload, String action, String provider, String model) {
        return new AuditEvent(
                AuditEvent.Type.DECISION,
                T0.plusSeconds(60L * minute),
                "req-" + minute,
                new AuditEvent.Subject("key-" + workload, "team-a", workload),
                new AuditEvent.Request("openai", "chat.completions", "fast", false, 900L),
                Map.of("pii.email", 1),
                null,
                new AuditEvent.Route("r", action, provider, "us", "us", model),
                null,
                null,
                null);
    }

    private JsonNode costJson(String... more) throws Exception {
        List<String> args = new ArrayList<>(
                List.of("cost", "--config", config.toString(), "--as-of", "2026-11-26", "--format", "json"));
        args.addAll(List.of(more));
        CliTest.Run r = CliTest.run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        return json.readTree(r.out());
    }

    private static JsonNode named(JsonNode array, String field, String value) {
        for (JsonNode n : array) if (n.path(field).asText().equals(value)) return n;
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }

    @Test
    void spendIsReadFromTheTrailAndUnpricedTrafficIsReported() throws Exception {
        JsonNode report = costJson("--to", "2026-11-01");
        assertThat(report.path("requests_read").asLong()).isEqualTo(4);
        JsonNode total = report.path("total");
        assertThat(total.path("requests").asLong()).isEqualTo(3);
        assertThat(total.path("cost_micro_usd").asLong()).isEqualTo(10_500 + 7_500);
        assertThat(total.path("priced_now_requests").asLong()).isEqualTo(1);
        assertThat(total.path("unpriced_requests").asLong()).isEqualTo(1);
        assertThat(total.path("unpriced_input_tokens").asLong()).isEqualTo(4_000);
        JsonNode unpriced = report.path("unpriced").get(0);
        assertThat(unpriced.path("model").asText()).isEqualTo("llama3.3:70b");
        assertThat(unpriced.path("reason").asText()).isEqualTo("no_price");
        JsonNode support = named(report.path("spend").path("by_workload"), "name", "support-bot");
        assertThat(support.path("cost_micro_usd").asLong()).isEqualTo(18_000);
        assertThat(named(report.path("spend").path("by_workload"), "name", "hr-assistant")
                        .path("unpriced_requests")
                        .asLong())
                .isEqualTo(1);
        JsonNode whatIf = named(report.path("what_if"), "workload", "support-bot");
        assertThat(named(whatIf.path("options"), "alternative", "claude-bedrock-eu/claude-sonnet-4")
                        .path("cost_micro_usd")
                        .asLong())
                .as("3,000 input and 600 output tokens on the EU regional endpoint, 10% above list")
                .isEqualTo(Math.round((3_000 * 3 + 600 * 15) * 1.1));
        assertThat(named(whatIf.path("options"), "alternative", "aws-trn1.32xlarge-70b")
                        .path("cost_micro_usd")
                        .isNumber())
                .isTrue();
        JsonNode trn1 = named(report.path("alternatives"), "id", "aws-trn1.32xlarge-70b");
        JsonNode p5 = named(report.path("alternatives"), "id", "aws-p5.48xlarge-70b");
        assertThat(trn1.path("accelerator").path("kind").asText()).isEqualTo("aws-trainium");
        assertThat(p5.path("accelerator").path("kind").asText()).isEqualTo("nvidia-h100");
        assertThat(trn1.path("sovereignty_index").asLong())
                .isEqualTo(p5.path("sovereignty_index").asLong());
        assertThat(named(report.path("alternatives"), "id", "mistral/mistral-medium-3")
                        .path("sovereignty_index")
                        .asLong())
                .isGreaterThan(named(report.path("alternatives"), "id", "anthropic/claude-sonnet-4")
                        .path("sovereignty_index")
                        .asLong());
    }

    @Test
    void thePeriodSelectsTheRequests() throws Exception {
        JsonNode later = costJson("--from", "2026-11-02");
        assertThat(later.path("total").path("requests").asLong()).isEqualTo(1);
        assertThat(later.path("total").path("cost_micro_usd").asLong()).isEqualTo(10_000 + 1_000 * 5);
        assertThat(later.path("from").asText()).isEqualTo("2026-11-02T00:00:00Z");
        assertThat(costJson().path("total").path("requests").asLong()).isEqualTo(4);
    }

    @Test
    void theTableAndTheMarkdownShowSpendOptionsAndSources() {
        CliTest.Run table =
                CliTest.run("cost", "--config", config.toString(), "--as-of", "2026-11-26", "--to", "2026-11-01");
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out())
                .contains("Total: 0.0180 USD, 3 requests")
                .contains("llama3.3:70b")
                .contains("aws-trn1.32xlarge-70b")
                .contains("re-check");
        CliTest.Run md =
                CliTest.run("cost", "--config", config.toString(), "--as-of", "2026-11-26", "--format", "markdown");
        assertThat(md.out())
                .contains("## What the same traffic would cost elsewhere")
                .contains("## Sources")
                .contains("https://platform.claude.com/docs/en/about-claude/pricing");
    }

    @Test
    void withoutATrailTheOptionsArePricedPerMillionTokens() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve("sovereign.yaml"), "data_dir: \"" + dir.resolve("nothing") + "\"\n");
        CliTest.Run r = CliTest.run("cost", "--config", empty.toString(), "--as-of", "2026-11-26");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("No forwarded traffic").contains("anthropic/claude-sonnet-4");
        assertThat(Files.exists(dir.resolve("nothing")))
                .as("a report creates no store")
                .isFalse();
    }

    @Test
    void thePriceTableListsSourcesAndTheUtilisationChangesSelfHostedRates() throws Exception {
        CliTest.Run r = CliTest.run("cost", "--prices", "--config", config.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains("claude-sonnet-4")
                .contains("https://openai.com/api/pricing/")
                .contains("trn1.32xlarge");
        JsonNode half = named(costJson("--prices").path("self_hosted"), "id", "aws-p5.48xlarge-70b");
        JsonNode full =
                named(costJson("--prices", "--utilisation", "1").path("self_hosted"), "id", "aws-p5.48xlarge-70b");
        assertThat(half.path("usd_per_mtok").path("output").decimalValue())
                .isEqualByComparingTo(
                        full.path("usd_per_mtok").path("output").decimalValue().multiply(java.math.BigDecimal.TWO));
    }

    @Test
    void errorsAreOneLineWithExitCode2() throws Exception {
        for (String[] args : List.of(
                new String[] {"--utilisation", "2"},
                new String[] {"--as-of", "soon"},
                new String[] {"--from", "yesterday"},
                new String[] {"--format", "xml"})) {
            List<String> all = new ArrayList<>(List.of("cost", "--config", config.toString()));
            all.addAll(List.of(args));
            CliTest.Run r = CliTest.run(all.toArray(String[]::new));
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().strip())
                    .startsWith("sovereign cost")
                    .doesNotContain("\n")
                    .doesNotContain("Exception");
            assertThat(r.out()).isEmpty();
        }
        Files.writeString(config.resolve("prices.yaml"), "api:\n  - {id: x, profiles: [a], models: [b]}\n");
        CliTest.Run r = CliTest.run("cost", "--config", config.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip())
                .isEqualTo("sovereign cost: invalid configuration: " + config.resolve("prices.yaml")
                        + ": api[0].usd_per_mtok: required: {input: …, output: …} in USD per million tokens");
    }
}
