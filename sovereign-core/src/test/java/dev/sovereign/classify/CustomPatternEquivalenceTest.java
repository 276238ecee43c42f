package dev.sovereign.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Custom patterns are tried only where their first chars fit (a prefilter); whatever the prefilter, the findings must
 * be exactly those of RE2/J's {@code find()} over the whole text.
 */
class CustomPatternEquivalenceTest {
    private static final List<String> TEXTS = List.of(
            "Ticket INC0012345 and INC00123456 (too long), ref ACME-123456 and XACME-654321.",
            "PRJ2024-FR, prj2024-fr, PRJ1234-ABC, srv-par-01.acme.internal, srv-par-1.acme.internal",
            "Employees AB012345, ab012345, AB0123456, Z1234567 and _Z1234567; CC0-1234/56",
            "Project Falcon and PROJECT-FALCON, projectfalcon; git@gitlab.acme.internal:team/repo.git",
            "at the start\nline two starts here; end",
            "Ünïcödé text: Straße 12, kelvin \u212A sign, ſ long s, 𝔘 surrogate, AB-12-34567-K.",
            "");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ACME-\\d{6}",
                "\\bINC\\d{7}\\b",
                "\\bPRJ[0-9]{4}-[A-Z]{2}\\b",
                "\\b[A-Z]{2}\\d{6}\\b",
                "\\b[D-Z]\\d{7}\\b",
                "\\bsrv-[a-z]{3}-\\d{2}\\.acme\\.internal\\b",
                "\\bCC0-\\d{4}/\\d{2}\\b",
                "(?i)\\bproject[ -]falcon\\b",
                "git@gitlab\\.acme\\.internal:[\\w./-]+\\.git",
                "\\b[A-Z]{2}-1[0-9]-\\d{5}-[A-Z]\\b",
                "^at|starts",
                "(?m)^line",
                "end$",
                "\\Bcode",
                "[^a-z ]{3,}",
                "(?:AB|Z)\\d+",
                "(x)?Straße \\d+",
                "[\\x{212A}k] sign",
                "(?i)K SIGN",
                "\\pL+\\d",
                "a|b|c",
                "\\d{2,}[A-Z]?",
                "[[:upper:]]{2}\\d",
                "(?P<id>[A-Z]{2})-\\d"
            })
    void findingsEqualFindOverTheWholeText(String regex) {
        Classifier classifier =
                Classifier.builder().only("custom").pattern("p", regex).build();
        for (String text : TEXTS) {
            assertThat(spans(classifier, text)).as("%s in %s", regex, text).isEqualTo(expected(regex, text));
        }
    }

    @Test
    void randomTextsAgreeWithFind() {
        Random random = new Random(3);
        String alphabet = "AB Zab01239-_.\n/é";
        List<String> regexes = List.of("\\b[A-Z]{2}\\d{2}\\b", "A[B ]\\d+", "(?i)ab\\b", "\\Bb0", "_?Z\\d", "é\\w");
        Classifier.Builder builder = Classifier.builder().only("custom");
        for (int k = 0; k < regexes.size(); k++) {
            builder.pattern("p" + k, regexes.get(k));
        }
        Classifier classifier = builder.build();
        for (int round = 0; round < 500; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            List<Finding> findings = classifier.scan(text);
            for (int k = 0; k < regexes.size(); k++) {
                String detector = "regex:p" + k;
                List<List<Integer>> actual = findings.stream()
                        .filter(f -> f.detector().equals(detector))
                        .map(f -> List.of(f.start(), f.end()))
                        .toList();
                assertThat(actual)
                        .as("%s in '%s'", regexes.get(k), text)
                        .isEqualTo(expected(regexes.get(k), text.toString()));
            }
        }
    }

    private static List<List<Integer>> spans(Classifier classifier, String text) {
        return classifier.scan(text).stream()
                .map(f -> List.of(f.start(), f.end()))
                .toList();
    }

    private static List<List<Integer>> expected(String regex, String text) {
        List<List<Integer>> spans = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            if (m.end() > m.start()) {
                spans.add(List.of(m.start(), m.end()));
            }
        }
        return spans;
    }
}
