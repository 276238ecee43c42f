package dev.sovereign.classify.internal;

/**
 * EU VAT identification numbers. Apache Commons Validator has no VAT routine, so the national check-digit rules are
 * here; countries whose rule is not implemented are matched on structure only and reported with lower confidence.
 */
public final class VatIds {
    /** The number is well formed and its check digits are right. */
    public static final int CHECKED = 2;
    /** The number is well formed; this country's check digits are not verified. */
    public static final int STRUCTURE = 1;
    /** Not a VAT number of that country. */
    public static final int INVALID = 0;

    private VatIds() {}

    /** Whether {@code a, b} start a VAT number: an EU member state code (Greece as EL). */
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
                    "SK" -> true;
            default -> false;
        };
    }

    /** Validates {@code d[0, n)}: two-letter prefix then the national part, compact. */
    public static int check(char[] d, int n) {
        if (n < 4) {
            return INVALID;
        }
        int b = 2;
        int len = n - b;
        boolean digits = NationalIds.allDigits(d, b, n);
        return switch ("" + d[0] + d[1]) {
            case "AT" -> len == 9 && d[2] == 'U' && NationalIds.allDigits(d, 3, n) && at(d) ? CHECKED : INVALID;
            case "BE" -> len == 10 && digits && (d[2] == '0' || d[2] == '1') && be(d) ? CHECKED : INVALID;
            case "DE" -> len == 9 && digits && NationalIds.iso7064Mod11_10(d, 2, 10) == d[10] - '0' ? CHECKED : INVALID;
            case "DK" ->
                len == 8 && digits && weighted(d, 2, new int[] {2, 7, 6, 5, 4, 3, 2, 1}) % 11 == 0 ? CHECKED : INVALID;
            case "FI" -> len == 8 && digits && fi(d) ? CHECKED : INVALID;
            case "FR" -> fr(d, len);
            case "IT" -> len == 11 && digits && luhnFrom(d, 2, 13) ? CHECKED : INVALID;
            case "NL" ->
                len == 12 && d[11] == 'B' && NationalIds.allDigits(d, 2, 11) && NationalIds.allDigits(d, 12, 14)
                        ? (nl(d) ? CHECKED : INVALID)
                        : INVALID;
            case "PL" -> len == 10 && digits && pl(d) ? CHECKED : INVALID;
            case "PT" ->
                len == 9 && digits && NationalIds.ptNif(java.util.Arrays.copyOfRange(d, 2, 11), 9) ? CHECKED : INVALID;
            case "SE" -> len == 12 && digits && d[12] == '0' && d[13] == '1' && luhnFrom(d, 2, 12) ? CHECKED : INVALID;
            case "LU" ->
                len == 8 && digits && NationalIds.number(d, 2, 8) % 89 == NationalIds.number(d, 8, 10)
                        ? CHECKED
                        : INVALID;
            case "ES" ->
                len == 9
                                && Chars.isAsciiAlnum(d[2])
                                && NationalIds.allDigits(d, 3, 10)
                                && Chars.isAsciiAlnum(d[10])
                                && (Chars.isUpper(d[2]) || Chars.isUpper(d[10]))
                        ? STRUCTURE
                        : INVALID;
            case "IE" ->
                (len == 8 || len == 9) && NationalIds.allDigits(d, 2, 3) && Chars.isUpper(d[9]) ? STRUCTURE : INVALID;
            case "EL", "LT", "EE", "BG" -> digits && len >= 9 && len <= 12 ? STRUCTURE : INVALID;
            case "CZ", "SK", "HR", "LV", "RO" -> digits && len >= 8 && len <= 11 ? STRUCTURE : INVALID;
            case "HU", "SI", "MT" -> digits && len == 8 ? STRUCTURE : INVALID;
            case "CY" -> len == 9 && NationalIds.allDigits(d, 2, 10) && Chars.isUpper(d[10]) ? STRUCTURE : INVALID;
            default -> INVALID;
        };
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

    private static boolean be(char[] d) {
        return 97 - NationalIds.number(d, 2, 10) % 97 == NationalIds.number(d, 10, 12);
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
