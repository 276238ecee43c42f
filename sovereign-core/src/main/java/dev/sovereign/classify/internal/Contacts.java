package dev.sovereign.classify.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.apache.commons.validator.routines.InetAddressValidator;

/** Contact data: e-mail addresses, phone numbers (validated by libphonenumber), IPv6 addresses. */
final class Contacts {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    /** EU/EEA, GB, US and CH: the regions a national-format number is tried against, most common first. */
    private static final String[] REGIONS = {
        "FR", "DE", "ES", "IT", "NL", "BE", "GB", "US", "CH", "AT", "PL", "SE", "DK", "FI", "PT", "IE", "LU", "CZ",
        "SK", "HU", "SI", "HR", "RO", "BG", "GR", "CY", "MT", "EE", "LV", "LT", "NO", "IS", "LI"
    };

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
        s.addPending(plus ? Kind.PHONE_INTERNATIONAL : Kind.PHONE_NATIONAL, i, end, raw);
        s.covered(end);
    }

    /** A digit run that may be a phone number in national format (or with a {@code 00} international prefix). */
    static void nationalPhone(Scan s, int start, int end, boolean trunk) {
        String raw = s.text.subSequence(start, end).toString();
        if (raw.startsWith("00")) {
            s.addPending(Kind.PHONE_INTERNATIONAL, start, end, "+" + raw.substring(2));
        } else if (trunk) {
            s.addPending(Kind.PHONE_NATIONAL, start, end, raw);
        } else {
            s.addPending(Kind.PHONE_BARE, start, end, raw);
        }
    }

    static boolean validPhone(Kind kind, String raw) {
        try {
            if (kind == Kind.PHONE_INTERNATIONAL) {
                return PHONES.isValidNumber(PHONES.parse(raw, "ZZ"));
            }
            for (String region : REGIONS) {
                PhoneNumber number = PHONES.parse(raw, region);
                if (PHONES.isValidNumberForRegion(number, region)) {
                    return true;
                }
            }
            return false;
        } catch (NumberParseException e) {
            return false;
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
