package dev.sovereign.classify.internal;

/**
 * Person names: a capitalised word after a cue (a title, "my name is", "je m'appelle", a closing formula such as
 * "Best regards,"), or a known given name followed by a capitalised word. A given name alone is not reported: too many
 * are also ordinary words or places. This is a heuristic; its measured precision is in BENCHMARKS.md.
 */
final class Names {
    private static final int MAX_WORDS = 3;
    /** Titles and offices skipped after a cue before the name. */
    private static final int MAX_TITLES = 4;

    private Names() {}

    static void keyword(Scan s, int start, int end, Payload.Type type) {
        if (!s.engine.enabled[Kind.PERSON_NAME.ordinal()]) {
            return;
        }
        CharSequence t = s.text;
        if (start > 0 && ".@'/_".indexOf(t.charAt(start - 1)) >= 0) {
            return; // part of an address, a contraction or a path, not a title
        }
        if (type == Payload.Type.NAME_CUE) {
            int p = skipGap(t, end, 4);
            // titles and offices after the cue ("Dear Mr. Dupont", "Mr President", "Signor Presidente, signor
            // Commissario"): the name, if any, follows them
            for (int k = 0; k < MAX_TITLES; k++) {
                int w = p;
                while (w < t.length() && Character.isLetter(t.charAt(w))) {
                    w++;
                }
                if (w == p || !NameFeatures.notAName(t, p, w)) {
                    break;
                }
                p = skipGap(t, w, 4);
            }
            int nameEnd = capitalizedWords(t, p, MAX_WORDS);
            if (nameEnd > p && !inName(s, p) && !addressee(t, p, nameEnd)) {
                s.add(Kind.PERSON_NAME, p, nameEnd, Kind.PERSON_NAME.withContext);
                s.lastGivenNameEnd = nameEnd;
            }
        } else if (type == Payload.Type.SURNAME && Character.isUpperCase(t.charAt(start)) && !inName(s, start)) {
            int first = previousCapitalizedWord(t, start);
            if (first >= 0 && !inName(s, first)) {
                s.add(Kind.PERSON_NAME, first, end, 0.7);
                s.lastGivenNameEnd = end;
            }
        } else if (type == Payload.Type.GIVEN_NAME && Character.isUpperCase(t.charAt(start)) && !inName(s, start)) {
            int p = skipGap(t, end, 1);
            if (p > end) {
                int nameEnd = capitalizedWords(t, p, MAX_WORDS - 1);
                if (nameEnd > p) {
                    s.add(Kind.PERSON_NAME, start, nameEnd, 0.75);
                    s.lastGivenNameEnd = nameEnd;
                }
            }
        }
    }

    /** Capitalised function words and generic nouns that may precede a surname without being a given name. */
    private static final java.util.Set<String> NOT_GIVEN = java.util.Set.of(
            "the",
            "a",
            "an",
            "in",
            "on",
            "at",
            "to",
            "from",
            "for",
            "of",
            "and",
            "or",
            "with",
            "by",
            "mr",
            "mrs",
            "ms",
            "dr",
            "le",
            "la",
            "les",
            "de",
            "du",
            "des",
            "et",
            "der",
            "die",
            "das",
            "den",
            "dem",
            "und",
            "von",
            "el",
            "los",
            "las",
            "il",
            "lo",
            "gli",
            "di",
            "e",
            "y",
            "het",
            "een",
            "van",
            "en",
            "street",
            "road",
            "rue",
            "via",
            "calle",
            "team",
            "customer",
            "service",
            "report",
            "file",
            "case",
            "project",
            "dear",
            "hi",
            "hello");

    /**
     * Start of the capitalised word that ends one space before {@code start} ("Dragan" in "Dragan Virtanen"), or -1
     * when there is none or it is a function word or generic noun.
     */
    private static int previousCapitalizedWord(CharSequence t, int start) {
        if (start < 3 || t.charAt(start - 1) != ' ') {
            return -1;
        }
        int w = start - 1;
        while (w > 0 && Character.isLetter(t.charAt(w - 1))) {
            w--;
        }
        if (start - 1 - w < 2 || !Character.isUpperCase(t.charAt(w)) || !Character.isLowerCase(t.charAt(w + 1))) {
            return -1;
        }
        if (w > 0 && (Character.isLetterOrDigit(t.charAt(w - 1)) || ".@'/_-".indexOf(t.charAt(w - 1)) >= 0)) {
            return -1;
        }
        return NOT_GIVEN.contains(Chars.fold(t.subSequence(w, start - 1))) ? -1 : w;
    }

    private static final java.util.Set<String> ADDRESSEES = java.util.Set.of(
            "customer",
            "customers",
            "client",
            "clients",
            "sir",
            "madam",
            "team",
            "all",
            "colleagues",
            "friends",
            "user",
            "member",
            "partner",
            "kunde",
            "kundin",
            "kunden",
            "cliente",
            "clientes",
            "clienti",
            "klant",
            "madame",
            "monsieur",
            "collegues",
            "equipo",
            "tutti",
            "allemaal",
            "heer",
            "mevrouw",
            "support");

    /** First words of a team's signature or a generic addressee: "The Support Team", "Ihr Kundenservice". */
    private static final java.util.Set<String> NOT_A_FIRST_NAME = java.util.Set.of(
            "the", "our", "your", "notre", "votre", "ihr", "ihre", "unser", "unsere", "nuestro", "nuestra", "vostro",
            "vostra", "uw", "ons", "valued");

    /** Nouns of teams and departments: "Marketing Department", "El Equipo de Ventas", "Ufficio Vendite". */
    private static final java.util.Set<String> TEAM_NOUNS = java.util.Set.of(
            "department",
            "office",
            "sales",
            "support",
            "service",
            "services",
            "desk",
            "helpdesk",
            "management",
            "board",
            "accounts",
            "billing",
            "abteilung",
            "vertrieb",
            "equipo",
            "ventas",
            "departamento",
            "ufficio",
            "vendite",
            "servizio",
            "clienti",
            "afdeling",
            "verkoop",
            "dienst",
            "direction",
            "administration");

    /**
     * "Dear Customer", "Bonjour Madame", "Kind regards, The Support Team": a cue followed by a generic addressee or the
     * signature of a team, not a name.
     */
    private static boolean addressee(CharSequence t, int start, int end) {
        int w = start;
        while (w < end) {
            int e = w;
            while (e < end && Character.isLetter(t.charAt(e))) {
                e++;
            }
            String word = Chars.fold(t.subSequence(w, e));
            if (w == start && (ADDRESSEES.contains(word) || NOT_A_FIRST_NAME.contains(word))) {
                return true;
            }
            if (TEAM_NOUNS.contains(word) || word.endsWith("team") || word.endsWith("service")) {
                return true;
            }
            w = e + 1;
        }
        return false;
    }

    private static boolean inName(Scan s, int p) {
        return p < s.lastGivenNameEnd;
    }

    private static int skipGap(CharSequence t, int p, int max) {
        int q = p;
        while (q < t.length() && q - p < max) {
            char c = t.charAt(q);
            if (c == ' ' || c == ',' || c == ':' || c == '.' || c == '\n' || c == '\r') {
                q++;
            } else {
                break;
            }
        }
        return q;
    }

    /** End of up to {@code max} capitalised words from {@code p} ("Jean-Pierre", "van der Berg"), or {@code p}. */
    static int capitalizedWords(CharSequence t, int p, int max) {
        int end = p;
        int q = p;
        for (int w = 0; w < max && q < t.length(); w++) {
            int particleEnd = particle(t, q);
            if (particleEnd > q && w > 0) {
                q = particleEnd;
            }
            if (q >= t.length() || !Character.isUpperCase(t.charAt(q))) {
                break;
            }
            int r = q + 1;
            int lower = 0;
            while (r < t.length() && (Character.isLetter(t.charAt(r)) || t.charAt(r) == '-' || t.charAt(r) == '\'')) {
                if (Character.isLowerCase(t.charAt(r))) {
                    lower++;
                }
                r++;
            }
            if (lower == 0) {
                break;
            }
            end = r;
            if (r >= t.length() || t.charAt(r) != ' ') {
                break;
            }
            q = r + 1;
        }
        return end;
    }

    private static final String[] PARTICLES = {
        "van der ", "van den ", "van ", "von ", "de la ", "de ", "del ", "di ", "da ", "le "
    };

    private static int particle(CharSequence t, int q) {
        for (String particle : PARTICLES) {
            if (Chars.regionEquals(t, q, particle)) {
                return q + particle.length();
            }
        }
        return q;
    }
}
