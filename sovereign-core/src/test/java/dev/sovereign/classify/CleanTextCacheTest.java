package dev.sovereign.classify;

import static dev.sovereign.testing.SeededTries.seeds;
import static dev.sovereign.testing.SeededTries.tryInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sovereign.classify.TextSegment.Form;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Short texts found clean are remembered across requests and not read again: a remembered text gives what a first
 * reading gives, and nothing that had a finding, a digit or more than 64 chars is remembered.
 */
class CleanTextCacheTest {
    private static final Classifier REMEMBERING = Classifier.builder().build();
    private static final Classifier FORGETFUL =
            Classifier.builder().cleanTextCache(0).build();

    @Test
    void cleanShortTextsAreRememberedAndNothingWithAFindingOrADigit() {
        String long65 = "a".repeat(65);
        List<TextSegment> segments = List.of(
                new TextSegment("/tools/0/name", "lookup_customer"),
                new TextSegment("/tools/0/input_schema/properties/email", "email", Form.KEY),
                new TextSegment("/tools/0/description", "The customer's e-mail address."),
                new TextSegment("/metadata/contact", "jane.doe@example.org"),
                new TextSegment("/metadata/order", "order 12"),
                new TextSegment("/metadata/unit", "m²"),
                new TextSegment("/metadata/arabic", "رقم ٣"),
                new TextSegment("/metadata/long", long65),
                new TextSegment("/metadata/name", "Dear Mr Koch"));
        Classifier classifier = Classifier.builder().build();
        Classification first = classifier.classify(segments, Set.of());

        assertThat(classifier.remembersClean("lookup_customer")).isTrue();
        assertThat(classifier.remembersClean("email")).isTrue();
        assertThat(classifier.remembersClean("The customer's e-mail address.")).isTrue();
        assertThat(classifier.remembersClean("jane.doe@example.org"))
                .as("a finding")
                .isFalse();
        assertThat(classifier.remembersClean("Dear Mr Koch")).as("a finding").isFalse();
        assertThat(classifier.remembersClean("order 12")).as("a digit").isFalse();
        assertThat(classifier.remembersClean("m²")).as("a number sign").isFalse();
        assertThat(classifier.remembersClean("رقم ٣"))
                .as("an Arabic-Indic digit")
                .isFalse();
        assertThat(classifier.remembersClean(long65)).as("too long").isFalse();
        assertThat(first.segments().get(3).findings()).isNotEmpty();
        assertThat(first.segments().get(8).findings()).isNotEmpty();
        // the second reading skips the remembered texts and gives the same classification
        assertThat(classifier.classify(segments, Set.of())).isEqualTo(first);
        assertThat(FORGETFUL.classify(segments, Set.of())).isEqualTo(first);
    }

    @Test
    void aClassifierWithoutTheCacheRemembersNothing() {
        FORGETFUL.classify(List.of(new TextSegment("/model", "lookup_customer")), Set.of());
        assertThat(FORGETFUL.remembersClean("lookup_customer")).isFalse();
        assertThatThrownBy(() -> Classifier.builder().cleanTextCache(-1))
                .isInstanceOf(ClassifierConfigurationException.class)
                .hasMessageContaining("cleanTextCache")
                .hasMessageContaining("at least 0");
    }

    static LongStream generatedSeeds() {
        return seeds(1000);
    }

    /** One remembering classifier over all tries, so that later tries meet texts remembered from earlier ones. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("generatedSeeds")
    void rememberedTextsGiveWhatAFirstReadingGives(long seed) {
        tryInput(seed, ShortTextBatchTest::segments, segments -> {
            Classification expected = FORGETFUL.classify(segments, Set.of());
            assertThat(REMEMBERING.classify(segments, Set.of())).isEqualTo(expected);
            assertThat(REMEMBERING.classify(segments, Set.of())).isEqualTo(expected);
        });
    }
}
