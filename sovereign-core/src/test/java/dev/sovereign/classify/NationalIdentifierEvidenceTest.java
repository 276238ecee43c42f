package dev.sovereign.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A national identifier's confidence follows its evidence: the word that names it, the grouping its issuer writes, the
 * checks its structure passes. Specimens from python-stdnum's doctests and presidio's tests, and numbers built by the
 * issuers' rules.
 */
class NationalIdentifierEvidenceTest {
    private static final Classifier CLASSIFIER = Classifier.defaults();

    private static List<Finding> of(String category, String text) {
        return CLASSIFIER.scan(text).stream()
                .filter(f -> f.category().equals(category))
                .toList();
    }

    private static double confidence(String category, String text, String value) {
        int start = text.indexOf(value);
        List<Finding> found = of(category, text);
        assertThat(found).as("%s in %s", category, text).singleElement().satisfies(f -> {
            assertThat(f.start()).isEqualTo(start);
            assertThat(f.end()).isEqualTo(start + value.length());
        });
        return found.getFirst().confidence();
    }

    @Test
    void reportsABarePersonnummerAtTheDefaultThresholdAndADashedOneAboveIt() {
        assertThat(confidence("pii.national_id.se", "8803200016", "8803200016")).isEqualTo(0.5);
        assertThat(confidence("pii.national_id.se", "Please copy 8803-20-0016 now", "8803-20-0016"))
                .isEqualTo(0.5);
        assertThat(confidence("pii.national_id.se", "Please copy 880320-0016 now", "880320-0016"))
                .isGreaterThan(0.5);
        assertThat(confidence("pii.national_id.se", "personnummer 8803200016", "8803200016"))
                .isGreaterThan(0.9);
        assertThat(of("pii.national_id.se", "8803200018")).as("Luhn").isEmpty();
        assertThat(of("pii.national_id.se", "personnummer 8899200425"))
                .as("month 99")
                .isEmpty();
    }

    @Test
    void readsThePlusOfACentenarianAsTheCenturyBefore() {
        assertThat(confidence("pii.national_id.se", "000229-0005", "000229-0005"))
                .isGreaterThan(0.5);
        assertThat(of("pii.national_id.se", "personnummer 000229+0005"))
                .as("29 February 1900")
                .isEmpty();
    }

    @Test
    void leavesABarePeselBelowTheDefaultThreshold() {
        assertThat(of("pii.national_id.pl", "44051401359")).isEmpty();
        assertThat(confidence("pii.national_id.pl", "PESEL 44051401359", "44051401359"))
                .isGreaterThan(0.9);
    }

    @Test
    void reportsABsnWrittenWithItsDotsButNotABareOne() {
        assertThat(confidence("pii.national_id.nl", "1112.22.333", "1112.22.333"))
                .isEqualTo(0.6);
        assertThat(of("pii.national_id.nl", "111222333")).isEmpty();
        assertThat(of("pii.national_id.nl", "1112.52.333")).as("11-proof").isEmpty();
    }

    @Test
    void reportsAnNhsNumberInItsGroupsUnlessTheDigitsAreAPhoneNumber() {
        assertThat(confidence("pii.health_insurance.gb", "221 395 1837", "221 395 1837"))
                .isEqualTo(0.55);
        assertThat(confidence("pii.health_insurance.gb", "401-023-2137", "401-023-2137"))
                .isEqualTo(0.55);
        assertThat(of("pii.health_insurance.gb", "401-023-2138")).as("mod 11").isEmpty();
        assertThat(of("pii.health_insurance.gb", "943-476-5870"))
                .as("a North American number")
                .isEmpty();
        assertThat(confidence("pii.health_insurance.gb", "NHS number 943-476-5870", "943-476-5870"))
                .isGreaterThan(0.9);
        assertThat(of("pii.health_insurance.gb", "0032698674")).as("bare").isEmpty();
    }

    @Test
    void readsAnSsnGroupedOtherwiseOnlyAfterItsWord() {
        assertThat(confidence("pii.national_id.us", "SSN 078-051121", "078-051121"))
                .isGreaterThan(0.9);
        assertThat(confidence("pii.national_id.us", "SSN 07805-1121", "07805-1121"))
                .isGreaterThan(0.9);
        assertThat(of("pii.national_id.us", "078-051121")).isEmpty();
        assertThat(of("pii.national_id.us", "SSN 078-051120")).as("voided").isEmpty();
        assertThat(of("pii.national_id.us", "SSN 666-051121")).as("area 666").isEmpty();
    }

    @Test
    void reportsADashedCprAtTheDefaultThresholdAndChecksItsCentury() {
        assertThat(confidence("pii.national_id.dk", "211062-5629", "211062-5629"))
                .isEqualTo(0.5);
        assertThat(of("pii.national_id.dk", "2110620629")).as("bare").isEmpty();
        assertThat(confidence("pii.national_id.dk", "CPR-nummer 2110620629", "2110620629"))
                .isGreaterThan(0.5);
        assertThat(of("pii.national_id.dk", "CPR-nummer 2110525629"))
                .as("born in 2052")
                .isEmpty();
        assertThat(of("pii.national_id.dk", "CPR-nummer 511062-5629"))
                .as("day 51")
                .isEmpty();
    }

    @Test
    void reportsANumberThatIsBothAHetuAndACprAsBothUnlessAWordSaysWhich() {
        // 150550-1050: a HETU (15 May 1950, serial 105, check 0) and a CPR (serial 1: the 1900s)
        assertThat(confidence("pii.national_id.fi", "150550-1050", "150550-1050"))
                .isEqualTo(0.55);
        assertThat(confidence("pii.national_id.dk", "150550-1050", "150550-1050"))
                .isEqualTo(0.55);
        assertThat(confidence("pii.national_id.fi", "henkilötunnus 150550-1050", "150550-1050"))
                .isGreaterThan(0.9);
        assertThat(of("pii.national_id.dk", "henkilötunnus 150550-1050")).isEmpty();
        assertThat(confidence("pii.national_id.dk", "CPR-nummer 150550-1050", "150550-1050"))
                .isGreaterThan(0.85);
        assertThat(of("pii.national_id.fi", "CPR-nummer 150550-1050")).isEmpty();
    }

    @Test
    void reportsAPortugueseVatNumberAsTheTaxpayersNifOnlyNextToTheWordNif() {
        String text = "O meu NIF é PT 501 964 843.";
        assertThat(confidence("pii.tax_id.pt", text, "PT 501 964 843")).isGreaterThan(0.9);
        assertThat(confidence("financial.vat_id", text, "PT 501 964 843")).isGreaterThan(0.5);
        assertThat(of("pii.tax_id.pt", "Please copy PT 501 964 843 now.")).isEmpty();
        assertThat(of("pii.tax_id.pt", "O meu NIF é PT 501 964 844."))
                .as("check digit")
                .isEmpty();
    }

    @Test
    void neverReportsABelgianBisNumberAboveHalfAsARegisterNumber() {
        String text = "Mijn rijksregisternummer is 00400100184.";
        assertThat(of("pii.national_id.be", text)).singleElement().satisfies(f -> {
            assertThat(f.confidence()).isEqualTo(0.5);
            assertThat(f.detector()).isEqualTo("bis-mod97");
        });
        assertThat(confidence("pii.national_id.be", "rijksregisternummer 85.07.30-033.28", "85.07.30-033.28"))
                .isGreaterThan(0.9);
        assertThat(of("pii.national_id.be", "rijksregisternummer 85133000105"))
                .as("month 13")
                .isEmpty();
    }
}
