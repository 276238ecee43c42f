package dev.sovereign.classify.internal;

import dev.sovereign.classify.internal.Cities.City;
import dev.sovereign.classify.internal.PostalCountry.Shape;
import java.util.function.Predicate;

/**
 * A postcode followed by a known city, with no street before it: "75002 Paris", "10115 Berlin", "28013 Madrid",
 * "00184 Roma", "1012 AB Amsterdam", "00-950 Warszawa", "111 22 Stockholm", "1050 København K", and for Ireland an
 * Eircode next to its town, "D02 X285 Dublin" or "Dublin 2, D02 X285".
 *
 * <p>A number before a capitalised word is too often a year or a quantity ("2024 Paris Olympics", "We sold 300 Berlin
 * tickets") to report alone, so the city list ({@link Cities}) decides: the city's country must write its postcodes in
 * the shape found, and the postcode must start with the leading digits of that city's postcodes (Paris is 75xxx, so
 * "2024 Paris" is no address). A 4-digit postcode that also reads as a year (1900-2099, "2000 Antwerpen") is reported
 * only next to an address word ("Adresse", "Anschrift", "address"...).
 */
final class PostcodeCities {
    private static final int YEAR_LIKE_MIN = 1900;
    private static final int YEAR_LIKE_MAX = 2099;
    private static final double YEAR_LIKE_BASE = 0.3;
    private static final String EIRCODE_CHARS = "0123456789ACDEFHKNPRTVWXY";

    private PostcodeCities() {}

    /** A city found in the text: where its name ends, and its country. */
    private record Match(int end, PostalCountry country) {}

    /**
     * At a digit run {@code [i, end)} whose compact digits are {@code d[0, m)} (then {@code suffix} capital letters):
     * a postcode and a city after it. Returns true when one was added.
     */
    static boolean afterDigits(
            Scan s, int i, int end, char[] d, int m, int[] groups, int count, char separator, int suffix) {
        if (!s.engine.addresses) {
            return false;
        }
        char[] t = s.chars;
        int n = s.n;
        Shape shape;
        int p = end;
        if (suffix > 0) {
            if (suffix != 2 || count != 1 || m != 4 || !dutchLetters(d[4], d[5])) {
                return false;
            }
            shape = Shape.FOUR_LETTERS;
        } else if (count == 1 && m == 5) {
            shape = Shape.FIVE;
        } else if (count == 1 && m == 4) {
            if (end + 3 < n
                    && t[end] == ' '
                    && Chars.isUpper(t[end + 1])
                    && Chars.isUpper(t[end + 2])
                    && t[end + 3] == ' '
                    && dutchLetters(t[end + 1], t[end + 2])) {
                shape = Shape.FOUR_LETTERS;
                p = end + 3;
            } else {
                shape = Shape.FOUR;
            }
        } else if (count == 2 && groups[0] == 3 && groups[1] == 2 && separator == ' ') {
            shape = Shape.THREE_TWO;
        } else if (count == 2 && groups[0] == 2 && groups[1] == 3 && separator == '-') {
            shape = Shape.TWO_THREE;
        } else if (count == 2 && groups[0] == 4 && groups[1] == 3 && separator == '-') {
            shape = Shape.FOUR_THREE;
        } else {
            return false;
        }
        if ((shape == Shape.FOUR || shape == Shape.FOUR_LETTERS || shape == Shape.FOUR_THREE) && d[0] == '0') {
            return false;
        }
        if (p + 1 >= n || t[p] != ' ') {
            return false;
        }
        Match city = cityAt(s, p + 1, c -> c.country().writes(shape) && c.owns(d, m));
        if (city == null) {
            return false;
        }
        int cityEnd = city.end();
        if (city.country() == PostalCountry.DK) {
            cityEnd = danishDistrict(t, cityEnd);
        }
        int value = m == 4 ? NationalIds.number(d, 0, 4) : 0;
        boolean yearLike = shape == Shape.FOUR && value >= YEAR_LIKE_MIN && value <= YEAR_LIKE_MAX;
        s.add(Kind.POSTCODE_CITY, i, cityEnd, yearLike ? YEAR_LIKE_BASE : Kind.POSTCODE_CITY.base);
        s.covered(cityEnd);
        return true;
    }

    /** The two letters of a Dutch postcode: never SA, SD or SS. */
    private static boolean dutchLetters(char a, char b) {
        return Chars.isUpper(a) && Chars.isUpper(b) && !(a == 'S' && (b == 'A' || b == 'D' || b == 'S'));
    }

    /** "København K", "Aarhus C", "København NV": the district letters after a Danish city. */
    private static int danishDistrict(char[] t, int end) {
        int q = end + 1;
        if (end < t.length && t[end] == ' ' && q < t.length && Character.isUpperCase(t[q])) {
            int r = q;
            while (r < t.length && Character.isUpperCase(t[r]) && r - q < 2) {
                r++;
            }
            if (r == t.length || !Chars.isWord(t[r])) {
                return r;
            }
        }
        return end;
    }

    /**
     * At a word {@code [i, j)} of capitals and digits: an Eircode (routing key, then four chars, with or without a
     * space) with its town after it or before it.
     */
    static void eircode(Scan s, int i, int j) {
        char[] t = s.chars;
        int n = s.n;
        int length = j - i;
        if (!s.engine.addresses
                || !Chars.isUpper(t[i])
                || !Chars.isDigit(t[i + 1])
                || !(Chars.isDigit(t[i + 2]) || (t[i] == 'D' && t[i + 1] == '6' && t[i + 2] == 'W'))) {
            return;
        }
        int unique = length == 3 ? j + 1 : i + 3;
        if (length == 3 && (j >= n || t[j] != ' ')) {
            return;
        }
        int end = unique + 4;
        if (end > n || (end < n && Chars.isWord(t[end]))) {
            return;
        }
        for (int k = unique; k < end; k++) {
            if (EIRCODE_CHARS.indexOf(t[k]) < 0) {
                return;
            }
        }
        char[] routingKey = {t[i], t[i + 1], t[i + 2]};
        Predicate<City> fits = c -> c.country() == PostalCountry.IE && c.owns(routingKey, 3);
        Match after = end + 1 < n && t[end] == ' ' ? cityAt(s, end + 1, fits) : null;
        if (after != null) {
            s.add(Kind.POSTCODE_CITY, i, after.end());
            s.covered(after.end());
            return;
        }
        int start = cityBefore(s, i, fits);
        if (start >= 0) {
            s.add(Kind.POSTCODE_CITY, start, end);
            s.covered(end);
        }
    }

    /**
     * The city whose name starts at {@code p} (a capital, or "'s-Hertogenbosch"), the longest one that {@code fits},
     * or null. Words are read as the list writes them: separated by one space, hyphen or apostrophe, or ". ".
     */
    private static Match cityAt(Scan s, int p, Predicate<City> fits) {
        char[] t = s.chars;
        int n = s.n;
        int q = p;
        if (q + 2 < n && t[q] == '\'' && t[q + 1] == 's' && t[q + 2] == '-') {
            q++;
        } else if (q >= n || !Character.isUpperCase(t[q])) {
            return null;
        }
        Cities cities = s.engine.cities;
        StringBuilder key = new StringBuilder(32);
        Match best = null;
        for (int w = 0; w < cities.maxWords; w++) {
            int wordStart = q;
            while (q < n && Chars.isWord(t[q])) {
                key.append(Chars.fold(t[q]));
                q++;
            }
            if (q == wordStart) {
                break;
            }
            for (City city : cities.named(key.toString())) {
                if (fits.test(city)) {
                    best = new Match(q, city.country());
                    break;
                }
            }
            if (q + 1 < n && (t[q] == ' ' || t[q] == '-' || t[q] == '\'') && Chars.isWord(t[q + 1])) {
                q++;
            } else if (q + 2 < n && t[q] == '.' && t[q + 1] == ' ' && Chars.isWord(t[q + 2])) {
                q += 2;
            } else {
                break;
            }
            key.append(' ');
        }
        return best;
    }

    /**
     * Start of the city that ends before the Eircode at {@code i} ("Cork T12 X70A", "Dublin 2, D02 X285": a Dublin
     * district number may stand between), the longest one that {@code fits}, or -1.
     */
    private static int cityBefore(Scan s, int i, Predicate<City> fits) {
        char[] t = s.chars;
        int p = i;
        if (p >= 2 && t[p - 1] == ' ' && t[p - 2] == ',') {
            p -= 2;
        } else if (p >= 1 && t[p - 1] == ' ') {
            p--;
        } else {
            return -1;
        }
        int district = p;
        while (district > 0 && Chars.isAsciiAlnum(t[district - 1]) && p - district < 3) {
            district--;
        }
        if (district < p && district > 0 && t[district - 1] == ' ' && Chars.isDigit(t[district])) {
            p = district - 1; // "Dublin 2", "Dublin 6W"
        }
        int best = -1;
        int wordEnd = p;
        int start = p;
        String key = "";
        for (int w = 0; w < s.engine.cities.maxWords && wordEnd > 0; w++) {
            start = wordEnd;
            while (start > 0 && Chars.isWord(t[start - 1])) {
                start--;
            }
            if (start == wordEnd) {
                break;
            }
            String word = Chars.fold(new String(t, start, wordEnd - start));
            key = key.isEmpty() ? word : word + " " + key;
            if (Character.isUpperCase(t[start])
                    && s.engine.cities.named(key).stream().anyMatch(fits)) {
                best = start;
            }
            if (start < 2 || (t[start - 1] != ' ' && t[start - 1] != '-') || !Chars.isWord(t[start - 2])) {
                break;
            }
            wordEnd = start - 1;
        }
        return best;
    }
}
