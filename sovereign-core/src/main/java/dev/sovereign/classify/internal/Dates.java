package dev.sovereign.classify.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Dates of birth written with the month in words, in EN, FR, DE, ES, IT and NL: "12 mai 1985", "1er mai 1985", "3 March
 * 1990", "3rd of March 1990", "12. Mai 1985", "12 de mayo de 1985", "March 3, 1990", "March 3rd, 1990". Like numeric
 * dates they are reported only next to a date-of-birth word ("born", "né le", "geboren"...), before the date or just
 * after it ("am 9. Mai 1973 geboren"): a date alone is not personal data.
 */
final class Dates {
    private static final Map<String, Integer> MONTHS = new HashMap<>();

    /** Folded first letters of month names: most words are no month without building their folded form. */
    private static final boolean[] FIRST_LETTERS = new boolean[26];

    static {
        String[][] names = {
            {"january", "jan", "janvier", "januar", "janner", "enero", "gennaio", "januari"},
            {"february", "feb", "fevrier", "februar", "febrero", "febbraio", "februari"},
            {"march", "mar", "mars", "marz", "marzo", "maart"},
            {"april", "apr", "avril", "abril", "aprile"},
            {"may", "mai", "mayo", "maggio", "mei"},
            {"june", "jun", "juin", "juni", "junio", "giugno"},
            {"july", "jul", "juillet", "juli", "julio", "luglio"},
            {"august", "aug", "aout", "agosto", "augustus"},
            {"september", "sep", "sept", "septembre", "septiembre", "setiembre", "settembre"},
            {"october", "oct", "octobre", "oktober", "octubre", "ottobre"},
            {"november", "nov", "novembre", "noviembre"},
            {"december", "dec", "decembre", "dezember", "diciembre", "dicembre"}
        };
        for (int month = 0; month < 12; month++) {
            for (String name : names[month]) {
                MONTHS.put(name, month + 1);
                FIRST_LETTERS[name.charAt(0) - 'a'] = true;
            }
        }
    }

    private Dates() {}

    /**
     * At a 1-2 digit number {@code text[i, end)} of value {@code day}: a spelled-out date of birth around it. Returns
     * true when one was added.
     */
    static boolean spelledOut(Scan s, int i, int end, int day) {
        if (day < 1 || day > 31 || !s.engine.enabled[Kind.DATE_OF_BIRTH.ordinal()]) {
            return false;
        }
        CharSequence t = s.text;
        int monthBefore = monthBefore(t, i);
        int start = monthBefore > 0 ? wordStart(t, i - 1) : i;
        int month;
        int p;
        if (monthBefore > 0) {
            month = monthBefore;
            p = end;
            if (p < s.n && t.charAt(p) == ',') {
                p++;
            }
        } else {
            p = end;
            if (p < s.n && t.charAt(p) == '.') {
                p++; // "12. Mai 1985"
            }
            if (p >= s.n || t.charAt(p) != ' ') {
                return false;
            }
            p++;
            if (Chars.regionEquals(t, p, "de ")) {
                p += 3; // "12 de mayo de 1985"
            } else if (Chars.regionEquals(t, p, "of ")) {
                p += 3; // "3rd of March 1990"
            }
            int w = p;
            while (w < s.n && Character.isLetter(t.charAt(w))) {
                w++;
            }
            month = month(t, p, w);
            if (month == 0) {
                return false;
            }
            p = w;
            if (p < s.n && t.charAt(p) == '.') {
                p++; // "3 Jan. 1990"
            }
            if (Chars.regionEquals(t, p, " de ")) {
                p += 3;
            } else if (p < s.n && t.charAt(p) == ',') {
                p++;
            }
        }
        if (p >= s.n || t.charAt(p) != ' ') {
            return false;
        }
        p++;
        int year = 0;
        int q = p;
        while (q < s.n && Chars.isDigit(t.charAt(q)) && q - p < 5) {
            year = year * 10 + t.charAt(q) - '0';
            q++;
        }
        if (q - p != 4 || !Chars.boundaryAt(t, q) || year < 1900 || year > 2100) {
            return false;
        }
        if (!NationalIds.validDate(year, month, day)) {
            return false;
        }
        // Its confidence is 0 until the scan is resolved: a date-of-birth word in the same sentence, before it ("born",
        // "né le") or after it ("am 9. Mai 1973 geboren"), lifts it; otherwise it is dropped.
        s.add(Kind.DATE_OF_BIRTH, start, q);
        s.covered(q);
        return true;
    }

    /** The month named by the word ending one space before {@code i} ("March 3"), or 0. */
    private static int monthBefore(CharSequence t, int i) {
        if (i < 4 || t.charAt(i - 1) != ' ') {
            return 0;
        }
        int w = wordStart(t, i - 1);
        return month(t, w, i - 1);
    }

    private static int wordStart(CharSequence t, int end) {
        int w = end;
        while (w > 0 && Character.isLetter(t.charAt(w - 1))) {
            w--;
        }
        return w;
    }

    private static int month(CharSequence t, int from, int to) {
        if (to - from < 3 || to - from > 10) {
            return 0;
        }
        char first = Chars.fold(t.charAt(from));
        if (first < 'a' || first > 'z' || !FIRST_LETTERS[first - 'a']) {
            return 0;
        }
        Integer month = MONTHS.get(Chars.fold(t.subSequence(from, to)));
        return month == null ? 0 : month;
    }
}
