package dev.sovereign.classify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import opennlp.tools.ml.model.MaxentModel;
import org.junit.jupiter.api.Test;

/**
 * The compiled person-name model gives, for every candidate word, the probability OpenNLP's own evaluation of the
 * shipped model gives for the same features; and the tokens and candidates it reads are the ones intended.
 */
class NameModelTest {
    private static final List<String> TEXTS = List.of(
            "The report was written by Ildikó K. Várkonyi and Dragoslav Petrović last week.",
            "Dear Mr. Dupont, the Parliament in Strasbourg approved the Treaty on Monday.",
            "Wir haben Frau Müller-Lüdenscheidt und Herrn O'Neill im Büro in München getroffen.",
            "La Commissione ha ricevuto la lettera del signor Rossi; Sr. García la firmó.",
            "NASA, iPhone, x, A. B. and 42 Apples.");

    @Test
    void compiledScoresEqualOpenNlpEvaluation() throws Exception {
        MaxentModel model;
        try (InputStream in = new GZIPInputStream(NameModel.class.getResourceAsStream(NameModel.RESOURCE))) {
            model = NameModel.read(in);
        }
        NameModel compiled = NameModel.compile(model);
        NameModel.Scorer scorer = compiled.scorer();
        int person = model.getIndex(NameModel.PERSON);
        int compared = 0;
        for (String text : TEXTS) {
            char[] chars = text.toCharArray();
            NameTokens t = NameTokens.of(chars, chars.length);
            for (int i = 0; i < t.size(); i++) {
                if (!NameFeatures.candidate(t, i)) {
                    continue;
                }
                List<String> features = new ArrayList<>();
                NameFeatures.generate(t, i, new NameFeatures.Buffer(), (c, n) -> features.add(new String(c, 0, n)));
                double expected = model.eval(features.toArray(new String[0]))[person];
                assertThat(scorer.person(t, i)).isCloseTo(expected, within(1e-5));
                compared++;
            }
        }
        assertThat(compared).isGreaterThanOrEqualTo(15);
        assertThat(compiled.features()).isPositive();
    }

    /**
     * Detection hashes each feature in place and reads per-token facts once per text; training writes the features as
     * chars. On the texts above and on 3,000 random texts of names, titles, initials, common words, places,
     * punctuation, line breaks, digits and words longer than a feature's buffer, both give the same features in the same
     * order, and the same probability to the last bit, for every candidate word.
     */
    @Test
    void scoringInPlaceEqualsScoringTheTrainingFeatures() {
        NameModel.Scorer scorer = NameModel.builtIn().scorer();
        String[] vocabulary = {
            "Anna",
            "Müller",
            "Jean-Pierre",
            "O'Neill",
            "Dupont",
            "Rossi",
            "García",
            "Petrović",
            "Várkonyi",
            "Koch",
            "Mr",
            "Mrs",
            "Dr",
            "Frau",
            "Herr",
            "Sra",
            "Señor",
            "onorevole",
            "Onorevole",
            "signor",
            "Dott",
            "Mevrouw",
            "K",
            "J",
            "A",
            ".",
            ".",
            ",",
            ";",
            ":",
            "!",
            "?",
            "(",
            ")",
            "\"",
            "«",
            "—",
            "-",
            "\n",
            "\r\n",
            "The",
            "the",
            "and",
            "und",
            "Parliament",
            "Parlamento",
            "Trattato",
            "Monday",
            "Paris",
            "Berlin",
            "München",
            "Strasbourg",
            "Deutschland",
            "France",
            "van",
            "der",
            "de",
            "von",
            "NASA",
            "iPhone",
            "x",
            "42",
            "2024",
            "Abc" + "d".repeat(90),
            "Ä" + "ö".repeat(85),
            "XyXyXyXyXyXyXyXyXyXyXyXyXyXyXyXyXyXyXyXyXyXyXyXyXyXyXyXyXyXyXyXyXyXyXyXyXyXyXyXyXyXyXy",
            "İstanbul",
            "ΑΘΗΝΑ",
            "Αθήνα",
            "Ødegaard",
            "Ærø",
            "Jensen",
            "McKenzie",
            "D'Alema",
            "Anne-Marie",
            "Europe",
            "Commission",
            "Bundestag",
            "Ministerio",
            "Wachtmeister"
        };
        java.util.Random random = new java.util.Random(17);
        List<String> texts = new ArrayList<>(TEXTS);
        for (int n = 0; n < 3000; n++) {
            StringBuilder b = new StringBuilder();
            int words = 1 + random.nextInt(14);
            for (int w = 0; w < words; w++) {
                if (w > 0 && random.nextInt(4) != 0) {
                    b.append(' ');
                }
                b.append(vocabulary[random.nextInt(vocabulary.length)]);
            }
            texts.add(b.toString());
        }
        int compared = 0;
        for (String text : texts) {
            char[] chars = text.toCharArray();
            NameTokens t = NameTokens.of(chars, chars.length);
            for (int i = 0; i < t.size(); i++) {
                String word = text.substring(t.start(i), t.end(i));
                assertThat(NameFeatures.candidate(t, i))
                        .as(word)
                        .isEqualTo(t.candidate(i) && !NameFeatures.notAName(word, 0, word.length()));
                if (NameFeatures.candidate(t, i)) {
                    List<Long> written = new ArrayList<>();
                    NameFeatures.generate(
                            t, i, new NameFeatures.Buffer(), (c, n) -> written.add(NameFeatures.hash(c, n)));
                    List<Long> hashed = new ArrayList<>();
                    NameScoring.score(t, i, feature -> {
                        hashed.add(feature);
                        return 0;
                    });
                    assertThat(hashed).as("%s, word %d", text, i).isEqualTo(written);
                    assertThat(Double.doubleToRawLongBits(scorer.person(t, i)))
                            .as("%s, word %d", text, i)
                            .isEqualTo(Double.doubleToRawLongBits(scorer.personFromFeatures(t, i)));
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(8_000);
    }

    @Test
    void tokensKeepNamesWholeAndCandidatesAreCapitalisedWordsThatAreNotTitles() {
        String text = "Mr. Jean-Pierre O'Neill met NASA's K. Müller on Monday, x.";
        char[] chars = text.toCharArray();
        NameTokens t = NameTokens.of(chars, chars.length);
        List<String> tokens = new ArrayList<>();
        List<String> candidates = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            String token = text.substring(t.start(i), t.end(i));
            tokens.add(token);
            if (NameFeatures.candidate(t, i)) {
                candidates.add(token);
            }
        }
        assertThat(tokens)
                .containsExactly(
                        "Mr",
                        ".",
                        "Jean-Pierre",
                        "O'Neill",
                        "met",
                        "NASA's",
                        "K",
                        ".",
                        "Müller",
                        "on",
                        "Monday",
                        ",",
                        "x",
                        ".");
        assertThat(candidates).containsExactly("Jean-Pierre", "O'Neill", "NASA's", "Müller");
    }
}
