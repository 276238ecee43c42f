package dev.sovereign.classify.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * All custom patterns of an engine, run together so that their cost does not grow pattern by pattern.
 *
 * <p>Design note: one pass over the text looks up each pair of chars in a table of the patterns whose first two
 * chars they can be ({@link RegexPrefix}); a pattern is tried (anchored, by RE2/J) only where the following chars also
 * fit its prefix. On prose, where most pairs start no pattern, the pass costs one table lookup per char whatever the
 * number of patterns. Matches of one pattern do not overlap, as with {@code Matcher.find}: the next try starts after the last
 * match. Patterns without a usable prefix run over the whole text as before. Immutable.
 */
final class PatternSet {
    private static final int OTHER = 128;
    /** Second-char bucket for the last char of the text (no next char). */
    private static final int END = 129;

    private static final int BUCKETS = 130;

    private final CustomPattern[] anchored;
    private final List<CustomPattern> whole;
    /** Whether a char (ASCII, or {@link #OTHER}) can start some anchored pattern. */
    private final boolean[] first;
    /**
     * For each pair of buckets (first char, next char or {@link #END}), the indices of the anchored patterns that can
     * start there; null when none. Equal lists share one array.
     */
    private final int[][] byPair;

    PatternSet(List<CustomPattern> patterns) {
        List<CustomPattern> prefixed = new ArrayList<>();
        List<CustomPattern> rest = new ArrayList<>();
        for (CustomPattern p : patterns) {
            (p.prefix != null ? prefixed : rest).add(p);
        }
        anchored = prefixed.toArray(new CustomPattern[0]);
        whole = List.copyOf(rest);
        first = new boolean[OTHER + 1];
        byPair = new int[(OTHER + 1) * BUCKETS][];
        java.util.Map<List<Integer>, int[]> shared = new java.util.HashMap<>();
        for (int c = 0; c <= OTHER; c++) {
            for (int c2 = 0; c2 < BUCKETS; c2++) {
                List<Integer> ids = new ArrayList<>();
                for (int k = 0; k < anchored.length; k++) {
                    RegexPrefix.CharSet[] sets = anchored[k].prefix.sets;
                    boolean second = sets.length < 2
                            || (c2 == END ? false : c2 == OTHER ? sets[1].other() : sets[1].contains((char) c2));
                    if (in(sets[0], c) && second) {
                        ids.add(k);
                    }
                }
                if (!ids.isEmpty()) {
                    first[c] = true;
                    byPair[c * BUCKETS + c2] = shared.computeIfAbsent(
                            ids, l -> l.stream().mapToInt(Integer::intValue).toArray());
                }
            }
        }
    }

    private static boolean in(RegexPrefix.CharSet set, int bucket) {
        return bucket == OTHER ? set.other() : set.contains((char) bucket);
    }

    boolean isEmpty() {
        return anchored.length == 0 && whole.isEmpty();
    }

    void scan(Scan s) {
        for (CustomPattern p : whole) {
            p.scan(s);
        }
        if (anchored.length == 0) {
            return;
        }
        CharSequence t = s.text;
        char[] chars = s.chars;
        int n = s.n;
        int[] from = new int[anchored.length];
        CustomPattern.Window window = null;
        int[][] table = byPair;
        boolean[] starts = first;
        for (int i = 0; i < n; i++) {
            char c = chars[i];
            int b = c < OTHER ? c : OTHER;
            if (!starts[b]) {
                continue;
            }
            int b2 = END;
            if (i + 1 < n) {
                char c2 = chars[i + 1];
                b2 = c2 < OTHER ? c2 : OTHER;
            }
            int[] ids = table[b * BUCKETS + b2];
            if (ids == null) {
                continue;
            }
            for (int k : ids) {
                CustomPattern p = anchored[k];
                if (i < from[k] || !p.prefix.admits(t, i, n)) {
                    continue;
                }
                if (window == null) {
                    window = new CustomPattern.Window(t);
                }
                int end = p.matchAt(window, i);
                if (end > i) {
                    s.candidates.add(new Candidate(
                            null, p.category, p.detector, i, end, p.confidence, p.confidence, 0, false, null));
                    from[k] = end;
                }
            }
        }
    }
}
