package dev.sovereign.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.audit.AuditEvent;
import dev.sovereign.audit.ContentSealer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code sovereign audit query}: filters, paging through the cursor, table and JSON, captured content. */
class QueryCommandTest {
    @TempDir
    Path dir;

    private final Cli cli = new Cli();
    private final ObjectMapper json = new ObjectMapper();
    private Trail trail;
    private String config;

    @BeforeEach
    void thirtyEvents() throws Exception {
        trail = Trail.create(Trail.Kind.SQLITE, dir).write("gw-a", Trail.events(30));
        config = trail.configDir.toString();
    }

    private List<String> requestIds(String... filters) throws Exception {
        List<String> args = new ArrayList<>(List.of("audit", "query", "--json", "--limit", "1000", "--config", config));
        args.addAll(List.of(filters));
        Cli.Run r = cli.run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> ids = new ArrayList<>();
        json.readTree(r.out())
                .get("events")
                .forEach(e -> ids.add(e.get("request_id").asText()));
        return ids;
    }

    @Test
    void eachFilterNarrowsTheEvents() throws Exception {
        assertThat(requestIds()).hasSize(30).startsWith("req-30", "req-29");
        assertThat(requestIds("--jurisdiction", "eu")).hasSize(15).allMatch(id -> odd(id));
        assertThat(requestIds("--provider", "anthropic")).hasSize(15).noneMatch(id -> odd(id));
        assertThat(requestIds("--workload", "support-bot")).hasSize(15);
        assertThat(requestIds("--type", "completion")).hasSize(10);
        assertThat(requestIds("--category", "special.*")).hasSize(7);
        assertThat(requestIds("--category", "special.health")).hasSize(7);
        assertThat(requestIds("--category", "pii.email")).hasSize(30);
        assertThat(requestIds("--key", "key-0", "--type", "completion")).hasSize(10);
        assertThat(requestIds("--team", "team-b")).isEmpty();
        assertThat(requestIds("--action", "forward")).hasSize(30);
        assertThat(requestIds("--request-id", "req-7")).containsExactly("req-7");
    }

    @Test
    void timesAreInstantsDatesOrAges() throws Exception {
        assertThat(requestIds("--from", "2026-11-01T10:10:00Z", "--to", "2026-11-01T10:15:00Z"))
                .containsExactly("req-14", "req-13", "req-12", "req-11", "req-10");
        assertThat(requestIds("--from", "2026-11-01T11:10:00+01:00", "--to", "2026-11-01T11:12:00+01:00"))
                .containsExactly("req-11", "req-10");
        assertThat(requestIds("--from", "2026-11-01")).hasSize(30);
        assertThat(requestIds("--to", "2026-11-01"))
                .as("a date as --to includes its day")
                .hasSize(30);
        assertThat(requestIds("--to", "2026-10-31")).isEmpty();

        cli.at(Trail.T0.plusSeconds(60 * 30 + 30)); // half a minute after the last event
        assertThat(requestIds("--from", "5m")).containsExactly("req-30", "req-29", "req-28", "req-27", "req-26");
        assertThat(requestIds("--from", "1h", "--to", "29m")).containsExactly("req-1");
        assertThat(requestIds("--from", "1d")).hasSize(30);
    }

    @ParameterizedTest
    @EnumSource(Trail.Kind.class)
    void pagesFollowTheCursorToTheEnd(Trail.Kind kind) throws Exception {
        try (Trail other = Trail.create(kind, dir.resolve(kind.name()))) {
            other.write("gw-a", Trail.events(30)).write("gw-b", Trail.events(5));
            Set<String> seen = new HashSet<>();
            List<String> args =
                    List.of("audit", "query", "--json", "--limit", "7", "--config", other.configDir.toString());
            JsonNode page = json.readTree(cli.run(args.toArray(String[]::new)).out());
            int pages = 1;
            while (true) {
                for (JsonNode e : page.get("events")) {
                    assertThat(seen.add(e.get("writer").asText() + "#"
                                    + e.get("seq").asLong()))
                            .isTrue();
                }
                if (page.get("next").isNull()) break;
                List<String> next = new ArrayList<>(args);
                next.addAll(List.of("--cursor", page.get("next").asText()));
                Cli.Run r = cli.run(next.toArray(String[]::new));
                assertThat(r.exit()).as(r.err()).isZero();
                page = json.readTree(r.out());
                pages++;
            }
            assertThat(seen).hasSize(35);
            assertThat(pages).isEqualTo(5);
        }
    }

    @Test
    void jsonEventsAreTheRecordedEventsWithTheirPlaceInTheChain() throws Exception {
        Cli.Run r = cli.run("audit", "query", "--json", "--request-id", "req-12", "--config", config);
        JsonNode e = json.readTree(r.out()).get("events").get(0);
        assertThat(e.get("type").asText()).isEqualTo("completion");
        assertThat(e.get("time").asText()).isEqualTo("2026-11-01T10:12:00Z");
        assertThat(e.get("subject").get("workload").asText()).isEqualTo("support-bot");
        assertThat(e.get("categories").get("special.health").asInt()).isEqualTo(1);
        assertThat(e.get("route").get("jurisdiction").asText()).isEqualTo("us");
        assertThat(e.get("result").get("status").asInt()).isEqualTo(200);
        assertThat(e.get("writer").asText()).isEqualTo("gw-a");
        assertThat(e.get("seq").asLong()).isEqualTo(12);
        assertThat(e.get("hash").asText()).hasSize(64);
        assertThat(json.readTree(r.out()).get("next").isNull()).isTrue();
    }

    @Test
    void theTableShowsOneEventPerLineAndHowToGetTheNextPage() {
        Cli.Run r = cli.run("audit", "query", "--limit", "3", "--config", config);
        assertThat(r.exit()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0))
                .containsSubsequence(
                        "TIME",
                        "TYPE",
                        "REQUEST",
                        "WORKLOAD",
                        "KEY",
                        "CATEGORIES",
                        "ACTION",
                        "PROVIDER",
                        "JURISDICTION",
                        "STATUS");
        assertThat(lines.get(1))
                .containsSubsequence(
                        "2026-11-01T10:30:00Z",
                        "completion",
                        "req-30",
                        "support-bot",
                        "key-0",
                        "pii.email:1",
                        "forward",
                        "anthropic",
                        "us",
                        "200");
        assertThat(lines.get(2))
                .containsSubsequence("req-29", "hr-assistant", "local", "eu")
                .endsWith("-");
        assertThat(lines.get(3)).contains("req-28", "pii.email:2,special.health:1");
        assertThat(r.out()).containsPattern("3 events; next page: --cursor \\d+");

        assertThat(cli.run("audit", "query", "--team", "nobody", "--config", config)
                        .out())
                .isEqualTo("No events match.\n");
    }

    @Test
    void capturedContentIsShownOnlyWithDecryptAndTheKey() throws Exception {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        ContentSealer sealer = ContentSealer.of(key);
        AuditEvent plain = Trail.event(31);
        AuditEvent captured = new AuditEvent(
                plain.type(),
                plain.time(),
                plain.requestId(),
                plain.subject(),
                plain.request(),
                plain.categories(),
                plain.labels(),
                plain.route(),
                plain.guarantees(),
                plain.result(),
                sealer.seal("the prompt\nsecond line", plain.requestId()));
        trail.write("gw-c", List.of(captured));

        Cli.Run hidden = cli.run("audit", "query", "--request-id", "req-31", "--config", config);
        assertThat(hidden.out()).contains("req-31").doesNotContain("the prompt");
        Cli.Run hiddenJson = cli.run("audit", "query", "--json", "--request-id", "req-31", "--config", config);
        assertThat(hiddenJson.out()).doesNotContain("the prompt").contains("\"content\":{");

        Cli.Run noKey = cli.run("audit", "query", "--decrypt", "--request-id", "req-31", "--config", config)
                .failedInOneLine();
        assertThat(noKey.err()).contains("--decrypt needs the capture key in SOVEREIGN_AUDIT_CAPTURE_KEY");

        cli.env(Map.of(ContentSealer.KEY_ENV, key));
        Cli.Run shown = cli.run("audit", "query", "--decrypt", "--request-id", "req-31", "--config", config);
        assertThat(shown.out()).contains("    | the prompt\n    | second line\n");
        Cli.Run shownJson =
                cli.run("audit", "query", "--json", "--decrypt", "--request-id", "req-31", "--config", config);
        assertThat(json.readTree(shownJson.out())
                        .get("events")
                        .get(0)
                        .get("content")
                        .get("text")
                        .asText())
                .isEqualTo("the prompt\nsecond line");

        cli.env(Map.of(ContentSealer.KEY_ENV, Base64.getEncoder().encodeToString(new byte[31])));
        assertThat(cli.run("audit", "query", "--decrypt", "--config", config)
                        .failedInOneLine()
                        .err())
                .contains("must be 32 bytes");
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() {
        assertThat(cli.run("audit", "query", "--limit", "0", "--config", config)
                        .failedInOneLine()
                        .err())
                .isEqualTo("sovereign audit query: --limit: must be between 1 and 1000, not 0\n");
        assertThat(cli.run("audit", "query", "--limit", "1001", "--config", config)
                        .failedInOneLine()
                        .err())
                .contains("--limit: must be between 1 and 1000, not 1001");
        assertThat(cli.run("audit", "query", "--limit", "ten", "--config", config)
                        .failedInOneLine()
                        .err())
                .contains("'ten' is not an int");
        assertThat(cli.run("audit", "query", "--from", "yesterday", "--config", config)
                        .failedInOneLine()
                        .err())
                .contains("--from: 'yesterday' is not an instant (2026-11-01T10:00:00Z), a date");
        assertThat(cli.run("audit", "query", "--to", "2026-02-30", "--config", config)
                        .failedInOneLine()
                        .err())
                .contains("--to: '2026-02-30' is not");
        assertThat(cli.run("audit", "query", "--from", "2026-11-02", "--to", "2026-11-01T00:00:00Z", "--config", config)
                        .failedInOneLine()
                        .err())
                .contains("--from (2026-11-02T00:00:00Z) is after --to (2026-11-01T00:00:00Z)");
        assertThat(cli.run("audit", "query", "--type", "refusal", "--config", config)
                        .failedInOneLine()
                        .err())
                .contains("--type: unknown event type 'refusal' (decision, fallback, completion, limited)");
        assertThat(cli.run("audit", "query", "--jurisdiction", "mars", "--config", config)
                        .failedInOneLine()
                        .err())
                .contains("--jurisdiction: jurisdiction 'mars' is not one of adequate, eu, eu-us-reach, unknown, us");
        assertThat(cli.run("audit", "query", "--category", "special", "--config", config)
                        .failedInOneLine()
                        .err())
                .contains("--category: category 'special' names a family, not a category: write 'special.*'");
        assertThat(cli.run("audit", "query", "--cursor", "abc", "--config", config)
                        .failedInOneLine()
                        .err())
                .contains("'abc' is not a long");
        assertThat(cli.run("audit", "query", "--fromm", "1d", "--config", config)
                        .failedInOneLine()
                        .err())
                .contains("Unknown option");
    }

    @Test
    void anUnreadableRecordIsNamedByItsPosition() throws Exception {
        trail.exec("UPDATE audit_event SET body = '{\"event\":' WHERE writer = 'gw-a' AND seq = 3");
        for (String format : List.of("--json", "--limit=50")) {
            assertThat(cli.run("audit", "query", format, "--config", config)
                            .failedInOneLine()
                            .err())
                    .isEqualTo("sovereign audit query: event gw-a #3 is not a readable record (run sovereign audit"
                            + " verify)\n");
        }
    }

    private static boolean odd(String requestId) {
        return Integer.parseInt(requestId.substring(4)) % 2 == 1;
    }
}
