package dev.sovereign.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every checksum-validated identifier: a valid value is found with its exact span, a corrupted one is not. */
class IdentifierDetectorsTest {
    private static final Classifier CLASSIFIER = Classifier.defaults();

    /** category, sentence with {} for the value, valid value, same value with a wrong check digit. */
    static Stream<Arguments> identifiers() {
        return Stream.of(
                Arguments.of(
                        "pii.national_id.fr",
                        "Mon numéro de sécurité sociale est {}.",
                        "2 69 05 49 588 157 80",
                        "2 69 05 49 588 157 81"),
                Arguments.of("pii.national_id.fr", "NIR {} pour le dossier", "185057800608491", "185057800608492"),
                Arguments.of("pii.tax_id.de", "Meine Steuer-ID lautet {}.", "86095742719", "86095742718"),
                Arguments.of("pii.national_id.es", "Mi DNI es {} y vivo en Madrid.", "12345678Z", "12345678A"),
                Arguments.of("pii.national_id.es", "NIE: {}", "X1234567L", "X1234567M"),
                Arguments.of(
                        "pii.national_id.it", "Il mio codice fiscale è {}.", "RSSMRA85T10A562S", "RSSMRA85T10A562T"),
                Arguments.of("pii.national_id.nl", "Mijn BSN is {}.", "111222333", "111222334"),
                Arguments.of("pii.national_id.be", "Rijksregisternummer: {}", "85.07.30-033.28", "85.07.30-033.29"),
                Arguments.of("pii.national_id.pl", "Numer PESEL: {}", "44051401359", "44051401358"),
                Arguments.of("pii.national_id.se", "Mitt personnummer är {}.", "811228-9874", "811228-9875"),
                Arguments.of("pii.national_id.dk", "CPR-nummer {} tilhører", "010190-1234", "320190-1234"),
                Arguments.of("pii.national_id.fi", "Henkilötunnus {}", "131052-308T", "131052-308U"),
                Arguments.of("pii.tax_id.pt", "O meu NIF é {}.", "123456789", "123456788"),
                Arguments.of("pii.national_id.at", "Sozialversicherungsnummer: {}", "1237 010180", "1238 010180"),
                Arguments.of("pii.national_id.ie", "My PPSN is {}.", "1234567T", "1234567A"),
                Arguments.of(
                        "pii.national_id.gb", "National Insurance number {} on file", "AB 12 34 56 C", "QQ 12 34 56 C"),
                Arguments.of("pii.health_insurance.gb", "NHS number: {}", "943 476 5919", "943 476 5918"),
                Arguments.of("pii.national_id.us", "SSN {} for payroll", "123-45-6789", "666-45-6789"),
                Arguments.of("pii.tax_id.us", "ITIN: {}", "912-70-1234", "912-69-1234"),
                Arguments.of(
                        "financial.card_number", "Card: {} exp 12/27", "4111 1111 1111 1111", "4111 1111 1111 1112"),
                Arguments.of("financial.card_number", "pay with {} please", "5500005555555559", "5500005555555558"),
                Arguments.of("financial.card_number", "{\"card\":{}.0}", "4111111111111111", "4111111111111112"),
                Arguments.of("financial.card_number", "Amex {}", "3782 822463 10005", "3782 822463 10006"),
                Arguments.of(
                        "financial.iban",
                        "Virement sur {} merci",
                        "FR14 2004 1010 0505 0001 3M02 606",
                        "FR15 2004 1010 0505 0001 3M02 606"),
                Arguments.of("financial.iban", "IBAN: {}", "DE89370400440532013000", "DE89370400440532013001"),
                Arguments.of(
                        "financial.iban", "pay to {}", "GB29 NWBK 6016 1331 9268 19", "GB29 NWBK 6016 1331 9268 18"),
                Arguments.of("financial.iban", "iban {} ok", "de89370400440532013000", "de89370400440532013001"),
                Arguments.of(
                        "financial.iban", "pay to {}", "gb29 nwbk 6016 1331 9268 19", "gb29 nwbk 6016 1331 9268 18"),
                Arguments.of(
                        "financial.iban", "pay to {}", "GB29 nwbk 6016 1331 9268 19", "GB29 nwbk 6016 1331 9268 18"),
                Arguments.of("financial.vat_id", "TVA intracommunautaire {}", "FR40303265045", "FR41303265045"),
                Arguments.of("financial.vat_id", "USt-IdNr. {}", "DE136695976", "DE136695977"),
                Arguments.of("financial.vat_id", "Partita IVA {}", "IT00743110157", "IT00743110158"),
                Arguments.of("financial.vat_id", "BTW-nummer {}", "NL004495445B01", "NL004495446B01"),
                Arguments.of("financial.vat_id", "TVA {}", "BE0403019261", "BE0403019262"),
                Arguments.of("financial.bic", "IBAN and BIC: {}", "DEUTDEFF", "DEUTXXFF"),
                Arguments.of("pii.passport", "Passport number: {}", "C01X00T47", "C01X"),
                Arguments.of("pii.date_of_birth", "Date of birth: {}", "12/05/1985", "32/05/1985"),
                Arguments.of("pii.date_of_birth", "Je suis née le {} à Lyon.", "12 mai 1985", "31 juin 1985"),
                Arguments.of("pii.date_of_birth", "She was born on {} in Leeds.", "3 March 1990", "3 March 1790"),
                Arguments.of("pii.date_of_birth", "born {}, in Leeds", "March 3, 1990", "March 32, 1990"),
                Arguments.of("pii.date_of_birth", "Geboren am {} in Köln", "12. Mai 1985", "30. Februar 1985"),
                Arguments.of("pii.date_of_birth", "Fecha de nacimiento: {}", "12 de mayo de 1985", "12 de mayo de 85"),
                Arguments.of("pii.date_of_birth", "nata il {} a Roma", "7 maggio 1962", "7 maggiore 1962"),
                Arguments.of("pii.date_of_birth", "geboren op {} te Delft", "21 maart 1979", "21 maart 19790"),
                Arguments.of(
                        "pii.national_id.fr",
                        "Numéro de sécurité sociale : {}",
                        "2 85 05 2A 123 456 80",
                        "2 85 05 2A 123 456 00"),
                Arguments.of("pii.national_id.fr", "NIR {} pour le dossier", "285052A12345680", "285052A12345681"),
                Arguments.of("pii.date_of_birth", "She was born on {} in Leeds.", "3rd March 1990", "32nd March 1990"),
                Arguments.of("pii.date_of_birth", "born {}, in Leeds", "March 3rd, 1990", "March 3rd, 1790"),
                Arguments.of("pii.date_of_birth", "born on the {} in Leeds", "3rd of March 1990", "3rd of Marsh 1990"),
                Arguments.of("pii.date_of_birth", "Je suis née le {} à Lyon.", "1er mai 1985", "1er mai 1785"),
                Arguments.of("pii.date_of_birth", "Sie ist am {} geboren.", "9. Mai 1973", "9. Mai 1873"),
                Arguments.of("pii.date_of_birth", "Ze is op {} geboren.", "09-05-1973", "09-05-1873"),
                Arguments.of(
                        "pii.date_of_birth",
                        "Nacida el {} en Sevilla.",
                        "11 de septiembre de 1986",
                        "31 de septiembre de 1986"),
                Arguments.of("pii.ip_address", "server at {} is down", "192.168.10.23", "192.168.10.256"),
                Arguments.of(
                        "pii.ip_address",
                        "connect to {} now",
                        "2001:db8:85a3::8a2e:370:7334",
                        "2001:db8:85a3::8a2e::7334"),
                Arguments.of("pii.email", "write to {} today", "jean.dupont@example.fr", "jean.dupont@example"),
                Arguments.of("pii.phone", "Call me on {} tomorrow", "+33 6 12 34 56 78", "+33 6 12 34"),
                Arguments.of("pii.phone", "Telefon: {}", "+49 30 901820", "+49 30 9"),
                Arguments.of("pii.phone", "appelez le {} svp", "06 12 34 56 78", "06 12 34"),
                Arguments.of("pii.phone", "phone {}", "(415) 555-2671", "(415) 555"),
                Arguments.of("pii.phone", "Ring mig på {} i morgon", "070-123 45 74", "070-12 3"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("identifiers")
    void findsTheValidValueWithItsExactSpan(String category, String sentence, String valid, String invalid) {
        String text = sentence.replace("{}", valid);
        int start = text.indexOf(valid);
        assertThat(CLASSIFIER.scan(text))
                .filteredOn(f -> f.category().equals(category))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.start()).isEqualTo(start);
                    assertThat(f.end()).isEqualTo(start + valid.length());
                    assertThat(f.confidence()).isBetween(0.5, 1.0);
                });
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("identifiers")
    void rejectsTheCorruptedValue(String category, String sentence, String valid, String invalid) {
        List<Finding> findings = CLASSIFIER.scan(sentence.replace("{}", invalid));
        assertThat(findings).noneMatch(f -> f.category().equals(category));
    }
}
