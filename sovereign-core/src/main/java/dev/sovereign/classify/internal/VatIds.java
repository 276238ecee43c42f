package dev.sovereign.classify.internal;

/**
 * VAT identification numbers of the 27 EU member states (Greece as EL) and of Northern Ireland (XI), each with its
 * structure and national check rule (Apache Commons Validator has no VAT routine). A number whose check fails is not a
 * VAT number; the few forms without a check digit are matched on structure and reported with lower confidence.
 */
public final class VatIds {
    /** The number is well formed and its check digits are right. */
    public static final int CHECKED = 2;
    /** The number is well formed; this country's check digits are not verified. */
    public static final int STRUCTURE = 1;
    /** Not a VAT number of that country. */
    public static final int INVALID = 0;

    private VatIds() {}

    /** Whether {@code a, b} start a VAT number: an EU member state code (Greece as EL), or XI for Northern Ireland. */
    public static boolean isPrefix(char a, char b) {
        return switch ("" + a + b) {
            case "AT",
                    "BE",
                    "BG",
                    "CY",
                    "CZ",
                    "DE",
                    "DK",
                    "EE",
                    "EL",
                    "ES",
                    "FI",
                    "FR",
                    "HR",
                    "HU",
                    "IE",
                    "IT",
                    "LT",
                    "LU",
                    "LV",
                    "MT",
                    "NL",
                    "PL",
                    "PT",
                    "RO",
                    "SE",
                    "SI",
                    "SK",
                    "XI" -> true;
            default -> false;
        };
    }

    /**
     * Validates {@code d[0, n)}: two-letter prefix then the national part, compact, upper case. Every state's number
     * has a check digit or checksum (as published by the states and collected in the Commission's VIES documentation);
     * only Czech birth numbers of nine digits (issued before 1954) have none and are matched on structure.
     */
    public static int check(char[] d, int n) {
        if (n < 4) {
            return INVALID;
        }
        int len = n - 2;
        boolean digits = NationalIds.allDigits(d, 2, n);
        boolean ok = switch ("" + d[0] + d[1]) {
            case "AT" -> len == 9 && d[2] == 'U' && NationalIds.allDigits(d, 3, n) && at(d);
            case "BE" -> digits && (len == 10 && (d[2] == '0' || d[2] == '1') || len == 9) && be(d, n);
            case "BG" -> digits && (len == 9 ? bgLegal(d) : len == 10 && bgPerson(d));
            case "CY" ->
                len == 9
                        && NationalIds.allDigits(d, 2, 10)
                        && Chars.isUpper(d[10])
                        && !(d[2] == '1' && d[3] == '2')
                        && cy(d);
            case "CZ" -> {
                if (!digits || len < 8 || len > 10) yield false;
                if (len == 8) yield d[2] != '9' && cz8(d);
                if (len == 9 && d[2] == '6') yield cz9(d);
                if (!birthNumberDate(d, 2)) yield false;
                if (len == 9) yield true; // before 1954, no check digit: see below
                yield NationalIds.mod(d, 2, 11, 11) % 10 == d[11] - '0';
            }
            case "DE" -> len == 9 && digits && NationalIds.iso7064Mod11_10(d, 2, 10) == d[10] - '0';
            case "DK" -> len == 8 && digits && weighted(d, 2, new int[] {2, 7, 6, 5, 4, 3, 2, 1}) % 11 == 0;
            case "EE" -> len == 9 && digits && weighted(d, 2, new int[] {3, 7, 1, 3, 7, 1, 3, 7, 1}) % 10 == 0;
            case "EL" -> len == 9 && digits && el(d);
            case "ES" -> len == 9 && es(d);
            case "FI" -> len == 8 && digits && fi(d);
            case "FR" -> fr(d, len) != INVALID;
            case "HR" -> len == 11 && digits && NationalIds.iso7064Mod11_10(d, 2, 12) == d[12] - '0';
            case "HU" -> len == 8 && digits && weighted(d, 2, new int[] {9, 7, 3, 1, 9, 7, 3, 1}) % 10 == 0;
            case "IE" -> (len == 8 || len == 9) && ie(d, len);
            case "IT" -> len == 11 && digits && luhnFrom(d, 2, 13);
            case "LT" -> digits && (len == 9 && d[9] == '1' || len == 12 && d[12] == '1') && lt(d, len);
            case "LU" -> len == 8 && digits && NationalIds.number(d, 2, 8) % 89 == NationalIds.number(d, 8, 10);
            case "LV" -> len == 11 && digits && lv(d);
            case "MT" ->
                len == 8 && digits && d[2] != '0' && weighted(d, 2, new int[] {3, 4, 6, 7, 8, 9, 10, 1}) % 37 == 0;
            case "NL" ->
                len == 12
                        && d[11] == 'B'
                        && NationalIds.allDigits(d, 2, 11)
                        && NationalIds.allDigits(d, 12, 14)
                        && !(d[12] == '0' && d[13] == '0')
                        && nl(d);
            case "PL" -> len == 10 && digits && pl(d);
            case "PT" -> len == 9 && digits && NationalIds.ptNif(java.util.Arrays.copyOfRange(d, 2, 11), 9);
            case "RO" -> digits && len >= 2 && len <= 10 && d[2] != '0' && ro(d, n);
            case "SE" -> len == 12 && digits && d[12] == '0' && d[13] == '1' && luhnFrom(d, 2, 12);
            case "SI" -> len == 8 && digits && d[2] != '0' && si(d);
            case "SK" -> len == 10 && digits && sk(d);
            case "XI" -> (len == 9 || len == 12) && digits && xi(d);
            default -> false;
        };
        if (!ok) {
            return INVALID;
        }
        boolean unchecked = d[0] == 'C' && d[1] == 'Z' && len == 9 && d[2] != '6'
                || d[0] == 'F' && d[1] == 'R' && fr(d, len) == STRUCTURE;
        return unchecked ? STRUCTURE : CHECKED;
    }

    private static int weighted(char[] d, int from, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i] * (d[from + i] - '0');
        }
        return sum;
    }

    private static boolean at(char[] d) {
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            int v = d[3 + i] - '0';
            if (i % 2 == 1) {
                v *= 2;
                v = v / 10 + v % 10;
            }
            sum += v;
        }
        return (10 - (sum + 4) % 10) % 10 == d[10] - '0';
    }

    /** BE: 97 - (first eight digits mod 97); the older nine-digit form is the same number without its leading 0. */
    private static boolean be(char[] d, int n) {
        return 97 - NationalIds.number(d, 2, n - 2) % 97 == NationalIds.number(d, n - 2, n);
    }

    private static boolean bgLegal(char[] d) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (i + 1) * (d[2 + i] - '0');
        }
        int check = sum % 11;
        if (check == 10) {
            sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (i + 3) * (d[2 + i] - '0');
            }
            check = sum % 11;
        }
        return check % 10 == d[10] - '0';
    }

    /** BG ten digits: a person's EGN, a foreigner's PNF, or another payer's number, each with its own weights. */
    private static boolean bgPerson(char[] d) {
        int last = d[11] - '0';
        int month = NationalIds.number(d, 4, 6);
        boolean egnDate = (month >= 1 && month <= 12 || month >= 21 && month <= 32 || month >= 41 && month <= 52)
                && NationalIds.number(d, 6, 8) >= 1
                && NationalIds.number(d, 6, 8) <= 31;
        int egn = egnDate ? weighted(d, 2, new int[] {2, 4, 8, 5, 10, 9, 7, 3, 6}) % 11 % 10 : -1;
        int pnf = weighted(d, 2, new int[] {21, 19, 17, 13, 11, 9, 7, 3, 1}) % 10;
        int other = (11 - weighted(d, 2, new int[] {4, 3, 2, 7, 6, 5, 4, 3, 2}) % 11) % 11;
        return egn == last || pnf == last || other == last;
    }

    private static final int[] CY_ODD = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21};

    private static boolean cy(char[] d) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            int v = d[2 + i] - '0';
            sum += i % 2 == 0 ? CY_ODD[v] : v;
        }
        return d[10] == 'A' + sum % 26;
    }

    private static boolean cz8(char[] d) {
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            sum += (8 - i) * (d[2 + i] - '0');
        }
        int check = Math.floorMod(11 - sum, 11);
        return (check == 0 ? 1 : check) % 10 == d[9] - '0';
    }

    private static boolean cz9(char[] d) {
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            sum += (8 - i) * (d[3 + i] - '0');
        }
        return (8 - (10 - sum % 11) % 11 + 11) % 11 % 10 == d[10] - '0';
    }

    /** A Czech or Slovak birth number's date: YYMMDD, month + 50 for women, + 20 for numbers issued since 2004. */
    private static boolean birthNumberDate(char[] d, int from) {
        int month = NationalIds.number(d, from + 2, from + 4) % 50;
        if (month > 20) {
            month -= 20;
        }
        int day = NationalIds.number(d, from + 4, from + 6);
        return month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    private static boolean el(char[] d) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum = sum * 2 + d[2 + i] - '0';
        }
        return sum * 2 % 11 % 10 == d[10] - '0';
    }

    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

    /** ES NIF: a DNI or NIE (mod 23 letter), a K/L/M number (the same letter), or a company CIF (Luhn digit or letter). */
    private static boolean es(char[] d) {
        char first = d[2];
        char last = d[10];
        if (!NationalIds.allDigits(d, 3, 10)) {
            return false;
        }
        if (Chars.isDigit(first) || first == 'X' || first == 'Y' || first == 'Z') {
            return NationalIds.esDni(java.util.Arrays.copyOfRange(d, 2, 11), 9);
        }
        if (first == 'K' || first == 'L' || first == 'M') {
            return last == DNI_LETTERS.charAt(NationalIds.number(d, 3, 10) % 23);
        }
        if ("ABCDEFGHJNPQRSUVW".indexOf(first) < 0) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            int v = d[3 + i] - '0';
            if (i % 2 == 0) {
                v *= 2;
                v = v / 10 + v % 10;
            }
            sum += v;
        }
        int check = (10 - sum % 10) % 10;
        return last == '0' + check || last == "JABCDEFGHI".charAt(check);
    }

    private static final String IE_ALPHABET = "WABCDEFGHIJKLMNOPQRSTUV";

    /** IE: seven digits, a check letter and an optional second letter; or the old form with a letter second. */
    private static boolean ie(char[] d, int len) {
        if (NationalIds.allDigits(d, 2, 9)) {
            int extra = len == 9 ? IE_ALPHABET.indexOf(d[10]) : 0;
            if (extra < 0) {
                return false;
            }
            return d[9] == IE_ALPHABET.charAt((weighted(d, 2, new int[] {8, 7, 6, 5, 4, 3, 2}) + 9 * extra) % 23);
        }
        if (len != 8 || !Chars.isDigit(d[2]) || !(Chars.isUpper(d[3]) || d[3] == '+' || d[3] == '*')) {
            return false;
        }
        if (!NationalIds.allDigits(d, 4, 9) || !Chars.isUpper(d[9])) {
            return false;
        }
        // old form: the check is computed over 0, digits 3 to 7, then digit 1
        int sum = 0;
        for (int i = 0; i < 5; i++) {
            sum += (7 - i) * (d[4 + i] - '0');
        }
        sum += 2 * (d[2] - '0');
        return d[9] == IE_ALPHABET.charAt(sum % 23);
    }

    private static boolean lt(char[] d, int len) {
        int sum = 0;
        for (int i = 0; i < len - 1; i++) {
            sum += (1 + i % 9) * (d[2 + i] - '0');
        }
        int check = sum % 11;
        if (check == 10) {
            sum = 0;
            for (int i = 0; i < len - 1; i++) {
                sum += (1 + (i + 2) % 9) * (d[2 + i] - '0');
            }
            check = sum % 11;
        }
        return check % 10 == d[len + 1] - '0';
    }

    private static boolean lv(char[] d) {
        if (d[2] > '3') {
            return weighted(d, 2, new int[] {9, 1, 4, 8, 3, 10, 2, 5, 7, 6, 1}) % 11 == 3;
        }
        if (!(d[2] == '3' && d[3] == '2')) {
            int day = NationalIds.number(d, 2, 4);
            int month = NationalIds.number(d, 4, 6);
            int year = 1800 + (d[8] - '0') * 100 + NationalIds.number(d, 6, 8);
            if (!NationalIds.validDate(year, month, day)) {
                return false;
            }
        }
        int check = 1 + weighted(d, 2, new int[] {10, 5, 8, 4, 2, 1, 6, 3, 7, 9});
        return check % 11 % 10 == d[12] - '0';
    }

    private static boolean ro(char[] d, int n) {
        int[] weights = {7, 5, 3, 2, 1, 7, 5, 3, 2};
        int digits = n - 3; // without the check digit
        int sum = 0;
        for (int i = 0; i < digits; i++) {
            sum += weights[9 - digits + i] * (d[2 + i] - '0');
        }
        return 10 * sum % 11 % 10 == d[n - 1] - '0';
    }

    private static boolean si(char[] d) {
        int check = 11 - weighted(d, 2, new int[] {8, 7, 6, 5, 4, 3, 2}) % 11;
        return check != 11 && (check == 10 ? 0 : check) == d[9] - '0';
    }

    private static boolean sk(char[] d) {
        if (birthNumberDate(d, 2) && NationalIds.mod(d, 2, 11, 11) % 10 == d[11] - '0') {
            return true; // a person's birth number serves as VAT number
        }
        return d[2] != '0' && "234789".indexOf(d[4]) >= 0 && NationalIds.mod(d, 2, 12, 11) == 0;
    }

    /** XI (Northern Ireland): the United Kingdom's VAT number, weights 8..2, 10, 1 mod 97. */
    private static boolean xi(char[] d) {
        int sum = weighted(d, 2, new int[] {8, 7, 6, 5, 4, 3, 2, 10, 1}) % 97;
        return NationalIds.number(d, 2, 5) >= 100 ? sum == 0 || sum == 42 || sum == 55 : sum == 0;
    }

    private static boolean fi(char[] d) {
        int r = weighted(d, 2, new int[] {7, 9, 10, 5, 8, 4, 2}) % 11;
        return r != 1 && (r == 0 ? 0 : 11 - r) == d[9] - '0';
    }

    private static int fr(char[] d, int len) {
        if (len != 11 || !NationalIds.allDigits(d, 4, 13) || !Chars.isAsciiAlnum(d[2]) || !Chars.isAsciiAlnum(d[3])) {
            return INVALID;
        }
        if (!Chars.isDigit(d[2]) || !Chars.isDigit(d[3])) {
            return STRUCTURE; // new-style alphanumeric keys
        }
        long siren = Long.parseLong(new String(d, 4, 9));
        return (12 + 3 * (siren % 97)) % 97 == NationalIds.number(d, 2, 4) ? CHECKED : INVALID;
    }

    private static boolean nl(char[] d) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (9 - i) * (d[2 + i] - '0');
        }
        if ((sum - (d[10] - '0')) % 11 == 0) {
            return true;
        }
        // Sole traders since 2020: ISO 7064 mod 97 over "NL" + number, letters as 10..35.
        long r = 0;
        for (int i = 0; i < 14; i++) {
            char c = d[i];
            if (Chars.isDigit(c)) {
                r = (r * 10 + c - '0') % 97;
            } else {
                r = (r * 100 + c - 'A' + 10) % 97;
            }
        }
        return r == 1;
    }

    private static boolean pl(char[] d) {
        int r = weighted(d, 2, new int[] {6, 5, 7, 2, 3, 4, 5, 6, 7}) % 11;
        return r != 10 && r == d[11] - '0';
    }

    private static boolean luhnFrom(char[] d, int from, int to) {
        return NationalIds.luhn(java.util.Arrays.copyOfRange(d, from, to), to - from);
    }
}
