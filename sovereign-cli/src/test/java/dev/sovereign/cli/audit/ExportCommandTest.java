package dev.sovereign.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.sovereign.audit.AuditChain;
import dev.sovereign.audit.AuditEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code sovereign audit export}: JSON lines that an outside tool can check, CSV that parses back. */
class ExportCommandTest {
    @TempDir
    Path dir;

    private final Cli cli = new Cli();
    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(Trail.Kind.class)
    void jsonLinesRecomputeToTheirHashesAndLinkIntoChains(Trail.Kind kind) throws Exception {
        try (Trail trail = Trail.create(kind, dir)) {
            // More events than one page of the store, so that the export follows the cursor.
            trail.write("gw-a", Trail.events(1203)).write("gw-b", Trail.events(4));
            Cli.Run r = cli.run("audit", "export", "--format", "jsonl", "--config", trail.configDir.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.err()).isEqualTo("exported 1207 events\n");

            List<JsonNode> records = new ArrayList<>();
            for (String line : r.out().split("\n")) records.add(json.readTree(line));
            assertThat(records).hasSize(1207);
            for (JsonNode rec : records) {
                assertThat(rec.properties())
                        .extracting(Map.Entry::getKey)
                        .containsExactly("writer", "seq", "prev_hash", "hash", "body");
                assertThat(AuditChain.hash(
                                rec.get("prev_hash").asText(), rec.get("body").asText()))
                        .as("hash of %s #%s", rec.get("writer"), rec.get("seq"))
                        .isEqualTo(rec.get("hash").asText());
            }
            // Sorted by writer and seq, each record follows the one before it.
            records.sort(Comparator.comparing((JsonNode n) -> n.get("writer").asText())
                    .thenComparingLong(n -> n.get("seq").asLong()));
            Map<String, String> head = new HashMap<>();
            for (JsonNode rec : records) {
                String writer = rec.get("writer").asText();
                assertThat(rec.get("prev_hash").asText()).isEqualTo(head.getOrDefault(writer, AuditChain.GENESIS));
                head.put(writer, rec.get("hash").asText());
            }
        }
    }

    @Test
    void filtersApplyAndOutWritesTheWholeFile() throws Exception {
        try (Trail trail = Trail.create(Trail.Kind.SQLITE, dir)) {
            trail.write("gw-a", Trail.events(30));
            Path out = dir.resolve("exports").resolve("eu.jsonl");
            Cli.Run r = cli.run(
                    "audit",
                    "export",
                    "--format",
                    "jsonl",
                    "--jurisdiction",
                    "eu",
                    "--out",
                    out.toString(),
                    "--config",
                    trail.configDir.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).isEqualTo("exported 15 events to " + out + "\n");
            assertThat(Files.readAllLines(out))
                    .hasSize(15)
                    .allSatisfy(l -> assertThat(l).contains("\\\"jurisdiction\\\":\\\"eu\\\""));
            try (var files = Files.list(out.getParent())) {
                assertThat(files).containsExactly(out);
            }
        }
    }

    @Test
    void csvHasAHeaderAndParsesBackWithAwkwardValuesIntact() throws Exception {
        try (Trail trail = Trail.create(Trail.Kind.SQLITE, dir)) {
            AuditEvent base = Trail.event(2);
            String awkward = "team \"α\", with comma\nand a new line";
            AuditEvent odd = new AuditEvent(
                    base.type(),
                    base.time(),
                    base.requestId(),
                    new AuditEvent.Subject("key-2", awkward, "=cmd|' /C calc'!A0"),
                    base.request(),
                    base.categories(),
                    List.of("a", "b"),
                    base.route(),
                    base.guarantees(),
                    base.result(),
                    base.content());
            trail.write("gw-a", List.of(Trail.event(1), odd, Trail.event(3)));

            Cli.Run r = cli.run("audit", "export", "--format", "CSV", "--config", trail.configDir.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out())
                    .startsWith("writer,seq,time,type,request_id,key,team,workload,api,operation,model,"
                            + "categories,labels,rule,action,provider,region,jurisdiction,upstream_model,status,latency_ms,"
                            + "input_tokens,output_tokens,error,hash\n");

            List<Map<String, String>> rows;
            try (MappingIterator<Map<String, String>> it = new CsvMapper()
                    .readerForMapOf(String.class)
                    .with(CsvSchema.emptySchema().withHeader())
                    .readValues(r.out())) {
                rows = it.readAll();
            }
            assertThat(rows).hasSize(3);
            assertThat(rows).extracting(m -> m.get("request_id")).containsExactly("req-3", "req-2", "req-1");
            Map<String, String> two = rows.get(1);
            assertThat(two.get("team")).isEqualTo(awkward);
            assertThat(two.get("workload")).isEqualTo("=cmd|' /C calc'!A0");
            assertThat(two.get("labels")).isEqualTo("a,b");
            assertThat(two.get("seq")).isEqualTo("2");
            assertThat(two.get("time")).isEqualTo("2026-11-01T10:02:00Z");
            assertThat(two.get("categories")).isEqualTo("pii.email:1");
            assertThat(two.get("jurisdiction")).isEqualTo("us");
            assertThat(two.get("status")).isEmpty();
            assertThat(rows.get(0).get("status")).isEqualTo("200");
            assertThat(rows.get(0).get("hash")).hasSize(64);
        }
    }

    @Test
    void anEmptyCsvExportStillHasItsHeader() throws Exception {
        try (Trail trail = Trail.create(Trail.Kind.SQLITE, dir)) {
            trail.write("gw-a", Trail.events(3));
            Cli.Run r = cli.run(
                    "audit", "export", "--format", "csv", "--team", "nobody", "--config", trail.configDir.toString());
            assertThat(r.exit()).isZero();
            assertThat(r.out()).startsWith("writer,seq,").hasLineCount(1);
        }
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() throws Exception {
        try (Trail trail = Trail.create(Trail.Kind.SQLITE, dir)) {
            trail.write("gw-a", Trail.events(3));
            String config = trail.configDir.toString();
            assertThat(cli.run("audit", "export", "--format", "xml", "--config", config)
                            .failedInOneLine()
                            .err())
                    .isEqualTo("sovereign audit export: Invalid value for option '--format': expected one of"
                            + " [jsonl, csv] (case-insensitive) but was 'xml' (see sovereign audit export --help)\n");
            assertThat(cli.run("audit", "export", "--config", config)
                            .failedInOneLine()
                            .err())
                    .contains("Missing required option: '--format=jsonl|csv'");
            assertThat(cli.run("audit", "export", "--format", "csv", "--from", "soon", "--config", config)
                            .failedInOneLine()
                            .err())
                    .contains("--from: 'soon' is not");
            Path blocked = Files.createFile(dir.resolve("file"));
            assertThat(cli.run(
                                    "audit",
                                    "export",
                                    "--format",
                                    "csv",
                                    "--out",
                                    blocked.resolve("out.csv").toString(),
                                    "--config",
                                    config)
                            .failedInOneLine()
                            .err())
                    .isEqualTo("sovereign audit export: cannot write " + blocked.resolve("out.csv") + ": " + blocked
                            + " is not a directory\n");
        }
    }
}
