package dev.sovereign.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Surnames after an unknown given name are found; and texts that look like the values of the newer detectors
 * (spelled-out dates of birth, Corsican NIR, Swedish mixed separators, surnames, names after a cue) but are not: none
 * may report the category.
 */
class NewDetectorsTest {
    private static final Classifier CLASSIFIER = Classifier.defaults();

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            pii.date_of_birth | The release is planned for 12 May 2025 in Paris.
            pii.date_of_birth | Réunion le 12 mai 1985 à la mairie, sans rapport avec une naissance.
            pii.date_of_birth | Born to run: 3 items shipped in 1990.
            pii.date_of_birth | born on 12 mai
            pii.date_of_birth | born in the 3 March edition
            pii.national_id.fr | Commande 2 85 05 2A 123 456 81 x
            pii.national_id.fr | Référence 2 85 05 2C 123 456 80
            pii.phone | version 2024-10 11 12 released
            pii.phone | Order 070-123 45 74-B shipped
            pii.person_name | The Scuderia team met at Costa Brava.
            pii.person_name | In Smith Street the Mulder file was closed.
            pii.person_name | Dear Customer Service, the Visser report is attached.
            pii.person_name | Kind regards, The Support Team
            pii.person_name | Best regards, Marketing Department
            pii.person_name | Mit freundlichen Grüßen, Ihr Kundenservice
            pii.person_name | Atentamente, El Equipo de Ventas
            pii.date_of_birth | Lieferung am 9. Mai 2025 in Köln.
            pii.date_of_birth | Born in Leeds. The invoice is dated 3 March 1990.
            pii.date_of_birth | Invoice of 12.05.1985, paid; the customer was born abroad later that year, we think.
            pii.national_id.fr | Réf 285052A12345681 x
            pii.national_id.fr | Réf 285052C12345680 x
            """)
    void reportsNothing(String category, String text) {
        assertThat(CLASSIFIER.scan(text)).noneMatch(f -> f.category().equals(category));
    }
}
