package dev.sovereign.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Card numbers by the IIN ranges and lengths of each network; phone numbers as people write them. */
class CardAndPhoneSpecificationTest {
    private static final Classifier CLASSIFIER = Classifier.defaults();

    private static List<Finding> of(Classifier classifier, String category, String text) {
        return classifier.scan(text).stream()
                .filter(f -> f.category().equals(category))
                .toList();
    }

    private static void found(String category, String text, String value) {
        found(CLASSIFIER, category, text, value);
    }

    private static void found(Classifier classifier, String category, String text, String value) {
        int start = text.indexOf(value);
        assertThat(of(classifier, category, text))
                .as("%s in %s", category, text)
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.start()).isEqualTo(start);
                    assertThat(f.end()).isEqualTo(start + value.length());
                    assertThat(f.confidence()).isGreaterThan(0.5);
                });
    }

    /** {@code prefix} padded with a fixed digit pattern to {@code length}, with its Luhn digit. */
    static String card(String prefix, int length) {
        StringBuilder b = new StringBuilder(prefix);
        while (b.length() < length - 1) {
            b.append((char) ('0' + (b.length() * 3 + 1) % 10));
        }
        int sum = 0;
        for (int i = b.length() - 1, k = 0; i >= 0; i--, k++) {
            int v = b.charAt(i) - '0';
            if (k % 2 == 0) {
                v *= 2;
                if (v > 9) v -= 9;
            }
            sum += v;
        }
        return b.append((char) ('0' + (10 - sum % 10) % 10)).toString();
    }

    private static String lastDigitChanged(String number) {
        char last = number.charAt(number.length() - 1);
        return number.substring(0, number.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
    }

    @ParameterizedTest(name = "{0} {1} digits, prefix {2}")
    @CsvSource({
        "Visa, 13, 4",
        "Visa, 16, 4",
        "Visa, 19, 4",
        "Mastercard, 16, 51",
        "Mastercard, 16, 55",
        "Mastercard 2-series, 16, 2221",
        "Mastercard 2-series, 16, 2720",
        "American Express, 15, 34",
        "American Express, 15, 37",
        "Discover, 16, 6011",
        "Discover, 19, 65",
        "Diners Club, 14, 36",
        "Diners Club, 14, 300",
        "JCB, 16, 3528",
        "JCB, 19, 3589",
        "JCB, 15, 1800",
        "JCB, 15, 2131",
        "UnionPay, 16, 62",
        "UnionPay, 19, 62",
        "Maestro, 19, 6759",
        "Maestro, 13, 5018",
        "Mir, 16, 2200",
        "Mir, 19, 2204",
        "RuPay, 16, 60",
        "RuPay, 16, 82",
        "Troy, 16, 9792",
        "Verve, 19, 506099",
        "Elo, 16, 636368",
        "Hipercard, 16, 606282",
        "Hipercard, 19, 3841",
        "Dankort, 16, 5019",
        "UATP, 15, 1"
    })
    void findsACardOfEveryNetworkAndRejectsItWithAWrongLuhnDigit(String network, int length, String prefix) {
        String number = card(prefix, length);
        found("financial.card_number", "Card number " + number + " exp 12/27", number);
        String grouped = number.replaceAll("(\\d{4})(?!$)", "$1 ");
        found("financial.card_number", "Pay with " + grouped + " please", grouped);
        String dashed = number.replaceAll("(\\d{4})(?!$)", "$1-");
        found("financial.card_number", "Pay with " + dashed + " please", dashed);
        if (!prefix.equals("62")) {
            assertThat(of(CLASSIFIER, "financial.card_number", "Card number " + lastDigitChanged(number)))
                    .isEmpty();
        }
    }

    @Test
    void takesTwelveDigitMaestroNumbersOnlyWhereTheTextSaysCard() {
        String number = card("6759", 12);
        found("financial.card_number", "My Maestro card number is " + number + ".", number);
        assertThat(of(CLASSIFIER, "financial.card_number", "Please copy " + number + " into the form."))
                .isEmpty();
    }

    @Test
    void neverReportsAUnionPayNumberWithoutItsLuhnDigitAboveHalf() {
        String number = lastDigitChanged(card("6212", 16));
        assertThat(of(CLASSIFIER, "financial.card_number", "Please copy " + number + " into the form."))
                .isEmpty();
        assertThat(of(CLASSIFIER, "financial.card_number", "My UnionPay card number is " + number + "."))
                .singleElement()
                .satisfies(f -> assertThat(f.confidence()).isEqualTo(0.5));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "(415) 555-0132",
                "415-555-0132",
                "415.555.0132",
                "+1-415-555-0132",
                "+1 415 555 0132",
                "+1 415 555 0132 x1234",
                "(415) 555-0132 ext. 12",
                "415-555-0132 ext 7",
                "07400 123456",
                "+44 7400 123456",
                "+447400123456",
                "0044 7400 123456",
                "06 12 34 56 78",
                "34 41 23 45",
                "612 34 56 78",
                "+33 6 12 34 56 78 extension 3"
            })
    void findsPhoneNumbersAsPeopleWriteThemWithTheirExtension(String phone) {
        found("pii.phone", "Please copy " + phone + " into the form.", phone);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Released on 2024-05-12 at 10:22:33 UTC.",
                "Upgrade to version 10.4.1234 before Friday.",
                "The build 2024.05.12.1234 failed.",
                "Total 1 234 567 EUR for 2023.",
                "Order number 4711 0815 was shipped.",
                "Timestamp 1715509353 in the log."
            })
    void doesNotTakeDatesVersionsAmountsOrTimestampsForPhones(String text) {
        assertThat(of(CLASSIFIER, "pii.phone", text)).isEmpty();
    }

    @Test
    void looksForNationalNumbersOfConfiguredRegions() {
        String text = "Please call (11) 98456-5666 tomorrow.";
        assertThat(of(CLASSIFIER, "pii.phone", text)).isEmpty();
        Classifier brazil = Classifier.builder().phoneRegions(List.of("br")).build();
        found(brazil, "pii.phone", text, "(11) 98456-5666");
        found(brazil, "pii.phone", "Ring (415) 555-0132 now", "(415) 555-0132");
    }

    @Test
    void refusesAnUnknownPhoneRegion() {
        assertThatThrownBy(() -> Classifier.builder().phoneRegions(List.of("XX")))
                .isInstanceOf(ClassifierConfigurationException.class)
                .hasMessageContaining("phoneRegions")
                .hasMessageContaining("XX");
    }
}
