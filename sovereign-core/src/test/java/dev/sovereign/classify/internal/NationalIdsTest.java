package dev.sovereign.classify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The date and calendar rules of the identifiers whose century is not written, with the year given, so each case is
 * exact whatever the day the test runs. Specimens from the issuers' descriptions and python-stdnum's doctests.
 */
class NationalIdsTest {
    private static char[] digits(String compact) {
        return compact.toCharArray();
    }

    @Test
    void placesADanishCprInTheCenturyItsFirstSerialDigitGives() {
        assertThat(NationalIds.dkCpr(digits("2110620629"), 10, 2026))
                .as("0: 1962")
                .isTrue();
        assertThat(NationalIds.dkCpr(digits("2110625629"), 10, 2026))
                .as("5, year 62: 1862")
                .isTrue();
        assertThat(NationalIds.dkCpr(digits("0101374000"), 10, 2026))
                .as("4, year 37: 1937")
                .isTrue();
        assertThat(NationalIds.dkCpr(digits("0101109000"), 10, 2026))
                .as("9, year 10: 2010")
                .isTrue();
    }

    @Test
    void rejectsADanishCprBornAfterThisYear() {
        assertThat(NationalIds.dkCpr(digits("2110525629"), 10, 2026))
                .as("5, year 52: 2052")
                .isFalse();
        assertThat(NationalIds.dkCpr(digits("0101364000"), 10, 2026))
                .as("4, year 36: 2036")
                .isFalse();
        assertThat(NationalIds.dkCpr(digits("2110525629"), 10, 2052))
                .as("in 2052")
                .isTrue();
    }

    @Test
    void rejectsADanishCprWhoseDateDoesNotExistInItsCentury() {
        assertThat(NationalIds.dkCpr(digits("5110625629"), 10, 2026))
                .as("day 51")
                .isFalse();
        assertThat(NationalIds.dkCpr(digits("2902001234"), 10, 2026))
                .as("29 February 1900")
                .isFalse();
        assertThat(NationalIds.dkCpr(digits("2902004234"), 10, 2026))
                .as("29 February 2000")
                .isTrue();
    }

    @Test
    void placesATenDigitPersonnummerWithinAHundredYearsOrBeyondWithAPlus() {
        assertThat(NationalIds.sePersonnummer(digits("8803200016"), 10, false, 2026))
                .isTrue();
        assertThat(NationalIds.sePersonnummer(digits("0002290005"), 10, false, 2026))
                .as("29 February 2000")
                .isTrue();
        assertThat(NationalIds.sePersonnummer(digits("0002290005"), 10, true, 2026))
                .as("29 February 1900, written with +")
                .isFalse();
        assertThat(NationalIds.sePersonnummer(digits("0002290005"), 10, false, 2099))
                .as("29 February 2000 in 2099")
                .isTrue();
    }

    @Test
    void rejectsAPersonnummerWithAWrongLuhnDigitOrMonth() {
        assertThat(NationalIds.sePersonnummer(digits("8803200018"), 10, false, 2026))
                .isFalse();
        assertThat(NationalIds.sePersonnummer(digits("8899200425"), 10, false, 2026))
                .isFalse();
        assertThat(NationalIds.sePersonnummer(digits("198803200016"), 12, false, 2026))
                .isTrue();
    }

    @Test
    void tellsABelgianRegisterNumberFromABisNumber() {
        assertThat(NationalIds.beNationalNumber(digits("85073003328"), 11)).isTrue();
        assertThat(NationalIds.beNationalNumber(digits("17073003384"), 11))
                .as("born 2017")
                .isTrue();
        assertThat(NationalIds.beNationalNumber(digits("00000100195"), 11))
                .as("date unknown")
                .isTrue();
        assertThat(NationalIds.beNationalNumber(digits("00400100184"), 11))
                .as("BIS")
                .isFalse();
        assertThat(NationalIds.beBisNumber(digits("00400100184"), 11)).isTrue();
        assertThat(NationalIds.beBisNumber(digits("85073003328"), 11)).isFalse();
        assertThat(NationalIds.beNationalNumber(digits("85133000105"), 11))
                .as("month 13")
                .isFalse();
        assertThat(NationalIds.beBisNumber(digits("85133000105"), 11))
                .as("month 13")
                .isFalse();
        assertThat(NationalIds.beNationalNumber(digits("12345678901"), 11))
                .as("check")
                .isFalse();
    }
}
