package dev.sovereign.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.audit.AuditEvent;
import dev.sovereign.cli.SovereignCommand;
import dev.sovereign.cli.audit.Trail;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sovereign report} over a real SQLite trail written by the real audit writer. */
class ReportCommandTest {
    static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    static final String PROVIDERS = """
            providers:
              - id: anthropic
                kind: anthropic
                endpoint: https://api.anthropic.com
                api_key_env: SOVEREIGN_TEST_ANTHROPIC_KEY
                region: us
                profile: anthropic
                models:
                  - pattern: claude-*
              - id: local
                kind: openai-compatible
                endpoint: http://gpu-box:11434/v1
                region: local
                profile: self-hosted-open-weights
                models:
                  - pattern: llama*
            """;

    @TempDir
    Path dir;

    Path config;

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SovereignCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    Trail trail;

    @BeforeEach
    void configure() throws Exception {
        trail = Trail.create(Trail.Kind.SQLITE, dir);
        config = trail.configDir;
        Files.writeString(config.resolve("providers.yaml"), PROVIDERS);
    }

    static AuditEvent decision(
            int i,
            String workload,
            Map<String, Integer> cats,
            String action,
            String provider,
            String jurisdiction,
            List<String> redacted) {
        return new AuditEvent(
                AuditEvent.Type.DECISION,
                T0.plusSeconds(3600L * i),
                "req-" + i,
                new AuditEvent.Subject("key-" + workload, "team-a", workload),
                new AuditEvent.Request("anthropic", "messages", "claude-x", false, 1200L),
                cats,
                null,
                new AuditEvent.Route(
                        "rule-" + action,
                        action,
                        provider,
                        null,
                        jurisdiction,
                        provider == null ? null : "m",
                        null,
                        redacted),
                null,
                null,
                null);
    }

    static AuditEvent completion(int i, String workload, String provider, String jurisdiction, long in, long out) {
        return new AuditEvent(
                AuditEvent.Type.COMPLETION,
                T0.plusSeconds(3600L * i + 2),
                "req-" + i,
                new AuditEvent.Subject("key-" + workload, "team-a", workload),
                new AuditEvent.Request("anthropic", "messages", null, null, null),
                null,
                null,
                new AuditEvent.Route("rule-forward", "forward", provider, null, jurisdiction, "m"),
                null,
                new AuditEvent.Result(200, 300L, 50L, in, out, null, null, null),
                null);
    }

    void writeTrail() throws Exception {
        trail.write(
                "gw-test",
                List.of(
                        decision(1, "support", Map.of("pii.email", 1), "forward", "anthropic", "us", null),
                        completion(1, "support", "anthropic", "us", 100, 20),
                        decision(
                                2,
                                "support",
                                Map.of("pii.email", 1),
                                "redact",
                                "anthropic",
                                "us",
                                List.of("pii.email")),
                        completion(2, "support", "anthropic", "us", 100, 20),
                        decision(3, "hr", Map.of("special.health", 1), "forward", "local", "eu", null),
                        completion(3, "hr", "local", "eu", 500, 100),
                        decision(4, "hr", Map.of("secret.aws_access_key", 1), "block", null, null, null)));
    }

    @Test
    void postureAsJsonCountsTheTrail() throws Exception {
        writeTrail();
        Run r = run(
                "report",
                "posture",
                "--config",
                config.toString(),
                "--from",
                "2026-11-01",
                "--to",
                "2026-11-30",
                "--format",
                "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode p = new ObjectMapper().readTree(r.out());
        assertThat(p.path("totals").path("requests").asLong()).isEqualTo(4);
        assertThat(p.path("totals").path("forwarded").asLong()).isEqualTo(3);
        assertThat(p.path("totals").path("redacted").asLong()).isEqualTo(1);
        assertThat(p.path("totals").path("blocked").asLong()).isEqualTo(1);
        assertThat(p.path("totals").path("input_tokens").asLong()).isEqualTo(700);
        assertThat(p.path("outside_eu").path("requests").asLong()).isEqualTo(1);
        assertThat(p.path("outside_eu").path("flows").get(0).path("rule").asText())
                .isEqualTo("rule-forward");
        JsonNode providers = p.path("by_provider");
        assertThat(providers.get(0).path("profile").asText()).isEqualTo("anthropic");
        assertThat(providers.get(1).path("profile").asText()).isEqualTo("self-hosted-open-weights");
        assertThat(providers.get(1).path("score").asDouble())
                .isGreaterThan(providers.get(0).path("score").asDouble());

        Run narrow = run(
                "report",
                "posture",
                "--config",
                config.toString(),
                "--from",
                "2026-11-02T12:30:00Z",
                "--to",
                "2026-11-30",
                "--format",
                "json");
        assertThat(new ObjectMapper()
                        .readTree(narrow.out())
                        .path("totals")
                        .path("requests")
                        .asLong())
                .isEqualTo(2);
    }

    @Test
    void theFullReportRendersAsMarkdownHtmlAndJsonWithItsSources() throws Exception {
        writeTrail();
        String[] window = {"--config", config.toString(), "--from", "2026-11-01", "--to", "2026-11-30"};
        Run md = run(concat(new String[] {"report"}, window));
        assertThat(md.exit()).as(md.err()).isZero();
        assertThat(md.out())
                .startsWith("# AI data sovereignty report")
                .contains(
                        "## Organisation posture",
                        "## Residency assessment",
                        "## Enterprise AI Sovereignty Index",
                        "## Vendor risk events",
                        "## Sources",
                        "- <https://");

        Path html = dir.resolve("report.html");
        Run h = run(concat(new String[] {"report", "--format", "html", "--out", html.toString()}, window));
        assertThat(h.exit()).as(h.err()).isZero();
        String page = Files.readString(html);
        assertThat(page)
                .startsWith("<!DOCTYPE html>")
                .contains("<table>", "<h2>Organisation posture</h2>")
                .doesNotContain("<script");

        Run json = run(concat(new String[] {"report", "--format", "json"}, window));
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertThat(doc.path("sections").fieldNames())
                .toIterable()
                .contains("summary", "posture", "assessment", "costs", "index", "vendor_events");
        assertThat(doc.path("sections")
                        .path("summary")
                        .path("sensitive_outside_eu")
                        .asLong())
                .isEqualTo(1);
        assertThat(doc.path("sources").size()).isGreaterThan(5);
    }

    @Test
    void withoutATrailTheReportSaysThereIsNoTraffic() {
        Run r = run("report", "posture", "--config", config.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("no audit trail yet");
        assertThat(r.out()).contains("No requests in this window");
        assertThat(Files.exists(dir.resolve("data").resolve("audit.db")))
                .as("no store is created")
                .isFalse();
    }

    @Test
    void badOptionsFailInOneLine() {
        for (String[] args : List.of(
                new String[] {"report", "--config", config.toString(), "--from", "yesterday"},
                new String[] {"report", "posture", "--config", config.toString(), "--granularity", "minute"},
                new String[] {"report", "--config", config.toString(), "--weights", "1,2"},
                new String[] {"report", "--config", config.toString(), "--as-of", "2026-13-01"})) {
            Run r = run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().strip())
                    .doesNotContain("\n")
                    .doesNotContain("Exception")
                    .isNotEmpty();
            assertThat(r.out()).isEmpty();
        }
        assertThat(run("report", "posture", "--config", config.toString(), "--granularity", "minute")
                        .err())
                .contains("unknown granularity 'minute' (hour, day, week, month)");
    }

    static String[] concat(String[] a, String[] b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
