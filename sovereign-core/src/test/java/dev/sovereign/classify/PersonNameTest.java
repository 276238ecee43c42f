package dev.sovereign.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.classify.internal.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Person names found by the model and the cue and dictionary heuristics together: names of many nationalities in
 * ordinary sentences, a first name alone where the sentence makes it a person, names after an introduction or a title
 * (the title itself is not the name), and the confidence of each kind of evidence; and capitalised words that are not
 * names.
 */
class PersonNameTest {
    private static final Classifier CLASSIFIER = Classifier.defaults();

    private static List<String> names(String text) {
        return CLASSIFIER.scan(text).stream()
                .filter(f -> f.category().equals("pii.person_name"))
                .map(f -> text.substring(f.start(), f.end()))
                .toList();
    }

    private static Finding only(String text) {
        List<Finding> found = CLASSIFIER.scan(text).stream()
                .filter(f -> f.category().equals("pii.person_name"))
                .toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            Ildikó K. Várkonyi | The report was written by Ildikó K. Várkonyi last week.
            Dragoslav Petrović | Please send the contract to Dragoslav Petrović before Friday.
            Agnieszka Wróblewska | Agnieszka Wróblewska will join the call tomorrow.
            Tuomas J. Häkkinen | The invoice was approved by Tuomas J. Häkkinen yesterday.
            Jane Doe | Hi, I am Jane Doe
            Anna | Please ask Anna whether she can review it.
            Dupont | Dear Mr. Dupont, thank you for your letter.
            """)
    void findsTheWholeName(String name, String text) {
        assertThat(names(text)).containsExactly(name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Dear Sales Manager, please find the report attached.
            Contact the Marketing Department at Acme Corp.
            Mr President, I thank the Commissioner for her answer.
            I am French and I work in Paris.
            Estimado Cliente, gracias por su pedido.
            The meeting moved from Monday to Thursday in March.
            """)
    void capitalisedWordsThatAreNotNamesAreNotReported(String text) {
        assertThat(names(text)).isEmpty();
    }

    @Test
    void aNameReadOnceIsANameWhereverItStandsInTheText() {
        // alone at the start of a sentence "Petrović" reads as no name; after the full name earlier it is one
        assertThat(names("Petrović says the data came in on Monday.")).isEmpty();
        assertThat(names("The report by Dragoslav Petrović was late. Petrović says the data came in on Monday."))
                .containsExactly("Dragoslav Petrović", "Petrović");
    }

    @Test
    void aTitleAfterAGreetingIsNotTheName() {
        String text = "Dear Mr. Dupont, thank you.";
        Finding f = only(text);
        assertThat(text.substring(f.start(), f.end())).isEqualTo("Dupont");
    }

    @Test
    void modelAndCueTogetherAreMoreConfidentThanEitherAlone() {
        Finding modelAlone = only("The contract was signed by Dragoslav Petrović yesterday.");
        Finding both = only("Dear Mr. Petrović, the contract is signed.");
        assertThat(modelAlone.confidence()).isLessThan(Kind.PERSON_NAME.withContext);
        assertThat(both.confidence())
                .isGreaterThan(Kind.PERSON_NAME.withContext)
                .isGreaterThan(modelAlone.confidence());
    }

    @Test
    void aCueTheModelRejectsFallsBelowTheThreshold() {
        // "Dear" is a cue for the heuristic; the model reads "Hiring Manager" as no name
        assertThat(names("Dear Hiring Manager, I am applying for the role.")).isEmpty();
        assertThat(names("Dear Hendrik Visser, I am applying for the role.")).containsExactly("Hendrik Visser");
    }

    @Test
    void withoutTheModelOnlyCuesAndDictionariesFindNames() {
        Classifier heuristics = Classifier.builder().personNameModel(false).build();
        String text = "Please send the contract to Dragoslav Petrović before Friday. Dear Mr. Dupont, thanks.";
        assertThat(heuristics.scan(text).stream()
                        .filter(f -> f.category().equals("pii.person_name"))
                        .map(f -> text.substring(f.start(), f.end())))
                .containsExactly("Dupont");
        assertThat(names(text)).containsExactly("Dragoslav Petrović", "Dupont");
    }

    @Test
    void turningTheCategoryOffTurnsTheModelOffToo() {
        Classifier withoutNames =
                Classifier.builder().disable("pii.person_name").build();
        assertThat(withoutNames.scan("Please send the contract to Dragoslav Petrović before Friday."))
                .noneMatch(f -> f.category().equals("pii.person_name"));
    }
}
