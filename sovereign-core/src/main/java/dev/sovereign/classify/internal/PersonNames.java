package dev.sovereign.classify.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Weighs the person-name evidence of one scan: the {@link NameModel}'s reading of each capitalised word, and the cue and
 * dictionary findings of {@link Names} made during the pass. Where both agree, the finding covers both spans and its
 * confidence is above either alone; a name the model finds alone is reported with a confidence that follows the
 * model's probability; a heuristic finding whose words the model confidently rejects loses confidence, so that a weak
 * heuristic alone falls below the default threshold while a title or introduction ("Mr", "my name is") still stands.
 *
 * <p>The model runs only on texts that have a capitalised word ("Xx"), and only on those words. Not thread-safe: called
 * by one {@link Scan}.
 */
final class PersonNames {
    /** Probability from which a word counts as part of a name. */
    static final double PERSON = 0.5;
    /** Probability from which a capitalised word right after a name word continues it ("Jane Doe"). */
    static final double CONTINUES = 0.25;
    /** Below this probability for every word of a heuristic finding, the model contradicts it. */
    static final double REJECT = 0.15;

    static final double MODEL_BASE = 0.6;
    static final double MODEL_SPAN = 0.25;
    static final double AGREEMENT = 0.1;
    static final double CONTRADICTION = 0.4;
    static final double MAX = 0.97;

    private static final String[] PARTICLES = {
        "van", "der", "den", "de", "von", "di", "da", "del", "della", "la", "le", "du", "dos", "das", "zu", "ten",
        "ter", "y", "bin", "al"
    };

    private PersonNames() {}

    static void apply(Scan s, NameModel model) {
        if (!hasCapitalisedWord(s.chars, s.n)) {
            return;
        }
        NameTokens t = NameTokens.of(s.chars, s.n);
        NameModel.Scorer scorer = model.scorer();
        double[] p = new double[t.size()];
        boolean any = false;
        for (int i = 0; i < t.size(); i++) {
            if (NameFeatures.candidate(t, i)) {
                p[i] = scorer.person(t, i);
                any |= p[i] >= PERSON;
            } else {
                p[i] = -1;
            }
        }
        any |= middleInitials(t, p);
        if (any) {
            repeated(t, p);
        }
        List<int[]> spans = any ? spans(t, p) : List.of();
        List<Candidate> heuristic = new ArrayList<>();
        s.candidates.removeIf(c -> {
            if (c.kind == Kind.PERSON_NAME) {
                heuristic.add(c);
                return true;
            }
            return false;
        });
        boolean[] used = new boolean[spans.size()];
        for (Candidate h : heuristic) {
            int start = h.start;
            int end = h.end;
            double modelP = -1;
            for (int k = 0; k < spans.size(); k++) {
                int[] span = spans.get(k);
                if (t.start(span[0]) < h.end && t.end(span[1]) > h.start) {
                    used[k] = true;
                    start = Math.min(start, t.start(span[0]));
                    end = Math.max(end, t.end(span[1]));
                    modelP = Math.max(modelP, maxP(p, span[0], span[1]));
                }
            }
            double base;
            if (modelP >= 0) {
                base = Math.min(MAX, Math.max(h.base, modelConfidence(modelP)) + AGREEMENT);
            } else {
                double inside = maxP(t, p, h.start, h.end);
                base = inside >= 0 && inside < REJECT ? h.base - CONTRADICTION : h.base;
            }
            s.candidates.add(new Candidate(Kind.PERSON_NAME, start, end, base, null));
        }
        for (int k = 0; k < spans.size(); k++) {
            if (!used[k]) {
                int[] span = spans.get(k);
                double confidence = modelConfidence(maxP(p, span[0], span[1]));
                s.candidates.add(new Candidate(Kind.PERSON_NAME, t.start(span[0]), t.end(span[1]), confidence, null));
            }
        }
    }

    /**
     * "Ildikó K. Várkonyi": a capitalised word, an initial with its dot and another capitalised word are a name when
     * the model gives either word some chance; both words are raised to {@link #PERSON}.
     */
    private static boolean middleInitials(NameTokens t, double[] p) {
        boolean any = false;
        for (int i = 0; i + 3 < t.size(); i++) {
            if (p[i] >= 0 && p[i + 3] >= 0 && initialWithDot(t, i + 1) && Math.max(p[i], p[i + 3]) >= CONTINUES) {
                p[i] = Math.max(p[i], PERSON);
                p[i + 3] = Math.max(p[i + 3], PERSON);
                any = true;
            }
        }
        return any;
    }

    /** Probability from which a word read as a name elsewhere in the text is a name here too. */
    static final double REPEATED = 0.1;

    /**
     * A word the model reads as a name in one place is a name where else it stands in the same text with some chance
     * ("Mr Koch thanked ... as Koch said"): such words are raised to {@link #PERSON}.
     */
    private static void repeated(NameTokens t, double[] p) {
        int count = 0;
        long[] names = new long[8];
        for (int i = 0; i < t.size(); i++) {
            if (p[i] >= PERSON) {
                if (count == names.length) {
                    names = java.util.Arrays.copyOf(names, count * 2);
                }
                names[count++] = wordHash(t, i);
            }
        }
        java.util.Arrays.sort(names, 0, count);
        for (int i = 0; i < t.size(); i++) {
            if (p[i] >= REPEATED
                    && p[i] < PERSON
                    && java.util.Arrays.binarySearch(names, 0, count, wordHash(t, i)) >= 0) {
                p[i] = PERSON;
            }
        }
    }

    private static long wordHash(NameTokens t, int i) {
        long h = 0xcbf29ce484222325L;
        for (int k = t.start(i); k < t.end(i); k++) {
            h = (h ^ t.text[k]) * 0x100000001b3L;
        }
        return h;
    }

    static double modelConfidence(double p) {
        return MODEL_BASE + MODEL_SPAN * p;
    }

    /** Whether some upper-case letter is followed by a lower-case one: the only texts the model may find a name in. */
    private static boolean hasCapitalisedWord(char[] chars, int n) {
        for (int i = 0; i + 1 < n; i++) {
            char c = chars[i];
            if (c < 128 ? c >= 'A' && c <= 'Z' : Character.isUpperCase(c)) {
                char d = chars[i + 1];
                if (d < 128 ? d >= 'a' && d <= 'z' : Character.isLowerCase(d)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Runs of name words, as first and last token: words the model accepts, joined across initials ("K."), particles
     * ("van der") and hyphens between them, with initials just before them ("J. Häkkinen").
     */
    private static List<int[]> spans(NameTokens t, double[] p) {
        List<int[]> spans = new ArrayList<>();
        int n = t.size();
        int i = 0;
        while (i < n) {
            if (p[i] < PERSON) {
                i++;
                continue;
            }
            int first = i;
            while (true) {
                if (first >= 2 && t.is(first - 1, '.') && t.initial(first - 2)) {
                    first -= 2;
                } else if (first >= 1 && p[first - 1] >= CONTINUES) {
                    first--;
                } else {
                    break;
                }
            }
            int last = i;
            int j = i + 1;
            while (j < n) {
                int k = j;
                while (k < n
                        && k - j < 4
                        && (initialWithDot(t, k) || particle(t, k) || t.is(k, '.') && t.initial(k - 1))) {
                    k++;
                }
                if (k < n && (p[k] >= PERSON || k == j && p[k] >= CONTINUES)) {
                    last = k;
                    j = k + 1;
                } else {
                    break;
                }
            }
            spans.add(new int[] {first, last});
            i = last + 1;
        }
        return spans;
    }

    private static boolean initialWithDot(NameTokens t, int k) {
        return t.initial(k) && k + 1 < t.size() && t.is(k + 1, '.');
    }

    private static boolean particle(NameTokens t, int k) {
        if (t.length(k) > 5 || !Character.isLowerCase(t.text[t.start(k)])) {
            return false;
        }
        for (String particle : PARTICLES) {
            if (t.equalsLower(k, particle)) {
                return true;
            }
        }
        return false;
    }

    private static double maxP(double[] p, int first, int last) {
        double max = -1;
        for (int k = first; k <= last; k++) {
            max = Math.max(max, p[k]);
        }
        return max;
    }

    /** Highest probability of the candidate words within chars {@code [start, end)}, or -1 if none was scored. */
    private static double maxP(NameTokens t, double[] p, int start, int end) {
        double max = -1;
        for (int k = 0; k < t.size() && t.start(k) < end; k++) {
            if (t.end(k) > start) {
                max = Math.max(max, p[k]);
            }
        }
        return max;
    }
}
