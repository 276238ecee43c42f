package dev.sovereign.classify.internal;

import org.apache.commons.validator.routines.CreditCardValidator;
import org.apache.commons.validator.routines.CreditCardValidator.CreditCardRange;

/**
 * Payment card numbers: the issuer identification number (IIN) ranges and lengths each network publishes, checked
 * with Apache Commons Validator's range matcher, and the Luhn check digit where the network uses it.
 *
 * <p>Ranges as the networks' documentation and the card-type table of braintree/credit-card-type (MIT) list them:
 * Visa 4 (13 to 19 digits), Mastercard 51-55 and 2221-2720 (16), American Express 34, 37 (15), Discover 6011, 644-649,
 * 65 (16 to 19), Diners Club 300-305, 3095, 36, 38-39 (14 to 19), JCB 3528-3589 (16 to 19) and its older 1800, 2131
 * (15, 16), UnionPay 62 and 81 (14 to 19), Maestro 50, 56-59, 6 (12 to 19), Mir 2200-2204 (16 to 19), RuPay 60, 65,
 * 81, 82, 508 (16), Troy 9792 (16), Verve 506099-506198, 507865-507964, 650002-650027 (16, 18, 19), Elo, Hipercard
 * 606282 and 3841, Dankort 5019 (16), UATP 1 (15). Networks whose ranges lie inside another's (Elo, RuPay, Dankort in
 * Maestro's and Discover's) need no line of their own. UnionPay does not use Luhn on every card: a UnionPay number with
 * a failing Luhn digit is {@link #UNCHECKED}.
 */
final class Cards {
    /** A card number of a network's range and length, its Luhn digit right. */
    static final int CHECKED = 2;
    /** A UnionPay number whose Luhn digit fails: a card only where the text says so, never a confident finding. */
    static final int UNCHECKED = 1;

    static final int INVALID = 0;

    private static final CreditCardValidator ISSUERS = new CreditCardValidator(new CreditCardRange[] {
        new CreditCardRange("4", null, 13, 19), // Visa
        new CreditCardRange("51", "55", 16, 16), // Mastercard
        new CreditCardRange("2221", "2720", 16, 16), // Mastercard 2-series
        new CreditCardRange("34", null, 15, 15), // American Express
        new CreditCardRange("37", null, 15, 15),
        new CreditCardRange("6011", null, 16, 19), // Discover
        new CreditCardRange("644", "649", 16, 19),
        new CreditCardRange("65", null, 16, 19),
        new CreditCardRange("300", "305", 14, 19), // Diners Club
        new CreditCardRange("3095", null, 14, 19),
        new CreditCardRange("36", null, 14, 19),
        new CreditCardRange("38", "39", 14, 19),
        new CreditCardRange("3528", "3589", 16, 19), // JCB
        new CreditCardRange("1800", null, 15, 16),
        new CreditCardRange("2131", null, 15, 16),
        new CreditCardRange("62", null, 14, 19), // UnionPay
        new CreditCardRange("81", null, 16, 19), // UnionPay, RuPay
        new CreditCardRange("82", null, 16, 16), // RuPay
        new CreditCardRange("2200", "2204", 16, 19), // Mir
        new CreditCardRange("50", null, 12, 19), // Maestro, Verve, Elo, Dankort 5019, RuPay 508
        new CreditCardRange("56", "59", 12, 19),
        new CreditCardRange("6", null, 12, 19), // Maestro 6, RuPay 60, Elo, Hipercard, Verve 650
        new CreditCardRange("3841", null, 16, 19), // Hipercard
        new CreditCardRange("9792", null, 16, 16), // Troy
        new CreditCardRange("1", null, 15, 15), // UATP
    });

    private Cards() {}

    /** {@link #CHECKED}, {@link #UNCHECKED} or {@link #INVALID} for the digits {@code d[0, m)}. */
    static int check(char[] d, int m) {
        String number = new String(d, 0, m);
        if (NationalIds.luhn(d, m)) {
            return ISSUERS.isValid(number) ? CHECKED : INVALID;
        }
        return d[0] == '6' && d[1] == '2' && m >= 16 ? UNCHECKED : INVALID;
    }

    /** Whether {@code d[0, m)} is a card number with a right Luhn digit. */
    static boolean valid(char[] d, int m) {
        return check(d, m) == CHECKED;
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
