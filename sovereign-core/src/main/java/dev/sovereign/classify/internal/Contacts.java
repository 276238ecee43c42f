package dev.sovereign.classify.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;
import org.apache.commons.validator.routines.InetAddressValidator;

/**
 * Contact data: e-mail addresses, phone numbers (validated by libphonenumber against the regions a request may carry),
 * IPv6 addresses.
 *
 * <p>A phone number written with {@code +} or {@code 00} is validated for its own country. A number in national
 * format is tried against the configured regions: with a trunk prefix ({@code 06 12 34 56 78}) or grouped as that
 * region writes its numbers ({@code 21 23 45 67} in Denmark, {@code 415-555-0132} in North America) it is a finding
 * by itself; a bare run of digits only next to a phone word. An extension ({@code x1234}, {@code ext. 12}) belongs to
 * the number's span.
 */
final class Contacts {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    /**
     * The regions a national-format number is tried against unless configured otherwise: the EU, the EEA, the United
     * Kingdom, Switzerland, the United States and Canada, most common first.
     */
    static final List<String> DEFAULT_REGIONS = List.of(
            "FR", "DE", "ES", "IT", "NL", "BE", "GB", "US", "CA", "CH", "AT", "PL", "SE", "DK", "FI", "PT", "IE", "LU",
            "CZ", "SK", "HU", "SI", "HR", "RO", "BG", "GR", "CY", "MT", "EE", "LV", "LT", "NO", "IS", "LI");

    private Contacts() {}

    private static boolean localChar(char c) {
        return Chars.isAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    static void email(Scan s, int at) {
        CharSequence t = s.text;
        int start = at;
        while (start > 0 && at - start < 64 && localChar(t.charAt(start - 1))) {
            start--;
        }
        while (start < at && !Chars.isAsciiAlnum(t.charAt(start))) {
            start++;
        }
        if (start == at) {
            return;
        }
        int p = at + 1;
        int lastDot = -1;
        int labelStart = p;
        while (p < s.n) {
            char c = t.charAt(p);
            if (Chars.isAsciiAlnum(c) || c == '-') {
                p++;
            } else if (c == '.' && p > labelStart && p + 1 < s.n && Chars.isAsciiAlnum(t.charAt(p + 1))) {
                lastDot = p;
                p++;
                labelStart = p;
            } else {
                break;
            }
        }
        if (lastDot < 0 || p - lastDot - 1 < 2) {
            return;
        }
        for (int k = lastDot + 1; k < p; k++) {
            if (!Chars.isAsciiLetter(t.charAt(k))) {
                return;
            }
        }
        s.add(Kind.EMAIL, start, p);
        s.covered(p);
    }

    /** A number written with an international prefix ({@code +33 6 12...}) or an area code in brackets. */
    static void phoneWithPrefix(Scan s, int i) {
        CharSequence t = s.text;
        if (!Chars.boundaryBefore(t, i) || i + 1 >= s.n) {
            return;
        }
        boolean plus = t.charAt(i) == '+';
        if (!Chars.isDigit(t.charAt(i + 1)) || (plus && t.charAt(i + 1) == '0')) {
            return;
        }
        int p = i + 1;
        int digits = 0;
        int lastDigit = -1;
        int separators = 0;
        while (p < s.n) {
            char c = t.charAt(p);
            if (Chars.isDigit(c)) {
                digits++;
                lastDigit = p;
                separators = 0;
            } else if ((c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/') && separators < 2) {
                separators++;
            } else {
                break;
            }
            p++;
        }
        if (digits < 7 || digits > 15 || !Chars.boundaryAt(t, lastDigit + 1)) {
            return;
        }
        int end = lastDigit + 1;
        String raw = t.subSequence(i, end).toString();
        int withExtension = extension(t, end, s.n);
        s.addPending(plus ? Kind.PHONE_INTERNATIONAL : Kind.PHONE_NATIONAL, i, withExtension, raw);
        s.covered(withExtension);
    }

    /**
     * The end of an extension written after a number at {@code end}: {@code x1234}, {@code ext. 12}, {@code ext 12},
     * {@code extension 12}, {@code #12}, with or without a space before it; {@code end} when there is none.
     */
    static int extension(CharSequence t, int end, int n) {
        int p = end;
        if (p < n && t.charAt(p) == ' ') {
            p++;
        }
        int q = p;
        if (q < n && (t.charAt(q) == 'x' || t.charAt(q) == 'X' || t.charAt(q) == '#')) {
            q++;
        } else if (startsWith(t, q, n, "extension")) {
            q += 9;
        } else if (startsWith(t, q, n, "ext")) {
            q += 3;
            if (q < n && t.charAt(q) == '.') {
                q++;
            }
        } else {
            return end;
        }
        if (q < n && t.charAt(q) == ' ' && q > p + 1) {
            q++;
        }
        int digits = 0;
        while (q + digits < n && Chars.isDigit(t.charAt(q + digits)) && digits < 7) {
            digits++;
        }
        if (digits == 0 || digits > 6 || !Chars.boundaryAt(t, q + digits)) {
            return end;
        }
        return q + digits;
    }

    private static boolean startsWith(CharSequence t, int at, int n, String word) {
        if (at + word.length() > n) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (Character.toLowerCase(t.charAt(at + k)) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A digit run that may be a phone number in national format (or with a {@code 00} international prefix): with a
     * trunk prefix, grouped, or bare.
     */
    static void nationalPhone(Scan s, int start, int end, boolean trunk, boolean grouped) {
        String raw = s.text.subSequence(start, end).toString();
        int withExtension = extension(s.text, end, s.n);
        if (raw.startsWith("00")) {
            s.addPending(Kind.PHONE_INTERNATIONAL, start, withExtension, "+" + raw.substring(2));
        } else if (trunk) {
            s.addPending(Kind.PHONE_NATIONAL, start, withExtension, raw);
        } else if (grouped) {
            s.addPending(Kind.PHONE_GROUPED, start, withExtension, raw);
        } else {
            s.addPending(Kind.PHONE_BARE, start, withExtension, raw);
        }
        if (withExtension > end) {
            s.covered(withExtension);
        }
    }

    /**
     * Whether {@code raw} is a valid number: of its own country when international, else of one of {@code regions}.
     * A {@link Kind#PHONE_GROUPED} number must also be grouped as that region writes it (the group lengths of
     * libphonenumber's national format), unless {@code context} already speaks for it.
     */
    static boolean validPhone(Kind kind, String raw, List<String> regions, boolean context) {
        try {
            if (kind == Kind.PHONE_INTERNATIONAL) {
                return PHONES.isValidNumber(PHONES.parse(raw, "ZZ"));
            }
            if (kind == Kind.PHONE_GROUPED) {
                return validGrouped(raw, regions, context);
            }
            for (String region : regions) {
                PhoneNumber number = PHONES.parse(raw, region);
                if (PHONES.isValidNumberForRegion(number, region)
                        && (kind != Kind.PHONE_GROUPED
                                || context
                                || sameGroups(raw, PHONES.format(number, PhoneNumberFormat.NATIONAL)))) {
                    return true;
                }
            }
            return false;
        } catch (NumberParseException e) {
            return false;
        }
    }

    /**
     * A grouped number without a trunk prefix is its national significant number as written, so it is checked without
     * libphonenumber's parser (whose normalisation costs far more than the check): the number is built for each
     * region's country code and matched against that region's number patterns.
     */
    private static boolean validGrouped(String raw, List<String> regions, boolean context) {
        long nsn = 0;
        int digits = 0;
        for (int k = 0; k < raw.length(); k++) {
            char c = raw.charAt(k);
            if (Chars.isDigit(c)) {
                nsn = nsn * 10 + c - '0';
                digits++;
            }
        }
        if (digits > 17) {
            return false;
        }
        PhoneNumber number = new PhoneNumber();
        for (String region : regions) {
            number.setCountryCode(PHONES.getCountryCodeForRegion(region)).setNationalNumber(nsn);
            if (PHONES.isValidNumberForRegion(number, region)
                    && (context || sameGroups(raw, PHONES.format(number, PhoneNumberFormat.NATIONAL)))) {
                return true;
            }
        }
        return false;
    }

    /** Whether two writings of a number have the same digit groups ({@code 415-555-0132} and {@code (415) 555-0132}). */
    static boolean sameGroups(String a, String b) {
        int i = 0;
        int j = 0;
        while (true) {
            while (i < a.length() && !Chars.isDigit(a.charAt(i))) i++;
            while (j < b.length() && !Chars.isDigit(b.charAt(j))) j++;
            if (i == a.length() || j == b.length()) {
                return i == a.length() && j == b.length();
            }
            int gi = i;
            int gj = j;
            while (i < a.length() && Chars.isDigit(a.charAt(i))) i++;
            while (j < b.length() && Chars.isDigit(b.charAt(j))) j++;
            if (i - gi != j - gj) {
                return false;
            }
        }
    }

    private static boolean hexOrColon(char c) {
        return c == ':' || c == '.' || Chars.isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static void ipv6(Scan s, int i) {
        CharSequence t = s.text;
        if (i > 0 && (t.charAt(i - 1) == ':' || t.charAt(i - 1) == '.')) {
            return;
        }
        int p = i;
        int colons = 0;
        boolean doubleColon = false;
        while (p < s.n && p - i < 45 && hexOrColon(t.charAt(p))) {
            if (t.charAt(p) == ':') {
                colons++;
                if (p > i && t.charAt(p - 1) == ':') {
                    doubleColon = true;
                }
            }
            p++;
        }
        while (p > i && (t.charAt(p - 1) == '.' || (t.charAt(p - 1) == ':' && !doubleColon))) {
            p--;
        }
        if (colons < 2 || (!doubleColon && colons < 7) || p - i < 6 || !Chars.boundaryAt(t, p)) {
            return;
        }
        s.covered(p); // valid or not, no part of this run is parsed again
        String candidate = t.subSequence(i, p).toString();
        if (InetAddressValidator.getInstance().isValidInet6Address(candidate)) {
            s.add(Kind.IPV6, i, p);
        }
    }
}
