package dev.sovereign.classify.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The person-name model's features of a word as detection reads them: the features of {@link NameFeatures#generate},
 * in its order, each hashed as {@link NameFeatures#hash} hashes it, without writing it out; per-token facts (lower-case
 * hash, candidacy, the word lists that hold it) are read once per text and kept with the tokens, and all word lists
 * are one table probed once. {@code NameModelTest} holds the two to the same hashes in the same order. Stateless;
 * thread-safe.
 */
final class NameScoring {
    private NameScoring() {}

    /** A weight per feature, keyed by the feature's {@link NameFeatures#hash}: the compiled {@link NameModel}. */
    interface Weights {
        float weight(long feature);
    }

    /**
     * Bits of {@link #dictionaryBits}: the lists {@link #dictionaries} reads, in its order; the band in bits 4-5; and
     * {@code not-names.txt}.
     */
    static final int GIVEN_BIT = 1, SURNAME_BIT = 2, COMMON_BIT = 4, PLACE_BIT = 8, BAND_SHIFT = 4, NOT_A_NAME_BIT = 64;

    /** One open-addressing table of every listed word's hash to the lists that hold it: one probe, not seven. */
    private static final long[] LIST_KEYS;

    private static final byte[] LIST_BITS;

    private static final boolean[] LIST_USED;

    static {
        Map<Long, Integer> bits = new HashMap<>();
        for (long h : NameFeatures.GIVEN) {
            bits.merge(h, GIVEN_BIT, (a, b) -> a | b);
        }
        for (long h : NameFeatures.SURNAMES) {
            bits.merge(h, SURNAME_BIT, (a, b) -> a | b);
        }
        for (long h : NameFeatures.COMMON) {
            bits.merge(h, COMMON_BIT, (a, b) -> a | b);
        }
        for (long h : NameFeatures.PLACES) {
            bits.merge(h, PLACE_BIT, (a, b) -> a | b);
        }
        for (long h : NameFeatures.NOT_NAMES) {
            bits.merge(h, NOT_A_NAME_BIT, (a, b) -> a | b);
        }
        // the first band that holds a word is the one dictionaries() reports
        for (int band = NameFeatures.FREQUENT.length - 1; band >= 0; band--) {
            int bandBits = (band + 1) << BAND_SHIFT;
            for (long h : NameFeatures.FREQUENT[band]) {
                bits.merge(h, bandBits, (a, b) -> (a & ~(3 << BAND_SHIFT)) | b);
            }
        }
        int capacity = Integer.highestOneBit(Math.max(16, bits.size() * 2 - 1)) << 1;
        long[] keys = new long[capacity];
        byte[] values = new byte[capacity];
        boolean[] used = new boolean[capacity];
        bits.forEach((h, b) -> {
            int slot = (int) spread(h) & (capacity - 1);
            while (used[slot]) {
                slot = (slot + 1) & (capacity - 1);
            }
            used[slot] = true;
            keys[slot] = h;
            values[slot] = (byte) (int) b;
        });
        LIST_KEYS = keys;
        LIST_BITS = values;
        LIST_USED = used;
    }

    private static long spread(long h) {
        return h ^ (h >>> 31) ^ (h >>> 47);
    }

    /** The lists that hold the word whose lower-case hash is {@code h}: {@code GIVEN_BIT} etc., band + 1 at {@code BAND_SHIFT}. */
    static int dictionaryBits(long h) {
        int mask = LIST_KEYS.length - 1;
        int slot = (int) spread(h) & mask;
        while (LIST_USED[slot]) {
            if (LIST_KEYS[slot] == h) {
                return LIST_BITS[slot];
            }
            slot = (slot + 1) & mask;
        }
        return 0;
    }

    private static final int MAX = 80; // Buffer's length

    private static long prefix(String p) {
        return NameFeatures.hash(p.toCharArray(), p.length());
    }

    private static final long B = prefix("b"),
            W = prefix("w="),
            S3 = prefix("s3="),
            S4 = prefix("s4="),
            SH = prefix("sh="),
            ST = prefix("st"),
            P1 = prefix("p1="),
            P2 = prefix("p2="),
            N1 = prefix("n1="),
            N2 = prefix("n2="),
            PC = prefix("pc="),
            NC = prefix("nc="),
            PN = prefix("pn="),
            PT = prefix("pt");
    /** Per list prefix ("d", "pd", "nd"): the hashes of the prefix followed by g, s, c, p, and f1, f2, f3. */
    private static final long[][] LIST_FEATURES = {listFeatures("d"), listFeatures("pd"), listFeatures("nd")};

    private static long[] listFeatures(String p) {
        return new long[] {
            prefix(p + "g"),
            prefix(p + "s"),
            prefix(p + "c"),
            prefix(p + "p"),
            prefix(p + "f1"),
            prefix(p + "f2"),
            prefix(p + "f3")
        };
    }

    private static long fold(long h, char c) {
        return (h ^ c) * NameFeatures.FNV_PRIME;
    }

    /** Hash of a prefix of {@code used} chars followed by token {@code j} from {@code from}, lower case, as Buffer cuts it. */
    private static long withLower(long h, int used, NameTokens t, int j, int from) {
        int s = Math.max(t.start[j], from);
        int e = Math.min(t.end[j], s + (MAX - used));
        char[] text = t.text;
        for (int k = s; k < e; k++) {
            h = (h ^ NameFeatures.lower(text[k])) * NameFeatures.FNV_PRIME;
        }
        return h;
    }

    /**
     * The model's sum of weights over the features of candidate word {@code i}: the features of {@link #generate}, in
     * its order, hashed as {@link #hash} hashes them, without building them; per-token facts (lower-case hash, lists,
     * candidate) are read once per text from {@code t}.
     */
    static double score(NameTokens t, int i, Weights m) {
        double sum = m.weight(B);
        sum += m.weight(withLower(W, 2, t, i, 0));
        int length = t.length(i);
        if (length >= 4) {
            sum += m.weight(withLower(S3, 3, t, i, t.end[i] - 3));
        }
        if (length >= 6) {
            sum += m.weight(withLower(S4, 3, t, i, t.end[i] - 4));
        }
        sum += m.weight(shapeHash(t, i));
        boolean start = t.sentenceStart(i);
        if (start) {
            sum += m.weight(ST);
        }
        sum += m.weight(neighbourHash(t, i - 1, start, P1));
        sum += m.weight(neighbourHash(t, i - 2, start || i > 0 && t.sentenceStart(i - 1), P2));
        sum += m.weight(neighbourHash(t, i + 1, false, N1));
        sum += m.weight(neighbourHash(t, i + 2, false, N2));
        char pc = start ? '^' : NameFeatures.kind(t, i - 1);
        char nc = NameFeatures.kind(t, i + 1);
        sum += m.weight(fold(PC, pc));
        sum += m.weight(fold(NC, nc));
        sum += m.weight(fold(fold(PN, pc), nc));
        sum = listWeights(t, i, LIST_FEATURES[0], m, sum);
        if (!start) {
            sum = listWeights(t, i - 1, LIST_FEATURES[1], m, sum);
        }
        if (i + 1 < t.count) {
            sum = listWeights(t, i + 1, LIST_FEATURES[2], m, sum);
        }
        if (!start && (fastTitle(t, i - 1) || i >= 2 && t.is(i - 1, '.') && fastTitle(t, i - 2))) {
            sum += m.weight(PT);
        }
        return sum;
    }

    private static long neighbourHash(NameTokens t, int j, boolean beyondStart, long prefix) {
        if (j < 0 || beyondStart) {
            return fold(prefix, '^');
        }
        if (j >= t.count) {
            return fold(prefix, '$');
        }
        return withLower(prefix, 3, t, j, 0);
    }

    private static long shapeHash(NameTokens t, int i) {
        long h = SH;
        int used = 3;
        char last = 0;
        for (int k = t.start[i]; k < t.end[i] && used < MAX; k++) {
            char c = t.text[k];
            char s = Character.isUpperCase(c)
                    ? 'X'
                    : Character.isLowerCase(c) ? (c < 128 ? 'x' : 'a') : Character.isDigit(c) ? 'd' : c;
            if (s != last) {
                h = fold(h, s);
                used++;
                last = s;
            }
        }
        return h;
    }

    private static double listWeights(NameTokens t, int j, long[] features, Weights m, double sum) {
        if (!t.candidate(j)) {
            return sum;
        }
        int bits = t.dictionaries(j);
        if (bits == 0) {
            return sum;
        }
        if ((bits & GIVEN_BIT) != 0) {
            sum += m.weight(features[0]);
        }
        if ((bits & SURNAME_BIT) != 0) {
            sum += m.weight(features[1]);
        }
        if ((bits & COMMON_BIT) != 0) {
            sum += m.weight(features[2]);
        }
        if ((bits & PLACE_BIT) != 0) {
            sum += m.weight(features[3]);
        }
        int band = (bits >>> BAND_SHIFT) & 3;
        if (band != 0) {
            sum += m.weight(features[3 + band]);
        }
        return sum;
    }

    /** Hashes of the titles, sorted; a hit is confirmed against the title itself. */
    private static final long[] TITLE_HASHES =
            NameFeatures.TITLES.stream().mapToLong(NameFeatures::hash).sorted().toArray();

    private static boolean fastTitle(NameTokens t, int j) {
        if (j < 0 || t.length(j) > 9 || Arrays.binarySearch(TITLE_HASHES, t.lowerHash(j)) < 0) {
            return false;
        }
        return NameFeatures.title(t, j);
    }
}
