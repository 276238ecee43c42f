package dev.sovereign.classify.internal;

import org.apache.commons.validator.routines.CreditCardValidator;
import org.apache.commons.validator.routines.CreditCardValidator.CreditCardRange;

/**
 * Payment card numbers: Luhn first (allocation-free, rejects 9 in 10 random numbers), then the issuer ranges and
 * lengths of Apache Commons Validator, extended with the schemes it does not list (JCB, Maestro, UnionPay).
 */
final class Cards {
    private static final CreditCardValidator ISSUERS = new CreditCardValidator(new CreditCardRange[] {
        new CreditCardRange("4", null, new int[] {13, 16, 19}), // Visa
        new CreditCardRange("51", "55", 16, 16), // Mastercard
        new CreditCardRange("2221", "2720", 16, 16), // Mastercard 2-series
        new CreditCardRange("34", null, 15, 15), // Amex
        new CreditCardRange("37", null, 15, 15),
        new CreditCardRange("6011", null, 16, 19), // Discover
        new CreditCardRange("644", "649", 16, 19),
        new CreditCardRange("65", null, 16, 19),
        new CreditCardRange("300", "305", 14, 19), // Diners
        new CreditCardRange("36", null, 14, 19),
        new CreditCardRange("38", "39", 16, 19),
        new CreditCardRange("3528", "3589", 16, 19), // JCB
        new CreditCardRange("62", null, 16, 19), // UnionPay
        new CreditCardRange("50", null, 12, 19), // Maestro
        new CreditCardRange("56", "58", 12, 19),
        new CreditCardRange("67", null, 12, 19),
    });

    private Cards() {}

    static boolean valid(char[] d, int m) {
        return NationalIds.luhn(d, m) && ISSUERS.isValid(new String(d, 0, m));
    }

    /** Cards are written contiguously or in the groups printed on them. */
    static boolean grouping(int[] groups, int count, char separator, boolean mixed) {
        if (count == 1) {
            return true;
        }
        if (mixed || (separator != ' ' && separator != '-')) {
            return false;
        }
        if (count == 3) {
            return groups[0] == 4 && groups[1] == 6 && (groups[2] == 5 || groups[2] == 4);
        }
        for (int g = 0; g < count - 1; g++) {
            if (groups[g] != 4) {
                return false;
            }
        }
        return count >= 4 && groups[count - 1] >= 1 && groups[count - 1] <= 4;
    }
}
