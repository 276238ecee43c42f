package dev.sovereign.classify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.classify.Classifier;
import org.junit.jupiter.api.Test;

class ApiVocabularyTest {
    @Test
    void noWordTheClassifierSkipsCarriesAnythingADetectorFinds() {
        assertThat(ApiVocabulary.words()).hasSizeGreaterThan(200);
        for (String word : ApiVocabulary.words()) {
            assertThat(Classifier.defaults().scan(word)).as(word).isEmpty();
            assertThat(ApiVocabulary.isWord(word)).isTrue();
        }
    }

    @Test
    void everyWordIsAsciiAndTheQuickChecksRefuseOnlyOtherStrings() {
        for (String word : ApiVocabulary.words()) {
            assertThat(word.chars().allMatch(c -> c < 128)).as(word).isTrue();
            assertThat(ApiVocabulary.isWord(word + "x"))
                    .as(word + "x")
                    .isEqualTo(ApiVocabulary.words().contains(word + "x"));
            assertThat(ApiVocabulary.isWord("X" + word)).isFalse();
        }
        assertThat(ApiVocabulary.isWord("")).isFalse();
        assertThat(ApiVocabulary.isWord("é")).isFalse();
        assertThat(ApiVocabulary.isWord("u".repeat(200))).isFalse();
    }

    @Test
    void onlyExactWordsAreSkipped() {
        assertThat(ApiVocabulary.isWord("user")).isTrue();
        assertThat(ApiVocabulary.isWord("User")).isFalse();
        assertThat(ApiVocabulary.isWord("user ")).isFalse();
        assertThat(ApiVocabulary.isWord("jane.doe@example.org")).isFalse();
        assertThat(ApiVocabulary.isWord("AKIAIOSFODNN7EXAMPLE")).isFalse();
    }

    @Test
    void aFieldValueThatReadsAsAWordIsSkippedOnlyInItsField() {
        assertThat(Classifier.defaults().scan("disabled")).isNotEmpty();
        assertThat(ApiVocabulary.isFieldValue("type", "disabled")).isTrue();
        assertThat(ApiVocabulary.isFieldValue("text", "disabled")).isFalse();
        assertThat(ApiVocabulary.isWord("disabled")).isFalse();
    }
}
