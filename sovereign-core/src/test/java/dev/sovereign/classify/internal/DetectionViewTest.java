package dev.sovereign.classify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The view detectors read and the way back: each test finds a value in the view and checks the original chars its span
 * maps to, invisible and encoded chars included.
 */
class DetectionViewTest {

    /** The original chars behind the first occurrence of value in the view of text. */
    private static String originalOf(String text, String value) {
        DetectionView view = DetectionView.of(text);
        assertThat(view).as("view of %s", text).isNotNull();
        int start = view.text().indexOf(value);
        assertThat(start).as("%s in %s", value, view.text()).isNotNegative();
        return text.substring(view.originalStart(start), view.originalEnd(start + value.length()));
    }

    private static String viewOf(String text) {
        DetectionView view = DetectionView.of(text);
        assertThat(view).as("view of %s", text).isNotNull();
        return view.text();
    }

    @Test
    void asciiTextWithoutPercentOrAmpersandHasNoView() {
        assertThat(DetectionView.of("")).isNull();
        assertThat(DetectionView.of("Mail jane.doe@example.org, IBAN DE89 3704 0044 0532 0130 00."))
                .isNull();
    }

    @Test
    void asciiTextWhosePercentAndAmpersandDecodeNothingHasNoView() {
        assertThat(DetectionView.of("R&D grew 50% & more; 100%ZZ, %C3 alone, &unknown; &#xD800; &#;"))
                .isNull();
    }

    @Test
    void accentedFrenchAndGermanSentencesHaveNoView() {
        assertThat(DetectionView.of("Le patient a été hospitalisé à Besançon, où l’équipe l’a suivi."))
                .isNull();
        assertThat(DetectionView.of("Die Größe der Bürgerin ist äußerst gemäß der Übersicht."))
                .isNull();
    }

    @Test
    void aCyrillicSentenceHasNoView() {
        assertThat(DetectionView.of("Привет, как дела? Меня зовут Иван, я из Москвы."))
                .isNull();
    }

    @Test
    void aZeroWidthSpaceInsideAnEmailIsRemovedAndTheSpanCoversIt() {
        String text = "Mail jane\u200b.doe@exam\u00adple.org today";
        assertThat(viewOf(text)).isEqualTo("Mail jane.doe@example.org today");
        assertThat(originalOf(text, "jane.doe@example.org")).isEqualTo("jane\u200b.doe@exam\u00adple.org");
    }

    @Test
    void aZeroWidthSpaceInsideAnIbanIsRemovedAndTheSpanCoversIt() {
        String text = "IBAN DE89\u200b3704 0044 0532 0130 00.";
        assertThat(viewOf(text)).isEqualTo("IBAN DE893704 0044 0532 0130 00.");
        assertThat(originalOf(text, "DE893704 0044 0532 0130 00")).isEqualTo("DE89\u200b3704 0044 0532 0130 00");
    }

    @Test
    void joinersInsideAKeyAndAWordAreRemoved() {
        String key = "key AKIA\u200dIOSFODNN7EXAMPLE end";
        assertThat(viewOf(key)).isEqualTo("key AKIAIOSFODNN7EXAMPLE end");
        assertThat(originalOf(key, "AKIAIOSFODNN7EXAMPLE")).isEqualTo("AKIA\u200dIOSFODNN7EXAMPLE");
        String word = "diagnosed with HI\u2060V in 2019";
        assertThat(viewOf(word)).isEqualTo("diagnosed with HIV in 2019");
        assertThat(originalOf(word, "HIV")).isEqualTo("HI\u2060V");
    }

    @Test
    void invisibleCharsAroundAValueStayOutsideItsSpan() {
        String text = "\u200b\ufeffjane@example.org\u200e\u2066";
        DetectionView view = DetectionView.of(text);
        assertThat(view.text()).isEqualTo("jane@example.org");
        assertThat(view.originalStart(0)).isEqualTo(2);
        assertThat(view.originalEnd(view.text().length())).isEqualTo(18);
    }

    @Test
    void bidiControlsTagsAndVariationSelectorsAreRemoved() {
        String text = "id \u202eAB\u202c12\ufe0f34\udb40\udc41X";
        assertThat(viewOf(text)).isEqualTo("id AB1234X");
        assertThat(originalOf(text, "AB1234X")).isEqualTo("AB\u202c12\ufe0f34\udb40\udc41X");
    }

    @Test
    void aTextOfInvisibleCharsOnlyHasAnEmptyViewWhoseEmptySpansDoNotThrow() {
        DetectionView view = DetectionView.of("\u200b\u00ad\u200b");
        assertThat(view.text()).isEmpty();
        assertThat(view.originalStart(0)).isZero();
        assertThat(view.originalEnd(0)).isZero();
    }

    @Test
    void fullwidthEmailAndDigitsBecomeAscii() {
        String email = "mail ｊａｎｅ＠ｅｘａｍｐｌｅ．ｏｒｇ!";
        assertThat(viewOf(email)).isEqualTo("mail jane@example.org!");
        assertThat(originalOf(email, "jane@example.org")).isEqualTo("ｊａｎｅ＠ｅｘａｍｐｌｅ．ｏｒｇ");
        String card = "card ４１１１ １１１１\u3000１１１１ １１１１";
        assertThat(viewOf(card)).isEqualTo("card 4111 1111 1111 1111");
        assertThat(originalOf(card, "1111 1111")).isEqualTo("１１１１\u3000１１１１");
    }

    @Test
    void ligaturesAndCircledDigitsAreExpandedAndMapToTheirSource() {
        String text = "con\ufb01dential code ①②③";
        assertThat(viewOf(text)).isEqualTo("confidential code 123");
        assertThat(originalOf(text, "fi")).isEqualTo("\ufb01");
        assertThat(originalOf(text, "confidential")).isEqualTo("con\ufb01dential");
        assertThat(originalOf(text, "23")).isEqualTo("②③");
    }

    @Test
    void aDecomposedAccentIsComposedAndMapsToBothChars() {
        String text = "Jose\u0301 Garci\u0301a";
        assertThat(viewOf(text)).isEqualTo("José García");
        assertThat(originalOf(text, "é")).isEqualTo("e\u0301");
        assertThat(originalOf(text, "García")).isEqualTo("Garci\u0301a");
    }

    @Test
    void aCyrillicLetterInsideAnEmailBecomesItsLatinLookalike() {
        String text = "write to jane@ex\u0430mple.org please";
        assertThat(viewOf(text)).isEqualTo("write to jane@example.org please");
        assertThat(originalOf(text, "jane@example.org")).isEqualTo("jane@ex\u0430mple.org");
        assertThat(viewOf("pass \u0440\u0430ssw\u043erd1")).isEqualTo("pass password1");
    }

    @Test
    void aCyrillicWordNextToAMixedTokenStaysCyrillic() {
        String text = "Напиши привет на jane@ex\u0430mple.org, Иван";
        assertThat(viewOf(text)).isEqualTo("Напиши привет на jane@example.org, Иван");
    }

    @Test
    void greekAndDotlessLookalikesInsideAnIdentifierBecomeAscii() {
        assertThat(viewOf("user j\u03bfhn.sm\u0131th@example.org")).isEqualTo("user john.smith@example.org");
    }

    @Test
    void lettersWhoseSkeletonIsNotOneAsciiCharKeepTheirForm() {
        assertThat(viewOf("Zoé ćwierć Straße \u200b")).isEqualTo("Zoé ćwierć Straße ");
    }

    @Test
    void arabicIndicAndDevanagariDigitsBecomeAscii() {
        String text = "رقم ٠١٢٣٤٥٦٧٨٩ और १२३";
        assertThat(viewOf(text)).isEqualTo("رقم 0123456789 और 123");
        assertThat(originalOf(text, "0123456789")).isEqualTo("٠١٢٣٤٥٦٧٨٩");
    }

    @Test
    void anIbanGroupedWithNoBreakSpacesGetsOrdinarySpaces() {
        String text = "IBAN DE89\u00a03704\u00a00044\u202f0532\u20070130\u00a000";
        assertThat(viewOf(text)).isEqualTo("IBAN DE89 3704 0044 0532 0130 00");
        assertThat(originalOf(text, "DE89 3704 0044 0532 0130 00")).isEqualTo(text.substring(5));
    }

    @Test
    void percentEncodedAtSignIsDecodedAndMapsToTheWholeSequence() {
        String text = "mail jane%40example.org now";
        assertThat(viewOf(text)).isEqualTo("mail jane@example.org now");
        assertThat(originalOf(text, "jane@example.org")).isEqualTo("jane%40example.org");
        assertThat(originalOf(text, "@")).isEqualTo("%40");
    }

    @Test
    void htmlCharacterReferencesAreDecoded() {
        assertThat(originalOf("mail jane&#64;example.org", "jane@example.org")).isEqualTo("jane&#64;example.org");
        assertThat(originalOf("mail jane&#x40;example.org", "@")).isEqualTo("&#x40;");
        assertThat(originalOf("mail jane&commat;example&period;org", "jane@example.org"))
                .isEqualTo("jane&commat;example&period;org");
        assertThat(viewOf("a &lt;b&gt; &amp; &quot;c&quot; &nbsp;d")).isEqualTo("a <b> & \"c\"  d");
    }

    @Test
    void doublePercentEncodingIsDecodedTwiceAtMost() {
        String text = "mail jane%2540example.org";
        assertThat(viewOf(text)).isEqualTo("mail jane@example.org");
        assertThat(originalOf(text, "@")).isEqualTo("%2540");
        assertThat(viewOf("x%252540y")).isEqualTo("x%40y");
    }

    @Test
    void anEncodedZeroWidthSpaceIsDecodedThenRemoved() {
        String text = "key AKIA%E2%80%8BIOSFODNN7EXAMPLE";
        assertThat(viewOf(text)).isEqualTo("key AKIAIOSFODNN7EXAMPLE");
        assertThat(originalOf(text, "AKIAIOSFODNN7EXAMPLE")).isEqualTo("AKIA%E2%80%8BIOSFODNN7EXAMPLE");
        assertThat(viewOf("HI&#x200B;V &shy;x")).isEqualTo("HIV x");
    }

    @Test
    void percentEncodedUtf8IsDecodedAndInvalidBytesAreKept() {
        assertThat(viewOf("caf%C3%A9 %C3%28 %FF%41")).isEqualTo("café %C3( %FFA");
        assertThat(originalOf("caf%C3%A9 ok", "é")).isEqualTo("%C3%A9");
    }

    @Test
    void mathematicalBoldDigitsBecomeAsciiAndMapToBothSurrogates() {
        String text = "card \ud835\udfd2\ud835\udfcf\ud835\udfcf\ud835\udfcf end";
        assertThat(viewOf(text)).isEqualTo("card 4111 end");
        assertThat(originalOf(text, "4111")).isEqualTo("\ud835\udfd2\ud835\udfcf\ud835\udfcf\ud835\udfcf");
        assertThat(originalOf(text, "41")).isEqualTo("\ud835\udfd2\ud835\udfcf");
    }

    @Test
    void aSupplementaryLookalikeBecomesOneAsciiCharMappedToBothSurrogates() {
        String text = "key A\ud800\udf01C-7 and B\u200bD";
        assertThat(viewOf(text)).isEqualTo("key ABC-7 and BD");
        assertThat(originalOf(text, "B")).isEqualTo("\ud800\udf01");
        assertThat(originalOf(text, "ABC-7")).isEqualTo("A\ud800\udf01C-7");
        assertThat(originalOf(text, "BD")).isEqualTo("B\u200bD");
    }

    @Test
    void anEmojiIsKeptAndTheMappingAfterItStaysRight() {
        String text = "\ud83d\ude00 jane\u200b@example.org \ud83d\ude00";
        DetectionView view = DetectionView.of(text);
        assertThat(view.text()).isEqualTo("\ud83d\ude00 jane@example.org \ud83d\ude00");
        assertThat(originalOf(text, "jane@example.org")).isEqualTo("jane\u200b@example.org");
        assertThat(view.originalStart(0)).isZero();
        assertThat(view.originalEnd(2)).isEqualTo(2);
        assertThat(originalOf(text, "org \ud83d\ude00")).isEqualTo("org \ud83d\ude00");
    }

    @Test
    void spansOfRandomTextsAreMonotonicAndNeverEmpty() {
        String alphabet = "a|Z|7| |@|.|é|ß|e\u0301|\u0301|\u200b|\u00ad|\u2060|\ufeff|\u202e|Ａ|１|＠|\u00a0|\ufb01"
                + "|\ufdfa|\ud83d\ude00|\ud835\udfce|\udb40\udc41|\ud800|\ud800\udf01|\u0430|\u03bf|\u0663|%40"
                + "|%E2%80%8B|%2540|%C3|&#64;|&amp;|&commat;|&|%";
        String[] pieces = alphabet.split("\\|");
        Random random = new Random(11);
        int views = 0;
        for (int round = 0; round < 5000; round++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(24); k > 0; k--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            DetectionView view = DetectionView.of(text.toString());
            if (view == null) {
                continue;
            }
            views++;
            assertThat(view.text()).doesNotContain("\u200b", "\u00ad", "\u2060", "\ufeff", "\u202e", "%40", "&#64;");
            int length = view.text().length();
            for (int i = 0; i <= length; i++) {
                int start = view.originalStart(i);
                int end = view.originalEnd(i);
                assertThat(start).isBetween(0, text.length());
                assertThat(end).isBetween(0, text.length());
                if (i > 0) {
                    assertThat(start).isGreaterThanOrEqualTo(view.originalStart(i - 1));
                    assertThat(end).isGreaterThanOrEqualTo(view.originalEnd(i - 1));
                }
                if (i < length) {
                    assertThat(start).as("%s at %d", text, i).isLessThan(view.originalEnd(i + 1));
                }
            }
        }
        assertThat(views).isGreaterThan(4000);
    }
}
