package dev.sovereign.classify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The index as the scanner uses it: the bloom filter asked for each word, then the lookup. Phrases are filed under
 * their longest word, so the words before it are matched backwards.
 */
class KeywordIndexTest {
    private static final KeywordIndex INDEX = index(
            "je suis", "my name is", "il mio nome è", "date of birth", "diab*", "test génétique*", "e-card", "nhs");

    private static KeywordIndex index(String... terms) {
        KeywordIndex.Builder builder = KeywordIndex.builder();
        for (int k = 0; k < terms.length; k++) {
            assertThat(builder.add(terms[k], k)).isNull();
        }
        return builder.build();
    }

    /** Every match in {@code text} as "payload:matched text". */
    private static List<String> scan(KeywordIndex index, String text) {
        char[] chars = text.toCharArray();
        List<String> found = new ArrayList<>();
        int i = 0;
        while (i < chars.length) {
            if (!Chars.isWord(chars[i])) {
                i++;
                continue;
            }
            int j = i;
            while (j < chars.length && Chars.isWord(chars[j])) {
                j++;
            }
            if (index.mightFile(chars, i, j)) {
                index.lookup(
                        chars, i, j, (start, end, payload) -> found.add(payload + ":" + text.substring(start, end)));
            }
            i = j;
        }
        return found;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Bonjour, je suis Camille.               | 0:je suis
            JE  SUIS là                             | 0:JE  SUIS
            Hello, my name is Jean                  | 1:my name is
            my-name: is it?                         | 1:my-name: is
            Ciao, il mio nome è Giulia              | 2:il mio nome è
            Date of birth: 1 May 1980               | 3:Date of birth
            il est diabétique                       | 4:diabétique
            un test génétiques positif              | 5:test génétiques
            Versicherungsnummer auf der e-card      | 6:e-card
            NHS number                              | 7:NHS
            """)
    void findsPhrasesAroundTheirLongestWord(String text, String expected) {
        assertThat(scan(INDEX, text)).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            tu suis le cours
            je    suis loin
            my    name is
            the name is Jean
            mio nome è
            date or birth
            dia
            un test positif
            card e
            nhsx
            """)
    void findsNothingWhenAWordAroundTheAnchorDiffers(String text) {
        assertThat(scan(INDEX, text)).isEmpty();
    }

    @Test
    void bloomFilterGrowsWithTheDictionary() {
        List<String> terms = new ArrayList<>();
        for (int k = 0; k < 20_000; k++) {
            terms.add("kw" + Integer.toString(k * 7919, 36));
        }
        KeywordIndex large = index(terms.toArray(new String[0]));
        assertThat(scan(large, "see kw0 and " + terms.get(19_999) + " but not kwzzzzz"))
                .containsExactly("0:kw0", "19999:" + terms.get(19_999));
        int admitted = 0;
        for (int k = 0; k < 10_000; k++) {
            char[] word = ("other" + k).toCharArray();
            admitted += large.mightFile(word, 0, word.length) ? 1 : 0;
        }
        assertThat(admitted).isLessThan(200);
    }
}
