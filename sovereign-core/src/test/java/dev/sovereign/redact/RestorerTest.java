package dev.sovereign.redact;

import static dev.sovereign.redact.Conversation.CASE;
import static dev.sovereign.redact.Conversation.DNI;
import static dev.sovereign.redact.Conversation.EMAIL;
import static dev.sovereign.redact.Conversation.IBAN;
import static dev.sovereign.redact.Conversation.NAME;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RestorerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pseudonyms PSEUDONYMS = Conversation.pseudonyms();

    @Test
    void restoresEveryPlaceholderAndLeavesOtherTextAsItIs() {
        Restorer restorer = PSEUDONYMS.restorer();
        String answer = "Sehr geehrter Herr ⟦PERSON_NAME_1⟧, wir überweisen auf ⟦IBAN_1⟧ und schreiben an"
                + " ⟦EMAIL_1⟧⟦EMAIL_1⟧. [Link](https://example.com) a[0] = b\\n;";

        assertThat(restorer.restore(answer))
                .isEqualTo("Sehr geehrter Herr " + NAME + ", wir überweisen auf " + IBAN + " und schreiben an " + EMAIL
                        + EMAIL + ". [Link](https://example.com) a[0] = b\\n;");
        assertThat(restorer.counts()).isEqualTo(new RestoreCounts(4, 0, 0));
    }

    @Test
    void aTextWithoutPlaceholderIsReturnedAsIs() {
        String answer = "Keine Platzhalter hier, nur [Markdown](x) und \\escapes.";
        Restorer restorer = PSEUDONYMS.restorer();
        assertThat(restorer.restore(answer)).isSameAs(answer);
        assertThat(restorer.restoreJson(answer)).isSameAs(answer);
        assertThat(restorer.counts()).isEqualTo(new RestoreCounts(0, 0, 0));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "⟦email_1⟧",
                "⟦Email_1⟧",
                "⟦ EMAIL_1 ⟧",
                "⟦EMAIL 1⟧",
                "⟦EMAIL-1⟧",
                "⟦EMAIL_01⟧",
                "【EMAIL_1】",
                "[[EMAIL_1]]",
                "[[ email_1 ]]",
                "[EMAIL_1]",
                "⟦EMAIL\\_1⟧",
                "\\[\\[EMAIL\\_1\\]\\]",
                "\\[EMAIL\\_1\\]"
            })
    void restoresTheVariantsModelsWrite(String variant) {
        Restorer restorer = PSEUDONYMS.restorer();
        assertThat(restorer.restore("Mail an " + variant + ".")).isEqualTo("Mail an " + EMAIL + ".");
        assertThat(restorer.counts()).isEqualTo(new RestoreCounts(0, 1, 0));
    }

    @Test
    void restoresVariantsOfMultiPartTypes() {
        Restorer restorer = PSEUDONYMS.restorer();
        assertThat(restorer.restore("DNI [[national\\_id\\_es\\_1]], ⟦NATIONAL ID ES 1⟧, ⟦NATIONAL_ID_ES_1⟧"))
                .isEqualTo("DNI " + DNI + ", " + DNI + ", " + DNI);
        assertThat(restorer.counts()).isEqualTo(new RestoreCounts(1, 2, 0));
    }

    @Test
    void countsPlaceholdersItCannotRestoreAndLeavesThem() {
        Restorer restorer = PSEUDONYMS.restorer();
        String answer = "⟦EMAIL_9⟧ [[EMAIL_2]] ⟦PHONE_1⟧ [IBAN_3] and, not ours: [note 1] [[Page_1]] [TODO_2] ⟦EMAIL_⟧"
                + " ⟦EMAIL_1]]";

        assertThat(restorer.restore(answer)).isSameAs(answer);
        assertThat(restorer.counts()).isEqualTo(new RestoreCounts(0, 0, 4));
    }

    @Test
    void restoredValuesAreEscapedInJsonText() throws Exception {
        Restorer restorer = PSEUDONYMS.restorer();
        String arguments = "{\"ref\":\"⟦CASE_REF_1⟧\",\"holder\":\"⟦PERSON_NAME_1⟧\",\"note\":\"IBAN: ⟦IBAN_1⟧\"}";

        String restored = restorer.restoreJson(arguments);

        assertThat(restored)
                .isEqualTo("{\"ref\":\"dossier \\\"AB-1234\\\"\",\"holder\":\"Jürgen Müller\",\"note\":\"IBAN: " + IBAN
                        + "\"}");
        JsonNode parsed = JSON.readTree(restored);
        assertThat(parsed.path("ref").asText()).isEqualTo(CASE);
        assertThat(parsed.path("holder").asText()).isEqualTo(NAME);
        // In plain text, the same value is not escaped.
        assertThat(restorer.restore("⟦CASE_REF_1⟧")).isEqualTo(CASE);
    }

    @Test
    void jsonTextVariantsIncludeUnicodeEscapedBracketsAndEscapedMarkdownBackslashes() throws Exception {
        Restorer restorer = PSEUDONYMS.restorer();
        String arguments =
                "{\"a\":\"\\u27e6EMAIL_1\\u27e7\",\"b\":\"\\u27E6CASE_REF_1\\u27E7\",\"c\":\"⟦EMAIL\\\\_1⟧\","
                        + "\"d\":\"\\\\[\\\\[EMAIL\\\\_1\\\\]\\\\]\",\"e\":\"\\u27e6EMAIL_5\\u27e7\"}";

        JsonNode parsed = JSON.readTree(restorer.restoreJson(arguments));

        assertThat(parsed.path("a").asText()).isEqualTo(EMAIL);
        assertThat(parsed.path("b").asText()).isEqualTo(CASE);
        assertThat(parsed.path("c").asText()).isEqualTo(EMAIL);
        assertThat(parsed.path("d").asText()).isEqualTo(EMAIL);
        assertThat(parsed.path("e").asText()).isEqualTo("⟦EMAIL_5⟧");
        assertThat(restorer.counts()).isEqualTo(new RestoreCounts(0, 4, 1));
    }

    @Test
    void valuesWithControlCharsQuotesAndBackslashesStayValidJson() throws Exception {
        String value = "line 1\nline 2\t\"quoted\" \\ back \u0001 😀 $1 \\1 .*";
        Pseudonyms pseudonyms = new Pseudonyms(Map.of("SECRET_1", value));
        String restored = pseudonyms.restorer().restoreJson("[\"⟦SECRET_1⟧\", \"x⟦SECRET_1⟧y\"]");

        JsonNode parsed = JSON.readTree(restored);
        assertThat(parsed.get(0).asText()).isEqualTo(value);
        assertThat(parsed.get(1).asText()).isEqualTo("x" + value + "y");
        assertThat(pseudonyms.restorer().restore("⟦SECRET_1⟧")).isEqualTo(value);
    }

    @Test
    void restoresStringLeavesOfAParsedToolInput() throws Exception {
        JsonNode input = JSON.readTree("""
                {"to":["⟦EMAIL_1⟧","ops@example.com"],"account":{"iban":"⟦IBAN_1⟧","holder":"⟦person_name_1⟧"},
                 "ref":"⟦CASE_REF_1⟧","count":2,"⟦EMAIL_1⟧":true}
                """);
        Restorer restorer = PSEUDONYMS.restorer();

        restorer.restoreStrings(input);

        assertThat(input.at("/to/0").asText()).isEqualTo(EMAIL);
        assertThat(input.at("/to/1").asText()).isEqualTo("ops@example.com");
        assertThat(input.at("/account/iban").asText()).isEqualTo(IBAN);
        assertThat(input.at("/account/holder").asText()).isEqualTo(NAME);
        assertThat(input.at("/count").asInt()).isEqualTo(2);
        // The tree's own serialisation escapes the quotes.
        assertThat(JSON.readTree(JSON.writeValueAsString(input)).path("ref").asText())
                .isEqualTo(CASE);
        assertThat(input.has("⟦EMAIL_1⟧")).isTrue();
        assertThat(restorer.counts()).isEqualTo(new RestoreCounts(3, 1, 0));
    }

    @Test
    void withoutPseudonymsEverythingPassesThrough() {
        Restorer restorer = Pseudonyms.NONE.restorer();
        String answer = "⟦EMAIL_1⟧ stays";
        assertThat(restorer.restore(answer)).isSameAs(answer);
        StreamRestorer stream = restorer.stream();
        assertThat(stream.feed("⟦EMA")).isEqualTo("⟦EMA");
        assertThat(stream.finish()).isEmpty();
        assertThat(restorer.counts()).isEqualTo(new RestoreCounts(0, 0, 0));
    }

    @Test
    void pseudonymsNeverShowTheirValues() {
        assertThat(PSEUDONYMS.toString()).isEqualTo("Pseudonyms[6 values]");
        assertThat(PSEUDONYMS.placeholders())
                .isEqualTo(List.of(
                        "⟦PERSON_NAME_1⟧",
                        "⟦IBAN_1⟧",
                        "⟦EMAIL_1⟧",
                        "⟦PERSON_NAME_2⟧",
                        "⟦NATIONAL_ID_ES_1⟧",
                        "⟦CASE_REF_1⟧"));
    }
}
