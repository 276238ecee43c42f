package dev.sovereign.classify.internal;

import java.time.Year;
import java.time.ZoneOffset;

/**
 * Identifiers that start with a digit: a run of digit groups joined by single separators ({@code space - . /}),
 * optionally ending in one or two capital letters. The run's shape (group lengths, separators) and its compact digits
 * select the candidate schemes; each scheme validates its check digits on the compact form.
 */
final class NumberRuns {
    private static final int MAX_GROUPS = 12;
    private static final int MAX_DIGITS = 20;

    /**
     * A bare digit run whose whole structure holds: a birth date that exists in its century and a Luhn digit (SE
     * personnummer). About one random 10-digit number in 150 passes, so it is reported at the default threshold but
     * not above it: a policy that acts only above 0.5 leaves it alone. A bare PESEL (one in 60) stays below it.
     */
    static final double BARE_DATE_AND_CHECK = 0.5;

    /**
     * A number grouped as its issuer writes it ({@code 1112.22.333} for a BSN) that passes a weak check (one number in
     * 11 does).
     */
    static final double WRITTEN_AS_ISSUED = 0.6;

    /**
     * An NHS number grouped {@code 3 3 4}: the NHS's own grouping, but also a North American phone number's. Below
     * {@link Kind#PHONE_NATIONAL}, so the phone number wins when the digits are one.
     */
    static final double GROUPED_WEAK_CHECK = 0.55;

    /** A {@code DDMMYY-NNNN} that is both a valid Finnish HETU (digit check char) and a valid Danish CPR. */
    static final double AMBIGUOUS_HETU_CPR = 0.55;

    /** How far before a number a word that names its scheme is looked for at parse time. */
    private static final int CONTEXT_WINDOW = 60;

    private NumberRuns() {}

    /**
     * The current year, to place a birth date whose century is not written. Read from the system clock here; the
     * checks themselves take the year, so their tests are exact.
     */
    private static int thisYear() {
        return Year.now(ZoneOffset.UTC).getValue();
    }

    static boolean isSeparator(char c) {
        return c == ' ' || c == '-' || c == '.' || c == '/';
    }

    static void at(Scan s, int i) {
        CharSequence t = s.text;
        int n = s.n;
        if (compoundBefore(t, i)) {
            return;
        }
        if (hetu(s, i) || AlnumIds.spanishId(s, i) || swedishCentenarian(s, i)) {
            return;
        }
        char[] d = s.buf();
        int[] groups = s.groups();
        int groupCount = 0;
        int m = 0;
        char separator = 0;
        boolean mixed = false;
        int p = i;
        int end;
        int suffix = 0;
        boolean laterSpaces = true;
        boolean corsica = false;
        boolean zeroFraction = false;
        while (true) {
            int q = p;
            while (q < n && Chars.isDigit(t.charAt(q)) && m < MAX_DIGITS) {
                d[m++] = t.charAt(q++);
            }
            if (q < n && Chars.isDigit(t.charAt(q))) {
                return; // longer than any identifier: a number, a hash, a timestamp in ms
            }
            groups[groupCount++] = q - p;
            if (m == 6
                    && d[5] == '2'
                    && q + 2 < n
                    && (t.charAt(q) == 'A' || t.charAt(q) == 'B')
                    && isSeparator(t.charAt(q + 1))
                    && Chars.isDigit(t.charAt(q + 2))
                    && groupCount < MAX_GROUPS) {
                // FR NIR of a person born in Corsica: department 2A or 2B inside a spaced number
                d[m++] = t.charAt(q);
                groups[groupCount - 1]++;
                corsica = true;
                q++;
            } else if (m == 6
                    && groupCount == 1
                    && d[5] == '2'
                    && q + 1 < n
                    && (t.charAt(q) == 'A' || t.charAt(q) == 'B')
                    && Chars.isDigit(t.charAt(q + 1))) {
                // the same written without spaces: 185052A12345680; the digits after the letter are a second group
                d[m++] = t.charAt(q);
                groups[0]++;
                corsica = true;
                p = q + 1;
                continue;
            }
            if (q < n && Chars.isWord(t.charAt(q))) {
                int r = q;
                while (r < n && Chars.isUpper(t.charAt(r)) && r - q < 3) {
                    r++;
                }
                if (r - q == 0 || r - q > 2 || !Chars.boundaryAt(t, r)) {
                    if (groupCount == 1 && m <= 2 && ordinal(t, q)) {
                        Dates.spelledOut(s, i, q + 2, NationalIds.number(d, 0, m)); // "3rd March 1990", "1er mai"
                    }
                    return; // digits glued to letters: a code, a UUID part, a timestamp
                }
                for (int k = q; k < r; k++) {
                    d[m + k - q] = t.charAt(k);
                }
                suffix = r - q;
                end = r;
                break;
            }
            if (groupCount == 1 && m >= 12 && zeroFraction(t, q)) {
                // a whole number written with a zero fraction, as JSON serialisers write doubles: 4111111111111111.0
                zeroFraction = true;
                end = q;
                break;
            }
            if (q + 1 < n
                    && isSeparator(t.charAt(q))
                    && Chars.isDigit(t.charAt(q + 1))
                    && groupCount < MAX_GROUPS
                    && m < MAX_DIGITS) {
                char sep = t.charAt(q);
                if (separator == 0) {
                    separator = sep;
                } else {
                    mixed |= separator != sep;
                    laterSpaces &= sep == ' ';
                }
                p = q + 1;
                continue;
            }
            end = q;
            break;
        }
        if (groupCount > 1) {
            s.covered(end); // the run is one unit: its groups are not parsed again on their own
        }
        if (!zeroFraction && compoundAfter(t, end)) {
            return;
        }
        if (corsica) {
            if (m == 15 && NationalIds.frNir(d, 15)) {
                if (shape(groups, groupCount, 1, 2, 2, 2, 3, 3, 2)) {
                    s.add(Kind.FR_NIR, i, end);
                } else if (shape(groups, groupCount, 7, 8)) {
                    s.add(Kind.FR_NIR, i, end, 0.75);
                }
            }
            return;
        }
        if (suffix > 0) {
            if (!PostcodeCities.afterDigits(s, i, end, d, m, groups, groupCount, separator, suffix)) {
                lettered(s, i, end, m, suffix, groupCount);
            }
            return;
        }
        if (groupCount == 1 && m <= 2 && Dates.spelledOut(s, i, end, NationalIds.number(d, 0, m))) {
            return;
        }
        if (groupCount == 4 && separator == '.' && !mixed && ipv4(d, groups)) {
            s.add(Kind.IPV4, i, end);
            return;
        }
        if (PostcodeCities.afterDigits(s, i, end, d, m, groups, groupCount, separator, 0)) {
            return;
        }
        if (date(s, i, end, d, groups, groupCount, separator, mixed)) {
            return;
        }
        // "070-123 45 74": Swedish numbers put a dash after the area code and spaces in the subscriber number
        boolean areaDash = mixed && separator == '-' && laterSpaces && d[0] == '0';
        numeric(s, i, end, d, m, groups, groupCount, separator, mixed, areaDash);
    }

    /** An ordinal suffix at {@code q} after a day number: English st, nd, rd, th, French er ("1er mai"). */
    private static boolean ordinal(CharSequence t, int q) {
        if (q + 2 > t.length() || !Chars.boundaryAt(t, q + 2)) {
            return false;
        }
        char a = t.charAt(q);
        char b = t.charAt(q + 1);
        return (a == 's' && b == 't')
                || (a == 'n' && b == 'd')
                || (a == 'r' && b == 'd')
                || (a == 't' && b == 'h')
                || (a == 'e' && b == 'r');
    }

    /** "INV-2024", "#123", "v1.2": the digits continue a token that is not an identifier. */
    private static boolean compoundBefore(CharSequence t, int i) {
        if (i == 0) {
            return false;
        }
        char b = t.charAt(i - 1);
        if (b == '#' || b == '_' || b == '$' || b == '€' || b == '£') {
            return true;
        }
        return (b == '-' || b == '/' || b == '.' || b == ':' || b == '=') && i >= 2 && Chars.isWord(t.charAt(i - 2));
    }

    /** Whether {@code t} has at {@code q} a point and only zeros up to the end of the number ({@code .0}, {@code .00}). */
    private static boolean zeroFraction(CharSequence t, int q) {
        int n = t.length();
        if (q + 1 >= n || t.charAt(q) != '.' || t.charAt(q + 1) != '0') return false;
        int k = q + 1;
        while (k < n && t.charAt(k) == '0') k++;
        return k == n || !(Chars.isWord(t.charAt(k)) || t.charAt(k) == '.');
    }

    private static boolean compoundAfter(CharSequence t, int end) {
        if (end >= t.length()) {
            return false;
        }
        char a = t.charAt(end);
        if (a == '_' || a == '%' || a == '€' || a == '$') {
            return true;
        }
        return (a == '-' || a == '/' || a == '.' || a == ':')
                && end + 1 < t.length()
                && Chars.isWord(t.charAt(end + 1));
    }

    private static boolean ipv4(char[] d, int[] groups) {
        int k = 0;
        for (int g = 0; g < 4; g++) {
            if (groups[g] > 3) {
                return false;
            }
            int v = NationalIds.number(d, k, k + groups[g]);
            if (v > 255 || (groups[g] > 1 && d[k] == '0')) {
                return false;
            }
            k += groups[g];
        }
        return true;
    }

    /** Dates: they are only a finding as a date of birth, next to a date-of-birth word. Returns true for any date. */
    private static boolean date(
            Scan s, int i, int end, char[] d, int[] groups, int count, char separator, boolean mixed) {
        if (count != 3 || mixed || separator == ' ') {
            return false;
        }
        int year;
        int month;
        int day;
        if (groups[0] == 4 && groups[1] <= 2 && groups[2] <= 2) {
            year = NationalIds.number(d, 0, 4);
            month = NationalIds.number(d, 4, 4 + groups[1]);
            day = NationalIds.number(d, 4 + groups[1], 4 + groups[1] + groups[2]);
        } else if (groups[0] <= 2 && groups[1] <= 2 && (groups[2] == 4 || groups[2] == 2)) {
            day = NationalIds.number(d, 0, groups[0]);
            month = NationalIds.number(d, groups[0], groups[0] + groups[1]);
            year = NationalIds.number(d, groups[0] + groups[1], groups[0] + groups[1] + groups[2]);
            if (groups[2] == 2) {
                year += 1900;
            }
            if (month > 12 && day <= 12) { // US order
                int swap = day;
                day = month;
                month = swap;
            }
        } else {
            return false;
        }
        if (NationalIds.validDate(year, month, day) && year >= 1900 && year <= 2100) {
            s.add(Kind.DATE_OF_BIRTH, i, end); // lifted at resolution by a date-of-birth word before or after it
            return true;
        }
        return false;
    }

    private static boolean shape(int[] groups, int count, int... expected) {
        if (count != expected.length) {
            return false;
        }
        for (int g = 0; g < count; g++) {
            if (groups[g] != expected[g]) {
                return false;
            }
        }
        return true;
    }

    private static void numeric(
            Scan s,
            int i,
            int end,
            char[] d,
            int m,
            int[] groups,
            int count,
            char separator,
            boolean mixed,
            boolean areaDash) {
        boolean contiguous = count == 1;
        switch (m) {
            case 9 -> {
                if (NationalIds.nlBsn(d, 9)) {
                    if (shape(groups, count, 4, 2, 3) && separator == '.' && !mixed) {
                        s.add(Kind.NL_BSN, i, end, WRITTEN_AS_ISSUED); // 1112.22.333, as the Dutch write a BSN
                    } else if (contiguous || shape(groups, count, 4, 2, 3) || shape(groups, count, 3, 3, 3)) {
                        s.add(Kind.NL_BSN, i, end);
                    }
                }
                if (NationalIds.ptNif(d, 9) && (contiguous || shape(groups, count, 3, 3, 3))) {
                    s.add(Kind.PT_NIF, i, end);
                }
                boolean ssnShape = shape(groups, count, 3, 2, 4) && !mixed;
                // 078-051121, 07805-1121: the SSN's digits grouped otherwise, read as one only after the word "SSN"
                boolean ssnRegrouped = separator == '-' && (shape(groups, count, 3, 6) || shape(groups, count, 5, 4));
                if (NationalIds.usItin(d, 9) && (contiguous || ssnShape)) {
                    s.add(Kind.US_ITIN, i, end, ssnShape ? 0.6 : Kind.US_ITIN.base);
                } else if (NationalIds.usSsn(d, 9) && (contiguous || ssnShape || ssnRegrouped)) {
                    // 123-45-6789, 123 45 6789
                    s.add(Kind.US_SSN, i, end, ssnShape ? 0.6 : ssnRegrouped ? 0 : Kind.US_SSN.base);
                }
                if (contiguous && s.contextBefore(i, Context.PASSPORT.bit(), 40)) {
                    s.add(Kind.PASSPORT, i, end, Kind.PASSPORT.withContext);
                }
            }
            case 10 -> {
                if (NationalIds.gbNhs(d, 10)) {
                    if (contiguous) {
                        s.add(Kind.GB_NHS, i, end);
                    } else if (shape(groups, count, 3, 3, 4) && !mixed) {
                        // 943 476 5919, as the NHS writes it; a valid phone number of the same digits outranks it
                        s.add(Kind.GB_NHS, i, end, GROUPED_WEAK_CHECK);
                    }
                }
                int year = thisYear();
                boolean dateFirst = contiguous || (shape(groups, count, 6, 4) && separator != '.');
                // 8803-20-0016: dashes inside the date part as well, a writing python-stdnum accepts
                boolean splitDate = shape(groups, count, 4, 2, 4) && separator == '-' && !mixed;
                if (NationalIds.sePersonnummer(d, 10, false, year) && (dateFirst || splitDate)) {
                    s.add(
                            Kind.SE_PERSONNUMMER,
                            i,
                            end,
                            contiguous || splitDate ? BARE_DATE_AND_CHECK : Kind.SE_PERSONNUMMER.base);
                }
                if (NationalIds.dkCpr(d, 10, year) && dateFirst) {
                    // DDMMYY-SSSS as the CPR is written; no check digit since 2007, only the date and its century
                    s.add(Kind.DK_CPR, i, end, contiguous ? Kind.DK_CPR.base : BARE_DATE_AND_CHECK);
                }
                if (NationalIds.atSvnr(d, 10) && (contiguous || shape(groups, count, 4, 6))) {
                    s.add(Kind.AT_SVNR, i, end);
                }
            }
            case 11 -> {
                if (NationalIds.deTaxId(d, 11)
                        && (contiguous || shape(groups, count, 2, 3, 3, 3) || shape(groups, count, 3, 3, 3, 2))) {
                    s.add(Kind.DE_TAX_ID, i, end);
                }
                if (contiguous || shape(groups, count, 2, 2, 2, 3, 2) || shape(groups, count, 6, 3, 2)) {
                    if (NationalIds.beNationalNumber(d, 11)) {
                        s.add(Kind.BE_NATIONAL_NUMBER, i, end, contiguous ? 0.45 : Kind.BE_NATIONAL_NUMBER.base);
                    } else if (NationalIds.beBisNumber(d, 11)) {
                        s.add(Kind.BE_BIS, i, end);
                    }
                }
                if (NationalIds.plPesel(d, 11) && contiguous) {
                    s.add(Kind.PL_PESEL, i, end, 0.45);
                }
            }
            case 12 -> {
                if (NationalIds.sePersonnummer(d, 12, false, thisYear())
                        && (contiguous || shape(groups, count, 8, 4))) {
                    s.add(Kind.SE_PERSONNUMMER, i, end);
                }
            }
            case 15 -> {
                if (NationalIds.frNir(d, 15)
                        && (contiguous || shape(groups, count, 1, 2, 2, 2, 3, 3, 2) || shape(groups, count, 13, 2))) {
                    s.add(Kind.FR_NIR, i, end, contiguous ? 0.75 : Kind.FR_NIR.base);
                    s.covered(end);
                    if (contiguous && Cards.valid(d, m)) {
                        s.add(Kind.CARD, i, end, 0.7); // also a 15-digit card (JCB 1800, UATP): context decides
                    }
                    return;
                }
            }
            default -> {}
        }
        if (m >= 12 && m <= 19 && Cards.grouping(groups, count, separator, mixed)) {
            int card = Cards.check(d, m);
            if (card == Cards.CHECKED) {
                // twelve digits (Maestro's shortest) are a card only where the text says so
                s.add(Kind.CARD, i, end, m == 12 ? 0 : contiguous ? 0.7 : Kind.CARD.base);
            } else if (card == Cards.UNCHECKED) {
                s.add(Kind.CARD_UNCHECKED, i, end);
            }
        }
        if (m >= 7 && m <= 15 && (!mixed || areaDash)) {
            Contacts.nationalPhone(s, i, end, d[0] == '0' && !contiguous, !contiguous && !mixed);
        }
    }

    /** Runs that end in capital letters: ES DNI (8 digits + letter), IE PPSN (7 digits + 1 or 2 letters). */
    private static void lettered(Scan s, int i, int end, int m, int suffix, int groups) {
        char[] d = s.buf();
        int n = m + suffix;
        if (groups != 1) {
            return;
        }
        if (m == 8 && suffix == 1 && NationalIds.esDni(d, n)) {
            s.add(Kind.ES_DNI, i, end);
        } else if (m == 7 && NationalIds.iePpsn(d, n)) {
            s.add(Kind.IE_PPSN, i, end);
        } else if (m == 9 && suffix == 1 && s.contextBefore(i, Context.PASSPORT.bit(), 40)) {
            s.add(Kind.PASSPORT, i, end, Kind.PASSPORT.withContext);
        }
    }

    /**
     * SE personnummer of a person aged 100 or more: {@code YYMMDD+NNNC}, the plus written instead of the dash. Not a
     * separator elsewhere, so read here.
     */
    private static boolean swedishCentenarian(Scan s, int i) {
        CharSequence t = s.text;
        if (i + 11 > s.n || t.charAt(i + 6) != '+' || !Chars.boundaryAt(t, i + 11)) {
            return false;
        }
        char[] d = s.buf();
        for (int k = 0; k < 11; k++) {
            char c = t.charAt(i + k);
            if (k == 6) {
                continue;
            }
            if (!Chars.isDigit(c)) {
                return false;
            }
            d[k < 6 ? k : k - 1] = c;
        }
        if (!NationalIds.sePersonnummer(d, 10, true, thisYear())) {
            return false;
        }
        s.add(Kind.SE_PERSONNUMMER, i, i + 11);
        s.covered(i + 11);
        return true;
    }

    /** FI HETU: DDMMYY, century sign ({@code + - A-F U-Y}), 3 digits, check char, e.g. 131052-308T. */
    private static boolean hetu(Scan s, int i) {
        CharSequence t = s.text;
        if (i + 11 > s.n || !Chars.boundaryAt(t, i + 11)) {
            return false;
        }
        if ("+-ABCDEFUVWXY".indexOf(Character.toUpperCase(t.charAt(i + 6))) < 0) {
            return false;
        }
        char[] d = s.buf();
        for (int k = 0; k < 11; k++) {
            d[k] = Character.toUpperCase(t.charAt(i + k)); // 131052a308t is written too
        }
        if (NationalIds.fiHetu(d, 11)) {
            if (Chars.isDigit(d[10]) && d[6] == '-') {
                // DDMMYY-NNNN is also a Danish CPR: a word before it decides between the two; without one, the number
                // is reported as both. The run is then read as digits, where a CPR after its word outranks this.
                s.add(Kind.FI_HETU, i, i + 11, AMBIGUOUS_HETU_CPR);
                boolean finnish = s.contextBefore(i, Context.FI_HETU.bit(), CONTEXT_WINDOW);
                boolean danish = s.contextBefore(i, Context.DK_CPR.bit(), CONTEXT_WINDOW);
                if (finnish == danish && s.engine.enabled[Kind.DK_CPR.ordinal()]) {
                    System.arraycopy(d, 7, d, 6, 4);
                    if (NationalIds.dkCpr(d, 10, thisYear())) {
                        s.candidates.add(Candidate.beside(Kind.DK_CPR, i, i + 11, AMBIGUOUS_HETU_CPR));
                    }
                }
                return false;
            }
            s.add(Kind.FI_HETU, i, i + 11);
            s.covered(i + 11);
            return true;
        }
        return false;
    }
}
