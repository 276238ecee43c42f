package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code sovereign scan} through picocli, as the launcher does. */
class ScanCommandTest {
    private static final String IBAN = "DE89370400440532013000";
    private static final String EMAIL = "jean.dupont@example.fr";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String stdin, String... args) {
        CommandLine cli = SovereignCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        if (stdin != null) {
            ScanCommand scan = cli.getSubcommands().get("scan").getCommand();
            scan.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        }
        return cli.execute(args);
    }

    private Path file(String content) throws IOException {
        Path file = dir.resolve("prompt.txt");
        Files.writeString(file, content);
        return file;
    }

    @Test
    void aConfidenceOutsideZeroToOneIsRefusedNamingTheOption() throws IOException {
        int code =
                run(null, "scan", "--min-confidence", "2", file("mail " + EMAIL).toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("sovereign scan: --min-confidence: must be between 0 and 1, not 2.0");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void tableListsFindingsWithoutValuesAndExitsOne() throws IOException {
        int code = run(null, "scan", file("Pay " + IBAN + " and mail " + EMAIL).toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString())
                .contains("CATEGORY", "financial.iban", "pii.email", "iban-mod97", "2 findings:")
                .doesNotContain(IBAN)
                .doesNotContain(EMAIL)
                .doesNotContain("VALUE");
    }

    @Test
    void jsonHasFindingsAndCategoryCountsAndNoValues() throws IOException {
        int code = run(null, "scan", "--json", file("a@b.fr, c@d.de, " + IBAN).toString());

        assertThat(code).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("findings")).hasSize(3);
        JsonNode first = json.get("findings").get(0);
        assertThat(first.get("category").asText()).isEqualTo("pii.email");
        assertThat(first.get("start").asInt()).isZero();
        assertThat(first.get("end").asInt()).isEqualTo(6);
        assertThat(first.get("detector").asText()).isEqualTo("email");
        assertThat(first.has("confidence")).isTrue();
        assertThat(first.has("value")).isFalse();
        assertThat(json.get("categories").get("pii.email").asInt()).isEqualTo(2);
        assertThat(json.get("categories").get("financial.iban").asInt()).isEqualTo(1);
        assertThat(out.toString()).doesNotContain(IBAN);
    }

    @Test
    void showValuesPrintsThem() throws IOException {
        Path file = file("IBAN " + IBAN);
        assertThat(run(null, "scan", "--show-values", file.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("VALUE", IBAN);

        out.getBuffer().setLength(0);
        assertThat(run(null, "scan", "--json", "--show-values", file.toString()))
                .isEqualTo(1);
        assertThat(out.toString()).contains("\"value\":\"" + IBAN + "\"");
    }

    @Test
    void standardInputWithNothingSensitiveExitsZero() {
        int code = run("Just a question about Java generics.", "scan", "-");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("No sensitive data found.");
    }

    @Test
    void standardInputIsScanned() {
        assertThat(run("mail me: " + EMAIL, "scan", "--json", "-")).isEqualTo(1);
        assertThat(out.toString()).contains("\"pii.email\":1");
    }

    @Test
    void phoneRegionsAddNationalNumbersOfOtherCountries() {
        String prompt = "Ligue para (11) 98456-5666 amanhã.";
        assertThat(run(prompt, "scan", "--json", "-")).isZero();
        assertThat(run(prompt, "scan", "--json", "--phone-regions", "BR,JP", "-"))
                .isEqualTo(1);
        assertThat(out.toString()).contains("\"pii.phone\":1");
    }

    @Test
    void anUnknownPhoneRegionExitsTwoNamingIt() {
        assertThat(run("x", "scan", "--phone-regions", "XX", "-")).isEqualTo(2);
        assertThat(err.toString()).contains("phoneRegions").contains("XX");
    }

    @Test
    void missingFileExitsTwoWithAMessage() {
        int code = run(null, "scan", dir.resolve("absent.txt").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("sovereign scan: cannot read").contains("absent.txt");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void badPatternFileExitsTwoNamingFileAndLine() throws IOException {
        Path patterns = dir.resolve("patterns.txt");
        Files.writeString(patterns, "bad: (unclosed\n");
        int code =
                run(null, "scan", "--patterns", patterns.toString(), file("x").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains(patterns + ":1: pattern 'bad' is not valid RE2 syntax");
    }

    @Test
    void customPatternsAreReported() throws IOException {
        Path patterns = dir.resolve("patterns.txt");
        Files.writeString(patterns, "ticket: TCK-[0-9]{4}\n");
        assertThat(run(
                        null,
                        "scan",
                        "--json",
                        "--patterns",
                        patterns.toString(),
                        file("see TCK-1234").toString()))
                .isEqualTo(1);
        assertThat(out.toString()).contains("\"custom.ticket\":1");
    }

    @Test
    void aRequestBodyIsReadWholeAndEachFindingCarriesItsPointerAndForm() throws IOException {
        Path body = dir.resolve("request.json");
        Files.writeString(body, """
                {"model":"claude-sonnet-4-5","max_tokens":10,
                 "messages":[{"role":"user","content":"hi"}],
                 "tools":[{"name":"t","description":"pay %s","input_schema":{"type":"object"}}],
                 "metadata":{"%s":"x"}}
                """.formatted(IBAN, EMAIL));
        assertThat(run(null, "scan", "--json", body.toString())).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("findings")).hasSize(2);
        assertThat(json.get("findings").get(0).get("path").asText()).isEqualTo("/tools/0/description");
        assertThat(json.get("findings").get(0).get("form").asText()).isEqualTo("value");
        assertThat(json.get("findings").get(1).get("path").asText()).isEqualTo("/metadata/*");
        assertThat(json.get("findings").get(1).get("form").asText()).isEqualTo("key");
        assertThat(out.toString()).doesNotContain(EMAIL, IBAN);

        out.getBuffer().setLength(0);
        assertThat(run(null, "scan", body.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("WHERE", "/tools/0/description", "/metadata/* (key)");

        out.getBuffer().setLength(0);
        assertThat(run(null, "scan", "--text", "--json", body.toString())).isEqualTo(1);
        assertThat(new ObjectMapper()
                        .readTree(out.toString())
                        .get("findings")
                        .get(0)
                        .has("path"))
                .isFalse();
    }

    @Test
    void aBodyTheGatewayWouldRefuseIsAnErrorNamingWhy() throws IOException {
        Path body = dir.resolve("dup.json");
        Files.writeString(body, "{\"messages\":[],\"messages\":[]}");
        assertThat(run(null, "scan", body.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("/messages", "twice", "--text");
    }
}
