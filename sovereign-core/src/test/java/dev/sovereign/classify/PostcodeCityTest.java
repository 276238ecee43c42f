package dev.sovereign.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A postcode followed by a known city, with no street before it, in each country's postcode format; and capitalised
 * words after numbers that are years, quantities, models or postcodes of another city, which must not be reported.
 */
class PostcodeCityTest {
    private static final Classifier CLASSIFIER = Classifier.defaults();
    private static final String CATEGORY = "pii.postal_address";

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            Envoyez-le au {} svp.                      | 75002 Paris
            Lieferung nach {} bitte.                   | 10115 Berlin
            Oficina en {}.                             | 28013 Madrid
            Ufficio: {}                                | 00184 Roma
            Afleveradres: {}                           | 1012 AB Amsterdam
            Postcode {} graag.                         | 1012AB Amsterdam
            Bureau: {}                                 | 1000 Bruxelles
            Adres: {}                                  | 2000 Antwerpen
            Büro in {}                                 | 1010 Wien
            Biuro: {}                                  | 00-950 Warszawa
            Biuro: {}                                  | 90-001 Łódź
            Kontor: {}                                 | 111 22 Stockholm
            Kontor: {}                                 | 41101 Göteborg
            Kontor: {}                                 | 1050 København K
            Toimisto: {}                               | 00100 Helsinki
            Morada: {}                                 | 1100-148 Lisboa
            Office: {}                                 | D02 X285 Dublin
            Office: {}                                 | Dublin 2, D02 X285
            Office in {} today                         | Cork T12 X70A
            Schrijf naar {}.                           | 5211 AB 's-Hertogenbosch
            Er wohnt in {} seit Mai.                   | 60311 Frankfurt am Main
            Sede: {}                                   | 35001 Las Palmas de Gran Canaria
            Adresse: {}                                | 3100 St. Pölten
            ENVOI : {}                                 | 13001 MARSEILLE
            Adresse : {}                               | 42000 Saint-Étienne
            """)
    void findsAPostcodeAndItsCity(String sentence, String value) {
        String text = sentence.replace("{}", value);
        int start = text.indexOf(value);
        assertThat(CLASSIFIER.scan(text))
                .filteredOn(f -> f.category().equals(CATEGORY))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.start()).isEqualTo(start);
                    assertThat(f.end()).isEqualTo(start + value.length());
                    assertThat(f.confidence()).isBetween(0.5, 1.0);
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            The 2024 Paris Olympics were a success.
            The 2018 Berlin Marathon set a record.
            Since 1992 Barcelona has changed a lot.
            In 2000 Antwerpen hosted the fair.
            In 2010 København was cold.
            The 1998 Lisboa Expo was busy.
            We shipped 12000 units to Berlin.
            We sold 300 Berlin tickets yesterday.
            Order 75002 Lyon is late.
            Ticket 10115 München was closed.
            A Nokia 3310 is a phone.
            Room 1012 Amsterdam is booked.
            Flight 1012 AB Milano leaves at noon.
            Gate D02 Dublin is open.
            Version 2.75002 Paris build
            """)
    void reportsNoPostcodeThatIsAYearAQuantityOrAnotherCitysNumber(String text) {
        assertThat(CLASSIFIER.scan(text)).noneMatch(f -> f.category().equals(CATEGORY));
    }
}
