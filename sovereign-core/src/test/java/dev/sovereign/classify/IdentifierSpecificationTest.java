package dev.sovereign.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The identifier rules as their specifications state them: every IBAN country of the SWIFT registry, the VAT check of
 * every member state and XI, the ways people write national identifiers, and numbers whose check digit, date or range
 * is wrong, which are never confident findings.
 */
class IdentifierSpecificationTest {
    private static final Classifier CLASSIFIER = Classifier.defaults();

    private static List<Finding> of(String category, String text) {
        return CLASSIFIER.scan(text).stream()
                .filter(f -> f.category().equals(category))
                .toList();
    }

    private static void found(String category, String text, String value) {
        int start = text.indexOf(value);
        assertThat(of(category, text))
                .as("%s in %s", category, text)
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.start()).isEqualTo(start);
                    assertThat(f.end()).isEqualTo(start + value.length());
                    assertThat(f.confidence()).isGreaterThan(0.5);
                });
    }

    private static void notConfident(String category, String text) {
        assertThat(of(category, text)).as("%s in %s", category, text).allMatch(f -> f.confidence() <= 0.5);
    }

    /** Country code and structure of every registry line. */
    static Stream<Arguments> registry() throws IOException {
        List<Arguments> rows = new ArrayList<>();
        try (InputStream in =
                IdentifierSpecificationTest.class.getResourceAsStream("/dev/sovereign/classify/iban/registry.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    String[] f = line.split("\t");
                    rows.add(Arguments.of(f[0], f[2]));
                }
            }
        }
        return rows.stream();
    }

    /** An IBAN of {@code country} with {@code structure}, its BBAN chars drawn from the position, check digits right. */
    static String ibanOf(String country, String structure) {
        StringBuilder bban = new StringBuilder();
        int p = country.length() + 3; // after "CC2!n"
        while (p < structure.length()) {
            int q = p;
            while (Character.isDigit(structure.charAt(q))) q++;
            int count = Integer.parseInt(structure.substring(p, q));
            char cls = structure.charAt(q + 1);
            for (int k = 0; k < count; k++) {
                int seed = bban.length() * 7 + 3;
                bban.append(cls == 'n' ? (char) ('0' + seed % 10) : (char) ('A' + seed % 26));
            }
            p = q + 2;
        }
        String rearranged = bban + country + "00";
        StringBuilder digits = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        int check = 98
                - new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue();
        return country + String.format("%02d", check) + bban;
    }

    private static String groupsOfFour(String s) {
        return s.replaceAll("(.{4})(?!$)", "$1 ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registry")
    void findsAnIbanOfEveryRegistryCountryCompactAndInGroupsOfFour(String country, String structure) {
        String iban = ibanOf(country, structure);
        found("financial.iban", "Please pay to " + iban + " today.", iban);
        String printed = groupsOfFour(iban);
        found("financial.iban", "IBAN: " + printed, printed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registry")
    void rejectsAnIbanOfEveryRegistryCountryWithAWrongCheck(String country, String structure) {
        String iban = ibanOf(country, structure);
        int check = Integer.parseInt(iban.substring(2, 4));
        String wrong = iban.substring(0, 2) + String.format("%02d", check == 98 ? 2 : check + 1) + iban.substring(4);
        assertThat(of("financial.iban", "IBAN: " + wrong)).isEmpty();
    }

    @Test
    void readsTheRegistrysOwnExamplesOfCountriesOutsideTheEu() {
        for (String iban : List.of(
                "BR1800360305000010009795493C1",
                "SA0380000000608010167519",
                "QA58DOHB00001234567890ABCDEFG",
                "UA213223130000026007233566001",
                "EG380019000500000000263180002",
                "LY83002048000020100120361",
                "SD2129010501234001",
                "RU0304452522540817810538091310419",
                "FK88SC123456789012",
                "MN121234123456789123")) {
            found("financial.iban", "Transfer to " + iban + " please", iban);
        }
    }

    @Test
    void acceptsTheSpacingCaseAndSeparatorsPeopleWriteInAnIban() {
        for (String iban : List.of(
                "FR 76 3000 6000 0112 3456 7890 189",
                "FR7630006000011234567890189",
                "fr 76 3000 6000 0112 3456 7890 189",
                "Fr 76 3000 6000 0112 3456 7890 189",
                "fr76 3000 6000 0112 3456 7890 189",
                "FR76-3000-6000-0112-3456-7890-189",
                "NO. 93 8601 1117 947",
                "ES98 – 3190 – 0974 – 34 - 4255071823",
                "GF41 2004 1010 0505 0001 3M02 606")) {
            found("financial.iban", "Bank details: " + iban + " thanks", iban);
        }
    }

    @Test
    void doesNotLetACountryCodeInProseHideTheNumberAfterIt() {
        found("pii.national_id.ie", "Please quote your PPS No 5873444E on the form.", "5873444E");
    }

    /** A valid VAT number of every member state and XI, and the same with its check character changed. */
    static Stream<Arguments> vat() {
        return Stream.of(
                Arguments.of("ATU14243102", "ATU14243103"),
                Arguments.of("BE0468561072", "BE0468561073"),
                Arguments.of("BG103873594", "BG103873595"),
                Arguments.of("CY10246672X", "CY10246672Y"),
                Arguments.of("CZ25123891", "CZ25123892"),
                Arguments.of("DE113866163", "DE113866164"),
                Arguments.of("DK10503280", "DK10503281"),
                Arguments.of("EE100931558", "EE100931559"),
                Arguments.of("EL039868210", "EL039868211"),
                Arguments.of("ESQ0818001J", "ESQ0818001K"),
                Arguments.of("FI02459042", "FI02459043"),
                Arguments.of("FR04409414364", "FR05409414364"),
                Arguments.of("HR33392005961", "HR33392005962"),
                Arguments.of("HU12509403", "HU12509404"),
                Arguments.of("IE0005306C", "IE0005306D"),
                Arguments.of("IT01404480202", "IT01404480203"),
                Arguments.of("LT100001354118", "LT100001354119"),
                Arguments.of("LU10059929", "LU10059930"),
                Arguments.of("LV40003521600", "LV40003521601"),
                Arguments.of("MT10396417", "MT10396418"),
                Arguments.of("NL001241643B01", "NL001241644B01"),
                Arguments.of("PL5211355116", "PL5211355117"),
                Arguments.of("PT500019720", "PT500019721"),
                Arguments.of("RO11358544", "RO11358545"),
                Arguments.of("SE202100500001", "SE202100500101"),
                Arguments.of("SI26808498", "SI26808499"),
                Arguments.of("SK1078449064", "SK1078449065"),
                Arguments.of("XI432525179", "XI432525178"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vat")
    void checksTheVatNumberOfEveryMemberStateAndNorthernIreland(String valid, String wrong) {
        found("financial.vat_id", "Our VAT number is " + valid + ".", valid);
        found("financial.vat_id", valid, valid);
        assertThat(of("financial.vat_id", "Our VAT number is " + wrong + ".")).isEmpty();
    }

    @Test
    void acceptsTheSpacingAndSeparatorsOfWrittenVatNumbers() {
        for (String vat : List.of(
                "ATU 142 43 102",
                "BE 468.561.072",
                "BE (0)468.561.072",
                "DE - 113866163",
                "ES B-58378431",
                "CZ 640229/4448",
                "LV 4000 3521 600",
                "NL 001241 643 B01",
                "Es-a58951310")) {
            found("financial.vat_id", "USt-IdNr. " + vat + " GmbH", vat);
        }
    }

    @Test
    void readsNoPhoneNumberInsideAVatNumberWithAWrongCheckLetter() {
        assertThat(of("pii.phone", "Please copy IE 632 3421 C into the form.")).isEmpty();
        assertThat(of("financial.vat_id", "Please copy IE 632 3421 C into the form."))
                .isEmpty();
    }

    @Test
    void reportsAnUncheckedVatStructureAtMostAtHalfConfidenceEvenWithContext() {
        notConfident("financial.vat_id", "Our VAT number is FR K 7399859412.");
    }

    @Test
    void acceptsTheWaysPeopleWriteNationalIdentifiers() {
        found("pii.national_id.es", "Mi DNI es 55555555-K.", "55555555-K");
        found("pii.national_id.es", "dni 12345678z", "12345678z");
        found("pii.national_id.es", "NIE: x9613851n", "x9613851n");
        found("pii.national_id.es", "NIE: Y8063915-Z", "Y8063915-Z");
        found("pii.national_id.es", "NIE x-2482300w", "x-2482300w");
        found("pii.national_id.fi", "hetu 131052a308t", "131052a308t");
        found("pii.national_id.ie", "PPS number 1234567TW", "1234567TW");
        found("pii.national_id.ie", "PPS number 1234567TT", "1234567TT");
        found("pii.national_id.it", "codice fiscale RSSMRAQRCMNFNLRG", "RSSMRAQRCMNFNLRG");
        found("pii.tax_id.de", "Steuer-ID 86 095 742 719", "86 095 742 719");
        found("pii.national_id.se", "personnummer 811228-9874", "811228-9874");
        found("pii.national_id.se", "personnummer 811228+9874", "811228+9874");
        found("pii.national_id.es", "DNI 1111111-G", "1111111-G");
        found("pii.national_id.gb", "NI number hh 01 02 03 d", "hh 01 02 03 d");
        found("pii.national_id.gb", "NI number tw987654a", "tw987654a");
        found("pii.national_id.us", "SSN 078 05 1123", "078 05 1123");
        found("pii.national_id.us", "SSN 078.05.1123", "078.05.1123");
    }

    @Test
    void leavesSevenDigitsAndALetterThatArePpsnToThePpsnRule() {
        assertThat(of("pii.national_id.es", "PPS number 1234567T")).isEmpty();
        found("pii.national_id.ie", "PPS number 1234567T", "1234567T");
    }

    @Test
    void leavesSevenDigitsAndALetterAfterIeToTheIrishNumbers() {
        // an Irish VAT number with a wrong check letter; its digits would be a DNI written without its leading zero
        assertThat(of("pii.national_id.es", "VAT number IE 5339273F")).isEmpty();
        found("pii.national_id.es", "DNI 5339273F", "5339273F");
    }

    @Test
    void neverReportsAnIdentifierWithAWrongCheckDateOrRangeAsConfident() {
        notConfident("pii.national_id.fi", "Henkilötunnus 131052-308U"); // check character
        notConfident("pii.national_id.fi", "Henkilötunnus 131052-000V"); // serial 000 is never given
        notConfident("pii.national_id.fi", "Henkilötunnus 310252-308Y"); // 31 February
        notConfident("pii.national_id.it", "Codice fiscale RSSMRA85T32A562Y"); // 32 December
        notConfident("pii.national_id.it", "Codice fiscale RSSMRA85B30A562G"); // 30 February
        notConfident("pii.national_id.es", "DNI 12345678A");
        for (String ssn : List.of("000-12-3456", "666-12-3456", "912-12-3456", "123-00-4567", "123-45-0000")) {
            notConfident("pii.national_id.us", "My SSN is " + ssn + ".");
        }
        for (String advertised : List.of("078-05-1120", "219-09-9999", "457-55-5462")) {
            notConfident("pii.national_id.us", "My SSN is " + advertised + ".");
        }
    }
}
