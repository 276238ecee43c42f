package dev.sovereign.classify;

import static dev.sovereign.testing.SeededTries.between;
import static dev.sovereign.testing.SeededTries.pick;
import static dev.sovereign.testing.SeededTries.seeds;
import static dev.sovereign.testing.SeededTries.tryInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.sovereign.classify.TextSegment.Form;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The short segments of a request (keys, ids, numbers, short values) are scanned in one engine call: each must still
 * be read on its own. A context word, a name cue or the first groups of a value in one piece reach no other piece,
 * and the findings, offsets, confidences and counts equal those of scanning each segment apart ({@link
 * UnbatchedReading}); only the joined views of conversation text read across two pieces, as they did before.
 */
class ShortTextBatchTest {
    private static final Classifier CLASSIFIER = Classifier.defaults();

    private static Classification batched(List<TextSegment> segments) {
        return CLASSIFIER.classify(segments, Set.of());
    }

    private static List<Finding> at(Classification c, int index) {
        return c.segments().get(index).findings();
    }

    private static void assertSameAsUnbatched(List<TextSegment> segments) {
        assertThat(batched(segments)).isEqualTo(UnbatchedReading.classify(CLASSIFIER, segments, Set.of()));
    }

    @Test
    void aContextWordInOneKeyDoesNotRaiseANumberInTheNextPiece() {
        // "tel 0612345678" is a phone number only because of its context word
        assertThat(CLASSIFIER.scan("tel 0612345678"))
                .extracting(Finding::category)
                .containsExactly("pii.phone");
        List<TextSegment> segments = List.of(
                new TextSegment("/customer/tel", "tel", Form.KEY),
                new TextSegment("/customer/tel", "0612345678", Form.NUMBER),
                new TextSegment("/customer/passport", "passport", Form.KEY),
                new TextSegment("/customer/passport", "C01X00T47"),
                new TextSegment("/customer/born", "born on", Form.KEY),
                new TextSegment("/customer/born", "12/03/1985"),
                new TextSegment("/customer/password", "password", Form.KEY),
                new TextSegment("/customer/password", "hunter2horse"));
        Classification c = batched(segments);
        for (int k = 0; k < segments.size(); k++)
            assertThat(at(c, k)).as(segments.get(k).text()).isEmpty();
        assertThat(c.categoryCounts()).isEmpty();
        assertSameAsUnbatched(segments);
    }

    @Test
    void aNegativeContextWordInOnePieceDoesNotLowerACardNumberInTheNext() {
        assertThat(CLASSIFIER.scan("invoice 4111111111111111")).isEmpty();
        List<TextSegment> segments = List.of(
                new TextSegment("/metadata/invoice", "invoice", Form.KEY),
                new TextSegment("/metadata/invoice", "4111111111111111", Form.NUMBER));
        assertThat(at(batched(segments), 1))
                .extracting(Finding::category, Finding::start, Finding::end)
                .containsExactly(tuple("financial.card_number", 0, 16));
        assertSameAsUnbatched(segments);
    }

    @Test
    void aNameCueInOnePieceDoesNotMakeTheNextPieceAName() {
        assertThat(CLASSIFIER.scan("Dear Mr Koch"))
                .extracting(Finding::category)
                .containsExactly("pii.person_name");
        List<TextSegment> segments = List.of(
                new TextSegment("/tools/0/input_schema/properties/greeting/enum/0", "Dear Mr"),
                new TextSegment("/tools/0/input_schema/properties/greeting/enum/1", "Koch"),
                new TextSegment("/metadata/intro", "my name is"),
                new TextSegment("/metadata/who", "Jane"));
        Classification c = batched(segments);
        assertThat(at(c, 1)).isEmpty();
        // "Jane" alone is a given name; after "my name is" it would be one with a higher confidence
        double cued = CLASSIFIER.scan("my name is Jane").get(0).confidence();
        assertThat(at(c, 3)).isEqualTo(CLASSIFIER.scan("Jane"));
        assertThat(at(c, 3)).allSatisfy(f -> assertThat(f.confidence()).isLessThan(cued));
        assertSameAsUnbatched(segments);
    }

    @Test
    void aValueSplitBetweenTwoPiecesOutsideTheConversationIsNotFoundAsOneValue() {
        assertThat(CLASSIFIER.scan("+33 6 12 34 56 78"))
                .extracting(Finding::category)
                .containsExactly("pii.phone");
        assertThat(CLASSIFIER.scan("DE89 3704 0044 0532 0130 00"))
                .extracting(Finding::category)
                .containsExactly("financial.iban");
        List<TextSegment> segments = List.of(
                new TextSegment("/tools/0/input/phone/0", "+33 6 12"),
                new TextSegment("/tools/0/input/phone/1", "34 56 78"),
                new TextSegment("/tools/0/input/iban/0", "DE89 3704 0044"),
                new TextSegment("/tools/0/input/iban/1", "0532 0130 00"));
        Classification c = batched(segments);
        assertThat(c.categoryCounts()).doesNotContainKeys("financial.iban");
        assertThat(at(c, 0)).isEmpty();
        assertThat(at(c, 1)).isEmpty();
        assertThat(at(c, 2)).isEmpty();
        // read alone, the second half of the IBAN has the shape of a phone number: it keeps that finding
        assertThat(at(c, 3)).isEqualTo(CLASSIFIER.scan("0532 0130 00"));
        assertSameAsUnbatched(segments);
    }

    @Test
    void aValueSplitBetweenTwoShortTextBlocksIsStillFoundByTheJoinedView() {
        List<TextSegment> segments = List.of(
                new TextSegment("/messages/0/content/0/text", "pay to DE89 3704 0044"),
                new TextSegment("/messages/0/content/1/text", "0532 0130 00 today"));
        Classification c = batched(segments);
        assertThat(at(c, 0))
                .extracting(Finding::category, Finding::start, Finding::end, Finding::detector)
                .containsExactly(tuple("financial.iban", 7, 21, "iban-mod97+joined"));
        assertThat(at(c, 1))
                .extracting(Finding::category, Finding::start, Finding::end)
                .contains(tuple("financial.iban", 0, 12));
        assertThat(c.categoryCounts()).containsEntry("financial.iban", 1);
        assertSameAsUnbatched(segments);
    }

    @Test
    void repeatedShortTextsShareTheirFindingsAndAreCountedAtEachPlace() {
        List<TextSegment> segments = List.of(
                new TextSegment("/tools/0/input/a", "jane.doe@example.org"),
                new TextSegment("/messages/0/content", "x".repeat(80) + " jane.doe@example.org"),
                new TextSegment("/tools/1/input/a", "jane.doe@example.org"),
                TextSegment.binaryPart("/messages/1/content/0/source/data"),
                new TextSegment("/tools/2/input/a", "jane\u200b.doe@example.org"));
        Classification c = batched(segments);
        assertThat(c.categoryCounts()).containsEntry("pii.email", 4).containsEntry(Classifier.BINARY, 1);
        assertThat(at(c, 4)).extracting(Finding::start, Finding::end).containsExactly(tuple(0, 21));
        assertSameAsUnbatched(segments);
    }

    // ---------------------------------------------------------------- generated pieces

    /** Pieces that speak for a value next to them, values that need them, and halves of values written in groups. */
    private static final List<String> PIECES = List.of(
            "tel",
            "phone",
            "passport",
            "passport number",
            "born on",
            "date of birth",
            "password",
            "iban",
            "invoice",
            "order",
            "SSN",
            "ssn",
            "Dear Mr",
            "my name is",
            "Mr",
            "Mrs",
            "Jane",
            "Koch",
            "Jane Doe",
            "0612345678",
            "06 12 34 56 78",
            "+33 6 12",
            "34 56 78",
            "+33 6 12 34 56 78",
            "C01X00T47",
            "12/03/1985",
            "hunter2horse",
            "4111111111111111",
            "4111 1111",
            "1111 1111",
            "123-45-6789",
            "DE89 3704 0044",
            "0532 0130 00",
            "DE89370400440532013000",
            "jane.doe@exa",
            "mple.org",
            "jane.doe@example.org",
            "12 rue de la Paix",
            "75002 Paris",
            "Paris",
            "diagnosis",
            "diabetes",
            "order_id",
            "customer_id",
            "status",
            "The order number.",
            "x",
            "",
            "42",
            "3.14",
            "sk_live_",
            "AKIA",
            "-----BEGIN",
            "jane%2Edoe%40example.org",
            "Ｊａｎｅ",
            "0６12345678",
            "tool_use_id",
            "toolu_01",
            "fr 76 3000 6000",
            "0001 2345 6789 185");

    private static final List<String> PATHS = List.of(
            "/messages/0/content",
            "/messages/1/content/0/text",
            "/messages/1/content/1/text",
            "/system",
            "/tools/0/input_schema/properties/a",
            "/tools/0/input/b",
            "/metadata/user_id",
            "/max_tokens");

    static LongStream generatedSeeds() {
        return seeds(2000);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("generatedSeeds")
    void generatedRequestsGetTheFindingsOfEachPieceReadApart(long seed) {
        tryInput(seed, ShortTextBatchTest::segments, ShortTextBatchTest::assertSameAsUnbatched);
    }

    static List<TextSegment> segments(SplittableRandom random) {
        int count = between(random, 1, 40);
        List<TextSegment> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            String path = pick(random, PATHS);
            StringBuilder text = new StringBuilder(pick(random, PIECES));
            // sometimes two or three pieces in one text, sometimes a text too long to be batched
            for (int more = between(random, 0, 3); more > 1; more--)
                text.append(' ').append(pick(random, PIECES));
            if (random.nextInt(8) == 0) text.insert(0, "lorem ipsum dolor sit amet, ".repeat(3));
            if (random.nextInt(20) == 0) {
                out.add(TextSegment.binaryPart(path));
            } else {
                Form form = pick(random, List.of(Form.TEXT, Form.TEXT, Form.KEY, Form.NUMBER, Form.IDENTIFIER));
                out.add(new TextSegment(path, text.toString(), form));
            }
        }
        return out;
    }
}
