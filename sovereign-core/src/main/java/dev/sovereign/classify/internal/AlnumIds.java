package dev.sovereign.classify.internal;

import java.util.Locale;
import java.util.Set;

/**
 * Identifiers that start with a capital letter: IBAN, VAT number, ES NIE, IT codice fiscale, GB NINO, BIC, passport
 * numbers. IBANs are validated against the SWIFT registry's structure of their country, then mod 97 ({@link
 * IbanRegistry}).
 */
final class AlnumIds {
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private AlnumIds() {}

    static void at(Scan s, int i, int j, int digits, int upper) {
        CharSequence t = s.text;
        int length = j - i;
        char c0 = t.charAt(i);
        char c1 = length > 1 ? t.charAt(i + 1) : 0;
        if (length >= 2 && Chars.isUpper(c0) && Chars.isAsciiLetter(c1)) {
            if (length >= 4 && Chars.isDigit(t.charAt(i + 2)) && Chars.isDigit(t.charAt(i + 3)) && iban(s, i)) {
                return;
            }
            if (length == 2 && separatedDigit(s, j) && iban(s, i)) {
                return; // "FR 76 3000 6000 ...": the country code written apart
            }
            if (VatIds.isPrefix(c0, Character.toUpperCase(c1)) && vat(s, i)) {
                return;
            }
        }
        if (length >= 2 && Chars.isUpper(c0) && Chars.isUpper(c1)) {
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
        if (length == 16) { // omocodia may replace every digit by a letter
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
     * Reads an alphanumeric code of at most {@code max} chars from {@code i}, allowing single spaces (or dots and
     * slashes, with {@code dots}) between groups, into the scan buffer. Returns the number of chars read and stores the end offset.
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
            } else if ((c == ' ' || c == '-' || (dots && (c == '.' || c == '/')))
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
    static boolean lowerCaseIban(Scan s, int i) {
        return iban(s, i);
    }

    private static boolean iban(Scan s, int i) {
        CharSequence t = s.text;
        int length = IbanRegistry.length(Character.toUpperCase(t.charAt(i)), Character.toUpperCase(t.charAt(i + 1)));
        if (length == 0) {
            return false;
        }
        int[] ends = new int[48];
        int m = compactAnyCase(s, i, length, ends);
        if (m != length || !Chars.boundaryAt(t, ends[m - 1])) {
            return false;
        }
        if (!IbanRegistry.shaped(s.buf(), m)) {
            return false; // not this country's structure: prose after a country code, "NO 12 apples in the"
        }
        int end = ends[m - 1];
        s.covered(end); // IBAN-shaped: its digit groups are not cards or phone numbers, valid or not
        if (IbanRegistry.mod97(s.buf(), m) == 1) {
            s.add(Kind.IBAN, i, end);
            return true;
        }
        return false;
    }

    /**
     * ES DNI (8 digits) or NIE (X, Y or Z and 7 digits) with its mod-23 check letter, in either case, the letter written
     * after a hyphen ({@code 55555555-K}, {@code x-2482300w}) or, in upper case, after a space.
     */
    static boolean spanishId(Scan s, int i) {
        CharSequence t = s.text;
        char[] d = s.buf();
        int p = i;
        int m = 0;
        int digits = 8;
        char c = t.charAt(p);
        if ("XYZxyz".indexOf(c) >= 0) {
            d[m++] = Character.toUpperCase(c);
            p++;
            digits = 7;
            if (p < s.n && t.charAt(p) == '-') {
                p++;
            }
        }
        if (digits == 8 && p + 7 < s.n && Chars.isDigit(t.charAt(p + 6)) && !Chars.isDigit(t.charAt(p + 7))) {
            if (afterIrishPrefix(t, i)) {
                return false; // IE 5339273F: seven digits and a letter after IE are an Irish VAT number's
            }
            d[m++] = '0'; // a DNI below ten million, written without its leading zero: 1111111-G
            digits = 7;
        }
        for (int k = 0; k < digits; k++) {
            if (p >= s.n || !Chars.isDigit(t.charAt(p))) {
                return false;
            }
            d[m++] = t.charAt(p++);
        }
        if (p + 1 < s.n && (t.charAt(p) == '-' || (t.charAt(p) == ' ' && Chars.isUpper(t.charAt(p + 1))))) {
            p++;
        }
        if (p >= s.n || !Chars.isAsciiLetter(t.charAt(p))) {
            return false;
        }
        d[m++] = Character.toUpperCase(t.charAt(p++));
        if (!Chars.boundaryAt(t, p) || !NationalIds.esDni(d, 9)) {
            return false;
        }
        if (d[0] == '0' && NationalIds.iePpsn(java.util.Arrays.copyOfRange(d, 1, 9), 8)) {
            return false; // seven digits and a letter that are an Irish PPSN as well: left to that rule
        }
        s.add(Kind.ES_DNI, i, p);
        s.covered(p);
        return true;
    }

    /** Whether the word {@code IE} and one space stand right before {@code i}. */
    private static boolean afterIrishPrefix(CharSequence t, int i) {
        return i >= 3
                && t.charAt(i - 1) == ' '
                && (t.charAt(i - 3) | 0x20) == 'i'
                && (t.charAt(i - 2) | 0x20) == 'e'
                && (i == 3 || !Chars.isWord(t.charAt(i - 4)));
    }

    /**
     * Whether a VAT number's national part can start at {@code p}, after separators: a digit, or one letter (ATU, an
     * ES or FR letter) and then a digit, possibly after a hyphen or a space.
     */
    private static boolean nationalPartAhead(CharSequence t, int p, int n) {
        int q = separators(t, p, n);
        if (q >= n) {
            return false;
        }
        char c = t.charAt(q);
        if (Chars.isDigit(c) || zeroInParentheses(t, q, n)) {
            return true;
        }
        if (!Chars.isAsciiLetter(c) || q + 1 >= n) {
            return false;
        }
        int r = separators(t, q + 1, n);
        return r < n && r - (q + 1) <= 1 && Chars.isDigit(t.charAt(r));
    }

    /** Whether a separator run at {@code j} is followed by a digit: {@code "FR 76"}, {@code "NO. 26"}. */
    private static boolean separatedDigit(Scan s, int j) {
        int p = separators(s.text, j, s.n);
        return p > j && p < s.n && Chars.isDigit(s.text.charAt(p));
    }

    /**
     * The end of the separators people put between the groups of an IBAN or VAT number, from {@code p}: at most three
     * of space, {@code - . / :} and the dashes of word processors ({@code "ES98 – 3190"}, {@code "DE - 1138"}). Returns
     * {@code p} when there are none or more.
     */
    private static int separators(CharSequence t, int p, int n) {
        int q = p;
        while (q < n && q - p < 4) {
            char c = t.charAt(q);
            if (c == ' ' || c == '-' || c == '.' || c == '/' || c == ':' || c == '\u2013' || c == '\u2014') {
                q++;
            } else {
                break;
            }
        }
        return q - p <= 3 ? q : p;
    }

    /**
     * Reads an IBAN or VAT number of at most {@code max} chars from {@code i} into the scan buffer in upper case (banks
     * and tax offices read either case), skipping separator runs between groups; {@code ends[k]} is the offset after
     * the k-th char read. Returns the number of chars read.
     */
    private static int compactAnyCase(Scan s, int i, int max, int[] ends) {
        CharSequence t = s.text;
        char[] d = s.buf();
        int m = 0;
        int p = i;
        while (p < s.n && m < max) {
            char c = t.charAt(p);
            if (Chars.isAsciiAlnum(c)) {
                d[m] = Character.toUpperCase(c);
                ends[m++] = ++p;
            } else if (m == 2 && zeroInParentheses(t, p, s.n)) {
                d[m] = '0'; // BE (0)468.561.072: the leading zero of the national part set in parentheses
                p += 3;
                ends[m++] = p;
            } else if (p > i) {
                int q = separators(t, p, s.n);
                if (q == p
                        || q >= s.n
                        || !(Chars.isAsciiAlnum(t.charAt(q)) || (m == 2 && zeroInParentheses(t, q, s.n)))) {
                    break;
                }
                p = q;
            } else {
                break;
            }
        }
        return m;
    }

    private static boolean zeroInParentheses(CharSequence t, int p, int n) {
        return p + 3 < n
                && t.charAt(p) == '('
                && t.charAt(p + 1) == '0'
                && t.charAt(p + 2) == ')'
                && Chars.isDigit(t.charAt(p + 3));
    }

    /**
     * A VAT number from {@code i}: the chars read over separators are tried from the longest down to 8, cut at the end
     * of a group, so that a word after the number ({@code "DE 136 695 976 GmbH"}) does not hide it.
     */
    private static boolean vat(Scan s, int i) {
        CharSequence t = s.text;
        if (!nationalPartAhead(t, i + 2, s.n)) {
            return false; // "It is", "De la": a word, not a country code
        }
        int[] ends = new int[48];
        int read = compactAnyCase(s, i, 14, ends);
        char[] d = s.buf();
        for (int m = read; m >= 6; m--) {
            int end = ends[m - 1];
            if (!Chars.boundaryAt(t, end) || (m < 10 && !(d[0] == 'R' && d[1] == 'O' && m >= 8))) {
                continue;
            }
            int result = VatIds.check(d, m);
            if (result != VatIds.INVALID) {
                s.add(result == VatIds.CHECKED ? Kind.VAT_CHECKED : Kind.VAT_STRUCTURE, i, end);
                if (d[0] == 'P' && d[1] == 'T' && s.engine.enabled[Kind.PT_NIF.ordinal()]) {
                    // a Portuguese VAT number is PT and the taxpayer's NIF: next to the word NIF it is reported
                    // as that too, beside the VAT number
                    s.candidates.add(Candidate.beside(Kind.PT_NIF, i, end, 0));
                }
                s.covered(end);
                return true;
            }
        }
        // VAT-shaped (upper-case prefix, then only digits): a number with a wrong check, not a phone number
        int digits = 2;
        while (digits < read && Chars.isDigit(d[digits])) {
            digits++;
        }
        if (Chars.isUpper(t.charAt(i + 1)) && digits >= 10 && Chars.boundaryAt(t, ends[digits - 1])) {
            s.covered(ends[digits - 1]);
        }
        // seven or more digits and one or two letters (IE 632 3421 C): the same, not a phone number and a letter
        if (Chars.isUpper(t.charAt(i + 1)) && digits >= 9) {
            for (int k = digits; k < read && k < digits + 2 && Chars.isUpper(d[k]); k++) {
                if (Chars.boundaryAt(t, ends[k])) {
                    s.covered(ends[k]);
                    break;
                }
            }
        }
        return false;
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

    /** A GB National Insurance number written in lower case ({@code hh 01 02 03 d}, {@code tw987654a}). */
    static boolean lowerCaseNino(Scan s, int i) {
        int[] ends = new int[48];
        int m = compactAnyCase(s, i, 9, ends);
        if (m != 9 || !Chars.boundaryAt(s.text, ends[8]) || separatedDigit(s, ends[8])) {
            return false; // the digits go on: part of a longer number ("le 1 43 10 2B 325 856 06")
        }
        if (!NationalIds.gbNino(s.buf(), 9)) {
            return false;
        }
        s.add(Kind.GB_NINO, i, ends[8]);
        s.covered(ends[8]);
        return true;
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
