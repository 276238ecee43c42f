package dev.sovereign.redact;

import static dev.sovereign.redact.Conversation.CASE;
import static dev.sovereign.redact.Conversation.DNI;
import static dev.sovereign.redact.Conversation.EMAIL;
import static dev.sovereign.redact.Conversation.IBAN;
import static dev.sovereign.redact.Conversation.NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Streams cut at every char position, into two and three deltas. Each answer is written so that its only chars that
 * may start a placeholder are the placeholders' own first chars: then the text a delta must emit at once is exactly
 * the text before the first placeholder the cut goes through, and everything else must come out immediately.
 */
class StreamRestorerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pseudonyms PSEUDONYMS = Conversation.pseudonyms();

    private record Answer(String text, List<String> placeholders, String restored, boolean json) {}

    private static final List<Answer> ANSWERS = List.of(
            new Answer(
                    "Sehr geehrter Herr ⟦PERSON_NAME_1⟧, Ihre IBAN ⟦IBAN_1⟧ ist notiert. 😀⟦EMAIL_1⟧😀 Ende",
                    List.of("⟦PERSON_NAME_1⟧", "⟦IBAN_1⟧", "⟦EMAIL_1⟧"),
                    "Sehr geehrter Herr " + NAME + ", Ihre IBAN " + IBAN + " ist notiert. 😀" + EMAIL + "😀 Ende",
                    false),
            new Answer(
                    "⟦EMAIL_1⟧⟦NATIONAL_ID_ES_1⟧🎉",
                    List.of("⟦EMAIL_1⟧", "⟦NATIONAL_ID_ES_1⟧"),
                    EMAIL + DNI + "🎉",
                    false),
            new Answer(
                    "Écrivez à [[email_1]] ou 【EMAIL_1】, DNI ⟦ NATIONAL_ID_ES_1 ⟧, réf. ⟦CASE\\_REF\\_1⟧.",
                    List.of("[[email_1]]", "【EMAIL_1】", "⟦ NATIONAL_ID_ES_1 ⟧", "⟦CASE\\_REF\\_1⟧"),
                    "Écrivez à " + EMAIL + " ou " + EMAIL + ", DNI " + DNI + ", réf. " + CASE + ".",
                    false),
            new Answer(
                    "Markdown \\[\\[EMAIL\\_1\\]\\] and \\[IBAN\\_1\\].",
                    List.of("\\[\\[EMAIL\\_1\\]\\]", "\\[IBAN\\_1\\]"),
                    "Markdown " + EMAIL + " and " + IBAN + ".",
                    false),
            new Answer(
                    "Unknown ⟦EMAIL_9⟧ stays, 𝒜 ⟦IBAN_1⟧.",
                    List.of("⟦EMAIL_9⟧", "⟦IBAN_1⟧"),
                    "Unknown ⟦EMAIL_9⟧ stays, 𝒜 " + IBAN + ".",
                    false),
            new Answer(
                    "{\"to\":\"⟦EMAIL_1⟧\",\"ref\":\"⟦CASE_REF_1⟧\",\"holder\":\"\\u27e6PERSON_NAME_1\\u27e7\"}",
                    List.of("⟦EMAIL_1⟧", "⟦CASE_REF_1⟧", "\\u27e6PERSON_NAME_1\\u27e7"),
                    "{\"to\":\"" + EMAIL + "\",\"ref\":\"dossier \\\"AB-1234\\\"\",\"holder\":\"" + NAME + "\"}",
                    true));

    @Test
    void aPlaceholderCutAtAnyPositionIntoTwoDeltasIsRestoredAndNothingElseIsHeld() throws Exception {
        for (Answer answer : ANSWERS) {
            String text = answer.text();
            for (int cut = 0; cut <= text.length(); cut++) {
                Restorer restorer = PSEUDONYMS.restorer();
                StreamRestorer stream = answer.json() ? restorer.jsonStream() : restorer.stream();
                String first = stream.feed(text.substring(0, cut));
                String second = stream.feed(text.substring(cut));
                String last = stream.finish();

                String where = answer.text() + " cut at " + cut;
                assertThat(first).as(where).isEqualTo(expectedUpTo(answer, cut));
                assertThat(first + second).as(where).isEqualTo(answer.restored());
                assertThat(last).as(where).isEmpty();
            }
            assertValid(answer);
        }
    }

    @Test
    void aPlaceholderCutAtAnyTwoPositionsIntoThreeDeltasIsRestoredAndNothingElseIsHeld() {
        for (Answer answer : ANSWERS) {
            String text = answer.text();
            for (int a = 0; a <= text.length(); a++) {
                for (int b = a; b <= text.length(); b++) {
                    Restorer restorer = PSEUDONYMS.restorer();
                    StreamRestorer stream = answer.json() ? restorer.jsonStream() : restorer.stream();
                    String first = stream.feed(text.substring(0, a));
                    String second = stream.feed(text.substring(a, b));
                    String third = stream.feed(text.substring(b));
                    String last = stream.finish();

                    String where = answer.text() + " cut at " + a + ", " + b;
                    assertThat(first).as(where).isEqualTo(expectedUpTo(answer, a));
                    assertThat(first + second).as(where).isEqualTo(expectedUpTo(answer, b));
                    assertThat(first + second + third + last).as(where).isEqualTo(answer.restored());
                    assertThat(restorer.counts().restored() + restorer.counts().unknown())
                            .as(where)
                            .isEqualTo(answer.placeholders().size());
                }
            }
        }
    }

    @Test
    void oneCharPerDelta() {
        for (Answer answer : ANSWERS) {
            Restorer restorer = PSEUDONYMS.restorer();
            StreamRestorer stream = answer.json() ? restorer.jsonStream() : restorer.stream();
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < answer.text().length(); i++) {
                out.append(stream.feed(answer.text().substring(i, i + 1)));
            }
            out.append(stream.finish());
            assertThat(out.toString()).isEqualTo(answer.restored());
        }
    }

    /** What must have been emitted once the first {@code cut} chars were fed: all but a placeholder cut through. */
    private static String expectedUpTo(Answer answer, int cut) {
        int from = 0;
        int end = cut;
        for (String placeholder : answer.placeholders()) {
            int at = answer.text().indexOf(placeholder, from);
            if (at < cut && cut < at + placeholder.length()) {
                end = at;
                break;
            }
            from = at + placeholder.length();
        }
        Restorer restorer = PSEUDONYMS.restorer();
        String prefix = answer.text().substring(0, end);
        return answer.json() ? restorer.restoreJson(prefix) : restorer.restore(prefix);
    }

    private static void assertValid(Answer answer) throws Exception {
        if (answer.json()) {
            JsonNode parsed = JSON.readTree(answer.restored());
            assertThat(parsed.path("ref").asText()).isEqualTo(CASE);
        }
    }

    @Test
    void textThatCannotStartAPlaceholderIsEmittedAtOnce() {
        StreamRestorer stream = PSEUDONYMS.restorer().stream();
        for (String delta : List.of("Guten Tag, ", "hier ist 😀", "\uD83D", "\uDE00 Ihre Antwort.", "")) {
            assertThat(stream.feed(delta)).isSameAs(delta);
        }
        // Square brackets are held only while they may still become a placeholder of an issued type.
        assertThat(stream.feed("Siehe [Anm")).isEqualTo("Siehe [Anm");
        assertThat(stream.feed("erkung 1] und a[")).isEqualTo("erkung 1] und a");
        assertThat(stream.feed("i] = [IB")).isEqualTo("[i] = ");
        assertThat(stream.feed("AN_1]")).isEqualTo(IBAN);
        assertThat(stream.feed(" and a backslash \\")).isEqualTo(" and a backslash ");
        assertThat(stream.feed("n")).isEqualTo("\\n");
        assertThat(stream.feed(" then ⟦")).isEqualTo(" then ");
        assertThat(stream.finish()).isEqualTo("⟦");
        assertThat(stream.finish()).isEmpty();
        assertThatThrownBy(() -> stream.feed("more"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("StreamRestorer: feed after finish");
    }

    @Test
    void aLongFragmentThatNeverClosesIsReleasedOnceItCannotBeAPlaceholder() {
        Restorer restorer = PSEUDONYMS.restorer();
        StreamRestorer stream = restorer.stream();
        List<String> emitted = new ArrayList<>();
        emitted.add(stream.feed("⟦EMAIL"));
        emitted.add(stream.feed("_1 and then prose"));
        emitted.add(stream.feed(" without a closing bracket."));
        assertThat(emitted).containsExactly("", "⟦EMAIL_1 and then prose", " without a closing bracket.");
        assertThat(restorer.counts()).isEqualTo(new RestoreCounts(0, 0, 0));
    }

    @Test
    void streamsOfOneAnswerShareTheirRestorersCounts() {
        Restorer restorer = PSEUDONYMS.restorer();
        StreamRestorer text = restorer.stream();
        StreamRestorer toolArguments = restorer.jsonStream();
        assertThat(text.feed("Hallo ⟦PERSON_NA")).isEqualTo("Hallo ");
        assertThat(toolArguments.feed("{\"iban\":\"[[iban_1")).isEqualTo("{\"iban\":\"");
        assertThat(text.feed("ME_1⟧!")).isEqualTo(NAME + "!");
        assertThat(toolArguments.feed("]]\"}")).isEqualTo(IBAN + "\"}");
        assertThat(text.finish() + toolArguments.finish()).isEmpty();
        assertThat(restorer.counts()).isEqualTo(new RestoreCounts(1, 1, 0));
    }
}
