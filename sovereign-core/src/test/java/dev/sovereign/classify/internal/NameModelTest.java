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
