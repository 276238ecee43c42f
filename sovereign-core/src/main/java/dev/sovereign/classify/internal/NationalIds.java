package dev.sovereign.classify.internal;

/**
 * Check-digit and structure rules of national identifiers, over the compact form (separators removed). Each method is
 * allocation-free and takes the digits as a char array slice so the scanner can call it on its scratch buffer.
 */
public final class NationalIds {
    private NationalIds() {}

    static int digit(char[] d, int i) {
        return d[i] - '0';
    }

    static int number(char[] d, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + d[i] - '0';
        }
        return n;
    }

    static boolean allDigits(char[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            if (d[i] < '0' || d[i] > '9') {
                return false;
            }
        }
        return true;
    }

    static boolean validDate(int year, int month, int day) {
        if (month < 1 || month > 12 || day < 1) {
            return false;
        }
        int[] lengths = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        if (day > lengths[month - 1]) {
            return false;
        }
        return month != 2 || day <= 28 || (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0));
    }

    /** Luhn over {@code d[0, n)}, the last digit being the check digit. */
    public static boolean luhn(char[] d, int n) {
        int sum = 0;
        boolean dbl = false;
        for (int i = n - 1; i >= 0; i--) {
            int v = d[i] - '0';
            if (dbl) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    /** {@code d[from, to)} as a decimal number modulo {@code m}, for numbers longer than a long. */
    static int mod(char[] d, int from, int to, int m) {
        long r = 0;
        for (int i = from; i < to; i++) {
            r = (r * 10 + d[i] - '0') % m;
        }
        return (int) r;
    }

    /** FR NIR (numéro de sécurité sociale): 13 digits + key 97 - (N mod 97); Corsica 2A/2B counted as 19/18. */
    public static boolean frNir(char[] d, int n) {
        if (n != 15 || (d[0] != '1' && d[0] != '2' && d[0] != '7' && d[0] != '8')) {
            return false;
        }
        int month = number(d, 3, 5);
        if (!((month >= 1 && month <= 12) || month >= 20)) {
            return false;
        }
        boolean corsica = d[5] == '2' && (d[6] == 'A' || d[6] == 'B');
        if (!allDigits(d, 0, corsica ? 6 : 13) || (corsica && !allDigits(d, 7, 13)) || !allDigits(d, 13, 15)) {
            return false;
        }
        long body = 0;
        for (int i = 0; i < 13; i++) {
            int v = d[i] - '0';
            if (corsica && i == 5) {
                v = 1; // 2A counts as 19 and 2B as 18
            } else if (corsica && i == 6) {
                v = d[6] == 'A' ? 9 : 8;
            }
            body = body * 10 + v;
        }
        int key = number(d, 13, 15);
        return key == 97 - (int) (body % 97);
    }

    /** DE Steuerliche Identifikationsnummer: 11 digits, ISO 7064 MOD 11,10, one digit repeated 2 or 3 times. */
    public static boolean deTaxId(char[] d, int n) {
        if (n != 11 || d[0] == '0' || !allDigits(d, 0, 11)) {
            return false;
        }
        int[] counts = new int[10];
        for (int i = 0; i < 10; i++) {
            counts[d[i] - '0']++;
        }
        int repeated = 0;
        for (int c : counts) {
            if (c == 2 || c == 3) {
                repeated++;
            } else if (c > 3) {
                return false;
            }
        }
        return repeated == 1 && iso7064Mod11_10(d, 0, 10) == d[10] - '0';
    }

    /** ISO 7064 MOD 11,10 check digit of {@code d[from, to)}. */
    static int iso7064Mod11_10(char[] d, int from, int to) {
        int product = 10;
        for (int i = from; i < to; i++) {
            int sum = (d[i] - '0' + product) % 10;
            if (sum == 0) {
                sum = 10;
            }
            product = (sum * 2) % 11;
        }
        int check = 11 - product;
        return check == 10 ? 0 : check;
    }

    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

    /** ES DNI (8 digits + letter) or NIE (X/Y/Z + 7 digits + letter), letter = number mod 23. */
    public static boolean esDni(char[] d, int n) {
        if (n != 9) {
            return false;
        }
        int lead = switch (d[0]) {
            case 'X' -> 0;
            case 'Y' -> 1;
            case 'Z' -> 2;
            default -> -1;
        };
        if (lead < 0 && !Chars.isDigit(d[0]) || !allDigits(d, 1, 8)) {
            return false;
        }
        int value = (lead < 0 ? d[0] - '0' : lead) * 10_000_000 + number(d, 1, 8);
        return d[8] == DNI_LETTERS.charAt(value % 23);
    }

    private static final int[] CF_ODD = {
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23
    };
    private static final String CF_SHAPE = "LLLLLLNNLNNLNNNL";
    private static final String CF_OMOCODIA = "LMNPQRSTUV";

    /** IT codice fiscale: 16 chars, digits may be replaced by omocodia letters, check letter from odd/even tables. */
    public static boolean itCodiceFiscale(char[] d, int n) {
        if (n != 16) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = d[i];
            boolean digitPlace = CF_SHAPE.charAt(i) == 'N';
            if (digitPlace ? !(Chars.isDigit(c) || CF_OMOCODIA.indexOf(c) >= 0) : !Chars.isUpper(c)) {
                return false;
            }
            int index = Chars.isDigit(c) ? c - '0' : c - 'A';
            sum += (i % 2 == 0) ? CF_ODD[index] : index;
        }
        int month = "ABCDEHLMPRST".indexOf(d[8]) + 1;
        if (!Chars.isUpper(d[15]) || month == 0) {
            return false;
        }
        int day = cfDigit(d[9]) * 10 + cfDigit(d[10]);
        if (day > 40) {
            day -= 40; // women: day + 40
        }
        if (!validDate(2000, month, day)) {
            return false; // an impossible birth date (leap years allowed, as the century is not written)
        }
        return d[15] == (char) ('A' + sum % 26);
    }

    /** A digit of a codice fiscale, which omocodia may have replaced by a letter of LMNPQRSTUV. */
    private static int cfDigit(char c) {
        return Chars.isDigit(c) ? c - '0' : CF_OMOCODIA.indexOf(c);
    }

    /** NL BSN: 9 digits, 11-proof with weights 9..2 and -1. */
    public static boolean nlBsn(char[] d, int n) {
        if (n != 9 || !allDigits(d, 0, 9)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (9 - i) * (d[i] - '0');
        }
        sum -= d[8] - '0';
        return sum % 11 == 0 && sum != 0;
    }

    /**
     * BE national register number: YYMMDD + 3-digit serial + 97 - (N mod 97), with a leading 2 for births from 2000.
     * The month is 1-12, or 0 when the birth date was not known or the day's serials ran out.
     */
    public static boolean beNationalNumber(char[] d, int n) {
        return n == 11 && allDigits(d, 0, 11) && number(d, 2, 4) <= 12 && beCheck(d);
    }

    /**
     * BE BIS number, given by the social security to people not in the national register: the register number's
     * structure and check, with 20 (sex unknown) or 40 (sex known) added to the month. Not a national register
     * number, which python-stdnum's {@code be.nn} also rejects.
     */
    public static boolean beBisNumber(char[] d, int n) {
        if (n != 11 || !allDigits(d, 0, 11)) {
            return false;
        }
        int month = number(d, 2, 4);
        return ((month >= 20 && month <= 32) || (month >= 40 && month <= 52)) && beCheck(d);
    }

    private static boolean beCheck(char[] d) {
        long body = Long.parseLong(new String(d, 0, 9));
        int check = number(d, 9, 11);
        return check == 97 - (int) (body % 97) || check == 97 - (int) ((2_000_000_000L + body) % 97);
    }

    /** PL PESEL: 11 digits, weights 1,3,7,9, month encodes the century, valid birth date. */
    public static boolean plPesel(char[] d, int n) {
        if (n != 11 || !allDigits(d, 0, 11)) {
            return false;
        }
        int[] weights = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += weights[i] * (d[i] - '0');
        }
        if ((10 - sum % 10) % 10 != d[10] - '0') {
            return false;
        }
        int yy = number(d, 0, 2);
        int mm = number(d, 2, 4);
        int century = switch (mm / 20) {
            case 0 -> 1900;
            case 1 -> 2000;
            case 2 -> 2100;
            case 3 -> 2200;
            default -> 1800;
        };
        return validDate(century + yy, mm % 20, number(d, 4, 6));
    }

    /**
     * SE personnummer: YYMMDDNNNC (or YYYYMMDDNNNC), Luhn over the last 10 digits, day + 60 for coordination numbers.
     * A 10-digit number does not write its century: the person is under 100 in {@code thisYear}, or 100 or more when
     * {@code centenarian} (written with {@code +} instead of {@code -}), and the birth date must exist in that year
     * (29 February of 1900 does not, of 2000 does).
     */
    public static boolean sePersonnummer(char[] d, int n, boolean centenarian, int thisYear) {
        if ((n != 10 && n != 12) || !allDigits(d, 0, n)) {
            return false;
        }
        int o = n - 10;
        int day = number(d, o + 4, o + 6);
        if (day > 60) {
            day -= 60;
        }
        int year;
        if (n == 12) {
            year = number(d, 0, 4);
        } else {
            int yy = number(d, 0, 2);
            int century = thisYear / 100 - (yy > thisYear % 100 ? 1 : 0) - (centenarian ? 1 : 0);
            year = century * 100 + yy;
        }
        if (!validDate(year, number(d, o + 2, o + 4), day)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            int v = d[o + i] - '0';
            if (i % 2 == 0) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
        }
        return sum % 10 == 0;
    }

    /**
     * DK CPR: DDMMYY + 4 digits (the modulus-11 check was dropped in 2007). The first serial digit gives the century,
     * as the CPR office assigns them: 0-3 the 1900s; 4 and 9 the 2000s up to year 36, else the 1900s; 5-8 the 2000s up
     * to year 57, else the 1800s. The birth date must exist in that year, and not lie after {@code thisYear}.
     */
    public static boolean dkCpr(char[] d, int n, int thisYear) {
        if (n != 10 || !allDigits(d, 0, 10)) {
            return false;
        }
        int yy = number(d, 4, 6);
        int serial = d[6] - '0';
        int year;
        if (serial <= 3) {
            year = 1900 + yy;
        } else if (serial == 4 || serial == 9) {
            year = yy <= 36 ? 2000 + yy : 1900 + yy;
        } else {
            year = yy <= 57 ? 2000 + yy : 1800 + yy;
        }
        return year <= thisYear && validDate(year, number(d, 2, 4), number(d, 0, 2));
    }

    private static final String HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    /** FI HETU: DDMMYY, century sign, 3-digit serial, check char = (DDMMYYNNN mod 31). */
    public static boolean fiHetu(char[] d, int n) {
        if (n != 11 || !allDigits(d, 0, 6) || !allDigits(d, 7, 10) || "+-ABCDEFUVWXY".indexOf(d[6]) < 0) {
            return false;
        }
        if (!validDate(2000 + number(d, 4, 6), number(d, 2, 4), number(d, 0, 2))) {
            return false;
        }
        int serial = number(d, 7, 10);
        if (serial < 2 || serial > 899) {
            return false; // 000 and 001 are not given; 900-999 are temporary numbers, not a person's code
        }
        int value = number(d, 0, 6) * 1000 + serial;
        return d[10] == HETU_CHECK.charAt(value % 31);
    }

    /** PT NIF: 9 digits, mod 11 with weights 9..2, first digit a valid taxpayer type. */
    public static boolean ptNif(char[] d, int n) {
        if (n != 9 || !allDigits(d, 0, 9) || "123568945".indexOf(d[0]) < 0 || d[0] == '4') {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (9 - i) * (d[i] - '0');
        }
        int check = 11 - sum % 11;
        return (check >= 10 ? 0 : check) == d[8] - '0';
    }

    /** AT Sozialversicherungsnummer: NNNC DDMMYY, C = weighted sum mod 11 (never 10). */
    public static boolean atSvnr(char[] d, int n) {
        if (n != 10 || !allDigits(d, 0, 10) || d[0] == '0') {
            return false;
        }
        int[] weights = {3, 7, 9, 0, 5, 8, 4, 2, 1, 6};
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += weights[i] * (d[i] - '0');
        }
        int check = sum % 11;
        int month = number(d, 6, 8);
        return check != 10 && check == d[3] - '0' && number(d, 4, 6) <= 31 && month >= 1 && month <= 12;
    }

    private static final String PPSN_CHECK = "WABCDEFGHIJKLMNOPQRSTUV";

    /**
     * IE PPSN: 7 digits, check letter, optional second letter. Since 2013 the second letter is A, B or H and counts in
     * the check; before, W, T or X marked a spouse or a temporary number and does not count.
     */
    public static boolean iePpsn(char[] d, int n) {
        if ((n != 8 && n != 9) || !allDigits(d, 0, 7) || !Chars.isUpper(d[7])) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            sum += (8 - i) * (d[i] - '0');
        }
        if (n == 9) {
            if ("ABH".indexOf(d[8]) >= 0) {
                sum += 9 * (d[8] - 'A' + 1);
            } else if ("WTX".indexOf(d[8]) < 0) {
                return false;
            }
        }
        return d[7] == PPSN_CHECK.charAt(sum % 23);
    }

    /** GB National Insurance number: 2 prefix letters (with exclusions), 6 digits, suffix A-D. */
    public static boolean gbNino(char[] d, int n) {
        if (n != 9 || !Chars.isUpper(d[0]) || !Chars.isUpper(d[1]) || !allDigits(d, 2, 8)) {
            return false;
        }
        if ("DFIQUV".indexOf(d[0]) >= 0 || "DFIOQUV".indexOf(d[1]) >= 0 || d[8] < 'A' || d[8] > 'D') {
            return false;
        }
        String prefix = new String(d, 0, 2);
        return !"BG GB NK KN TN NT ZZ".contains(prefix);
    }

    /** GB NHS number: 10 digits, mod 11 with weights 10..2. */
    public static boolean gbNhs(char[] d, int n) {
        if (n != 10 || !allDigits(d, 0, 10)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (10 - i) * (d[i] - '0');
        }
        int check = 11 - sum % 11;
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == d[9] - '0';
    }

    /**
     * Numbers the SSA never issued or voided after they were printed in advertising and wallet inserts (078-05-1120,
     * 219-09-9999, 457-55-5462); the 987-65-432x range of advertisements is already excluded by area 9xx.
     */
    private static final int[] SSN_VOIDED = {78_05_1120, 219_09_9999, 457_55_5462};

    /** US SSN: area not 000, 666 or 9xx; group not 00; serial not 0000; not a voided advertising number. */
    public static boolean usSsn(char[] d, int n) {
        if (n != 9 || !allDigits(d, 0, 9)) {
            return false;
        }
        int area = number(d, 0, 3);
        if (area == 0 || area == 666 || area >= 900 || number(d, 3, 5) == 0 || number(d, 5, 9) == 0) {
            return false;
        }
        int whole = number(d, 0, 9);
        for (int voided : SSN_VOIDED) {
            if (whole == voided) {
                return false;
            }
        }
        return true;
    }

    /** US ITIN: 9xx, group 50-65, 70-88, 90-92 or 94-99. */
    public static boolean usItin(char[] d, int n) {
        if (n != 9 || !allDigits(d, 0, 9) || d[0] != '9') {
            return false;
        }
        int group = number(d, 3, 5);
        return (group >= 50 && group <= 65)
                || (group >= 70 && group <= 88)
                || (group >= 90 && group <= 92)
                || group >= 94;
    }
}
