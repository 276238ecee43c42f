package dev.sovereign.classify.internal;

import java.util.Locale;
import java.util.Set;
import org.apache.commons.validator.routines.IBANValidator;

/**
 * Identifiers that start with a capital letter: IBAN, VAT number, ES NIE, IT codice fiscale, GB NINO, BIC, passport
 * numbers. IBANs are validated by Apache Commons Validator (per-country length and format, then mod 97).
 */
final class AlnumIds {
    private static final IBANValidator IBANS = IBANValidator.getInstance();
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private AlnumIds() {}

    static void at(Scan s, int i, int j, int digits, int upper) {
        CharSequence t = s.text;
        int length = j - i;
        char c0 = t.charAt(i);
        char c1 = length > 1 ? t.charAt(i + 1) : 0;
        if (length >= 2 && Chars.isUpper(c0) && Chars.isUpper(c1)) {
            if (length >= 4 && Chars.isDigit(t.charAt(i + 2)) && Chars.isDigit(t.charAt(i + 3)) && iban(s, i)) {
                return;
            }
            if (VatIds.isPrefix(c0, c1) && vat(s, i)) {
                return;
            }
            if (nino(s, i)) {
                return;
            }
        }
        if (length == 9 && (c0 == 'X' || c0 == 'Y' || c0 == 'Z') && digits == 7) {
            copy(t, i, j, s.buf());
            if (NationalIds.esDni(s.buf(), 9)) {
                s.add(Kind.ES_DNI, i, j);
                return;
            }
        }
        if (length == 16 && digits >= 2) {
            copy(t, i, j, s.buf());
            if (NationalIds.itCodiceFiscale(s.buf(), 16)) {
                s.add(Kind.IT_CODICE_FISCALE, i, j);
                return;
            }
        }
        if ((length == 8 || length == 11) && upper + digits == length && bic(t, i, length)) {
            s.add(Kind.BIC, i, j);
            return;
        }
        if (length >= 6 && length <= 9 && digits >= 2 && upper + digits == length) {
            if (s.contextBefore(i, Context.PASSPORT.bit(), 40)) {
                s.add(Kind.PASSPORT, i, j, Kind.PASSPORT.withContext);
            }
        }
    }

    private static void copy(CharSequence t, int from, int to, char[] into) {
        for (int k = from; k < to; k++) {
            into[k - from] = t.charAt(k);
        }
    }

    /**
     * Reads an alphanumeric code of at most {@code max} chars from {@code i}, allowing single spaces (or dots, with
     * {@code dots}) between groups, into the scan buffer. Returns the number of chars read and stores the end offset.
     */
    private static int compact(Scan s, int i, int max, boolean dots, int[] endOut) {
        return compact(s, i, max, dots, true, endOut);
    }

    private static int compact(Scan s, int i, int max, boolean dots, boolean letterGroups, int[] endOut) {
        CharSequence t = s.text;
        char[] d = s.buf();
        int m = 0;
        int p = i;
        int end = i;
        while (p < s.n && m < max) {
            char c = t.charAt(p);
            if (Chars.isUpper(c) || Chars.isDigit(c)) {
                d[m++] = c;
                p++;
                end = p;
            } else if ((c == ' ' || c == '-' || (dots && c == '.'))
                    && p + 1 < s.n
                    && p > i
                    && ((letterGroups && Chars.isUpper(t.charAt(p + 1))) || Chars.isDigit(t.charAt(p + 1)))) {
                p++;
            } else {
                break;
            }
        }
        endOut[0] = end;
        return m;
    }

    /**
     * An IBAN written in lower or mixed case ({@code de89 3704 …}, {@code GB82 west …}): banks read it in any case, so
     * it is the same value. Called for a word of two lower-case letters and two digits; upper-case IBANs come through
     * {@link #at}.
     */
    static void lowerCaseIban(Scan s, int i) {
        iban(s, i);
    }

    private static boolean iban(Scan s, int i) {
        CharSequence t = s.text;
        IBANValidator.Validator validator = IBANS.getValidator(
                new String(new char[] {Character.toUpperCase(t.charAt(i)), Character.toUpperCase(t.charAt(i + 1))}));
        if (validator == null) {
            return false;
        }
        int length = validator.getIbanLength();
        int[] end = new int[1];
        int m = compactAnyCase(s, i, length, end);
        if (m != length || !Chars.boundaryAt(t, end[0])) {
            return false;
        }
        s.covered(end[0]); // IBAN-shaped: its digit groups are not cards or phone numbers, valid or not
        if (IBANS.isValid(new String(s.buf(), 0, m))) {
            s.add(Kind.IBAN, i, end[0]);
            s.covered(end[0]);
            return true;
        }
        return false;
    }

    /** {@link #compact} for IBANs, whose letters may be written in either case: they are copied in upper case. */
    private static int compactAnyCase(Scan s, int i, int max, int[] endOut) {
        CharSequence t = s.text;
        char[] d = s.buf();
        int m = 0;
        int p = i;
        int end = i;
        while (p < s.n && m < max) {
            char c = t.charAt(p);
            if (Chars.isUpper(c) || Chars.isDigit(c) || (c >= 'a' && c <= 'z')) {
                d[m++] = Character.toUpperCase(c);
                p++;
                end = p;
            } else if ((c == ' ' || c == '-') && p + 1 < s.n && p > i && Chars.isAsciiAlnum(t.charAt(p + 1))) {
                p++;
            } else {
                break;
            }
        }
        endOut[0] = end;
        return m;
    }

    private static boolean vat(Scan s, int i) {
        CharSequence t = s.text;
        int[] end = new int[1];
        int m = compact(s, i, 14, true, false, end);
        if (m < 10 || !Chars.boundaryAt(t, end[0])) {
            return false;
        }
        int result = VatIds.check(s.buf(), m);
        if (result == VatIds.INVALID) {
            return false;
        }
        s.add(result == VatIds.CHECKED ? Kind.VAT_CHECKED : Kind.VAT_STRUCTURE, i, end[0]);
        s.covered(end[0]);
        return true;
    }

    private static boolean nino(Scan s, int i) {
        int[] end = new int[1];
        int m = compact(s, i, 9, false, end);
        if (m != 9 || !Chars.boundaryAt(s.text, end[0])) {
            return false;
        }
        if (NationalIds.gbNino(s.buf(), 9)) {
            s.add(Kind.GB_NINO, i, end[0]);
            s.covered(end[0]);
            return true;
        }
        return false;
    }

    private static boolean bic(CharSequence t, int i, int length) {
        for (int k = 0; k < 6; k++) {
            if (!Chars.isUpper(t.charAt(i + k))) {
                return false;
            }
        }
        return COUNTRIES.contains(t.subSequence(i + 4, i + 6).toString());
    }
}
