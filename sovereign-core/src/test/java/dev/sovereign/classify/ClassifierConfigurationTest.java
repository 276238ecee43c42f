package dev.sovereign.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Custom detectors, enabling and disabling, and the precise errors of bad configuration. */
class ClassifierConfigurationTest {
    @TempDir
    Path dir;

    @Test
    void customRegexKeywordsAndExactDataMatchReportCustomCategories() throws IOException {
        byte[] salt = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Path edm = dir.resolve("customers.edm");
        Files.writeString(
                edm,
                "salt: " + java.util.HexFormat.of().formatHex(salt) + "\n" + "tokens: 2\n"
                        + ExactDataMatch.fingerprint(salt, "Zoé Marchetti") + "\n");
        Classifier classifier = Classifier.builder()
                .pattern("project_code", "PRJ-[0-9]{4}")
                .keywords("codenames", List.of("Bluebird", "night owl"))
                .exactDataMatch("customers", edm)
                .build();

        List<Finding> findings = classifier.scan("PRJ-1234 is Bluebird, with NIGHT-OWL; client zoe marchetti.");

        assertThat(findings)
                .extracting(Finding::category, Finding::start, Finding::end)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("custom.project_code", 0, 8),
                        org.assertj.core.groups.Tuple.tuple("custom.codenames", 12, 20),
                        org.assertj.core.groups.Tuple.tuple("custom.codenames", 27, 36),
                        org.assertj.core.groups.Tuple.tuple("custom.customers", 45, 58));
        assertThat(Files.readString(edm)).doesNotContainIgnoringCase("marchetti");
    }

    @Test
    void disabledFamiliesReportNothingAndMinConfidenceFilters() {
        String text = "Mail jean@example.com, IBAN DE89370400440532013000, diagnosed with asthma";
        assertThat(Classifier.builder().disable("pii").build().scan(text))
                .extracting(Finding::category)
                .containsExactly("financial.iban", "special.health", "special.health");
        assertThat(Classifier.builder().only("financial").build().scan(text))
                .extracting(Finding::category)
                .containsExactly("financial.iban");
        assertThat(Classifier.builder().minConfidence(0.9).build().scan(text))
                .extracting(Finding::category)
                .containsExactly("pii.email", "financial.iban");
    }

    @Test
    void invalidRegexNamesFileLineAndProblem() throws IOException {
        Path file = dir.resolve("patterns.txt");
        Files.writeString(file, "# ids\nticket: TCK-[0-9]+\nbroken: (abc\n");
        assertThatThrownBy(() -> Classifier.builder().patterns(file))
                .isInstanceOf(ClassifierConfigurationException.class)
                .hasMessageStartingWith(file + ":3: pattern 'broken' is not valid RE2 syntax")
                .satisfies(e -> assertThat(((ClassifierConfigurationException) e).line())
                        .isEqualTo(3));
    }

    @Test
    void syntaxRe2DoesNotSupportIsRefusedAtLoad() throws IOException {
        Path file = dir.resolve("patterns.txt");
        Files.writeString(file, "repeat: (a)\\1\nlookahead: foo(?=bar)\n");
        assertThatThrownBy(() -> Classifier.builder().patterns(file))
                .isInstanceOf(ClassifierConfigurationException.class)
                .hasMessageStartingWith(file + ":1: pattern 'repeat' is not valid RE2 syntax");
    }

    @Test
    void unreadableOrMalformedDictionaryNamesTheFile() throws IOException {
        Path missing = dir.resolve("missing.txt");
        assertThatThrownBy(() -> Classifier.builder().keywords("x", missing))
                .isInstanceOf(ClassifierConfigurationException.class)
                .hasMessageStartingWith(missing + ": cannot read dictionary");
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "good\nab*\n");
        assertThatThrownBy(() -> Classifier.builder().keywords("x", bad))
                .hasMessageStartingWith(bad + ":2: a prefix term needs at least 4 letters");
        Path edm = dir.resolve("bad.edm");
        Files.writeString(edm, "salt: 00112233445566778899\nnot-a-hash\n");
        assertThatThrownBy(() -> Classifier.builder().exactDataMatch("c", edm))
                .hasMessageStartingWith(edm + ":2: expected a 64-char hex SHA-256 fingerprint");
    }

    @Test
    void classifyCountsCategoriesLabelsAndBinaryParts() {
        Classification result = Classifier.defaults()
                .classify(
                        List.of(
                                new TextSegment("/messages/0/content", "mail a@b.fr and c@d.de"),
                                TextSegment.binaryPart("/messages/1/content/0")),
                        Set.of("Confidential"));
        assertThat(result.categoryCounts())
                .containsEntry("pii.email", 2)
                .containsEntry("content.binary", 1)
                .containsEntry("label.confidential", 1);
        assertThat(result.hasCategory("pii")).isTrue();
        assertThat(result.hasCategory("special")).isFalse();
        assertThat(result.segments().get(0).findings()).hasSize(2);
    }
}
