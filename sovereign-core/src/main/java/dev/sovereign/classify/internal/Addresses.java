package dev.sovereign.classify.internal;

/**
 * Postal addresses in EU formats: a house number with a street type word ("12 rue de la Paix", "Calle Mayor 5", "Via
 * Roma 12", "221B Baker Street") or a compound street name ("Hauptstraße 5", "Keizersgracht 123"), extended over a
 * following postcode and town ("75002 Paris", "10115 Berlin", "1015 CS Amsterdam").
 */
final class Addresses {
    private static final String[] SUFFIXES = {
        "straße", "strasse", "str.", "weg", "platz", "allee", "gasse", "damm", "ring", "straat", "laan", "gracht",
        "plein", "kade", "singel", "dijk"
    };

    private Addresses() {}

    /** German and Dutch street names are one word ending in the street type. */
    static void atCapitalizedWord(Scan s, int i, int j) {
        CharSequence t = s.text;
        if (j + 1 >= s.n || t.charAt(j) != ' ' || !Chars.isDigit(t.charAt(j + 1)) || j - i < 5) {
            return;
        }
        for (String suffix : SUFFIXES) {
            if (endsWithFolded(t, i, j, suffix)) {
                int numberEnd = houseNumber(t, j + 1);
                if (numberEnd > 0) {
                    emit(s, i, numberEnd);
                }
                return;
            }
        }
    }

    private static boolean endsWithFolded(CharSequence t, int i, int j, String suffix) {
        int k = j - suffix.length();
        if (k <= i) {
            return false;
        }
        for (int x = 0; x < suffix.length(); x++) {
            if (Chars.fold(t.charAt(k + x)) != suffix.charAt(x)) {
                return false;
            }
        }
        return true;
    }

    /** End of a house number (1-4 digits, optional letter or bis/ter) at {@code p}, or -1. */
    private static int houseNumber(CharSequence t, int p) {
        int q = p;
        while (q < t.length() && Chars.isDigit(t.charAt(q)) && q - p < 5) {
            q++;
        }
        if (q == p || q - p > 4) {
            return -1;
        }
        if (q < t.length() && Chars.isAsciiLetter(t.charAt(q)) && Chars.boundaryAt(t, q + 1)) {
            q++;
        }
        return Chars.boundaryAt(t, q) ? q : -1;
    }

    /** A street type word: find the house number before it or after the street name. */
    static void street(Scan s, int start, int end) {
        if (!s.engine.enabled[Kind.POSTAL_ADDRESS.ordinal()]) {
            return;
        }
        CharSequence t = s.text;
        // "12 rue de la Paix", "221B Baker Street": a number just before the street word or its name.
        int numberStart = numberBefore(t, start);
        if (numberStart >= 0) {
            boolean streetFirst =
                    houseNumber(t, numberStart) + 1 == start; // "12 rue de la Paix" vs "221B Baker Street"
            int nameEnd = streetFirst ? Names.capitalizedWords(t, skipParticles(t, end + 1), 4) : end;
            emit(s, numberStart, Math.max(end, nameEnd));
            return;
        }
        // "Calle Mayor 5", "Via Roma 12": a capitalised name then the number.
        int p = skipParticles(t, end + 1);
        int nameEnd = Names.capitalizedWords(t, p, 4);
        if (nameEnd > p && nameEnd + 1 < s.n && (t.charAt(nameEnd) == ' ' || t.charAt(nameEnd) == ',')) {
            int q = nameEnd + (t.charAt(nameEnd) == ',' ? 2 : 1);
            int numberEnd = q < s.n ? houseNumber(t, q) : -1;
            if (numberEnd > 0) {
                emit(s, start, numberEnd);
            }
        }
    }

    private static int skipParticles(CharSequence t, int p) {
        String[] particles = {"de la ", "de l'", "du ", "des ", "de ", "del ", "della ", "di ", "dei ", "of ", "d'"};
        for (String particle : particles) {
            if (Chars.regionEquals(t, p, particle)) {
                return p + particle.length();
            }
        }
        return p;
    }

    /** Start of a house number ending right before {@code start} (with up to 3 capitalised words between), or -1. */
    private static int numberBefore(CharSequence t, int start) {
        int p = start - 1;
        for (int words = 0; words <= 3 && p > 0; words++) {
            if (t.charAt(p) != ' ' && t.charAt(p) != ',') {
                return -1;
            }
            int q = p;
            while (q > 0 && Chars.isWord(t.charAt(q - 1))) {
                q--;
            }
            if (q == p) {
                return -1;
            }
            int numberEnd = houseNumber(t, q);
            if (numberEnd == p && Chars.boundaryBefore(t, q)) {
                return q;
            }
            if (!Character.isUpperCase(t.charAt(q))) {
                return -1;
            }
            p = q - 1;
        }
        return -1;
    }

    private static void emit(Scan s, int start, int end) {
        int full = postcodeAndTown(s.text, end);
        s.add(
                Kind.POSTAL_ADDRESS,
                start,
                full,
                full > end ? Kind.POSTAL_ADDRESS.withContext : Kind.POSTAL_ADDRESS.base);
        s.covered(full);
    }

    /** ", 75002 Paris" / " - 10115 Berlin" / ", 1015 CS Amsterdam" after a street: returns the new end. */
    private static int postcodeAndTown(CharSequence t, int end) {
        int p = end;
        while (p < t.length() && p - end < 3 && (t.charAt(p) == ',' || t.charAt(p) == ' ' || t.charAt(p) == '\n')) {
            p++;
        }
        int q = p;
        while (q < t.length() && Chars.isDigit(t.charAt(q))) {
            q++;
        }
        if (q - p < 4 || q - p > 5 || q >= t.length() || t.charAt(q) != ' ') {
            return end;
        }
        q++;
        if (q + 3 < t.length()
                && Chars.isUpper(t.charAt(q))
                && Chars.isUpper(t.charAt(q + 1))
                && t.charAt(q + 2) == ' ') {
            q += 3; // Dutch postcode letters
        }
        int town = Names.capitalizedWords(t, q, 2);
        return town > q ? town : end;
    }
}
