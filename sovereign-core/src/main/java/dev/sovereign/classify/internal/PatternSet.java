package dev.sovereign.classify.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * All custom patterns of an engine, run together so that their cost does not grow pattern by pattern.
 *
 * <p>Design note: one pass over the text looks up each char in a table of the patterns whose first char it can be
 * ({@link RegexPrefix}); a pattern is tried (anchored, by RE2/J) only where the following chars also fit its prefix.
 * On prose, where most chars start no pattern, the pass costs one table lookup per char whatever the number of
 * patterns. Matches of one pattern do not overlap, as with {@code Matcher.find}: the next try starts after the last
 * match. Patterns without a usable prefix run over the whole text as before. Immutable.
 */
final class PatternSet {
    private static final int OTHER = 128;

    private final CustomPattern[] anchored;
    private final List<CustomPattern> whole;
    /** For each ASCII char (and {@link #OTHER} for the rest), the indices of the anchored patterns it can start. */
    private final int[][] byFirst;

    PatternSet(List<CustomPattern> patterns) {
        List<CustomPattern> prefixed = new ArrayList<>();
        List<CustomPattern> rest = new ArrayList<>();
        for (CustomPattern p : patterns) {
            (p.prefix != null ? prefixed : rest).add(p);
        }
        anchored = prefixed.toArray(new CustomPattern[0]);
        whole = List.copyOf(rest);
        byFirst = new int[OTHER + 1][];
        for (int c = 0; c <= OTHER; c++) {
            List<Integer> ids = new ArrayList<>();
            for (int k = 0; k < anchored.length; k++) {
                RegexPrefix.CharSet first = anchored[k].prefix.sets[0];
                if (c == OTHER ? first.other() : first.contains((char) c)) {
                    ids.add(k);
                }
            }
            byFirst[c] = ids.isEmpty()
                    ? null
                    : ids.stream().mapToInt(Integer::intValue).toArray();
        }
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
        int n = s.n;
        int[] from = new int[anchored.length];
        CustomPattern.Window window = null;
        int[][] table = byFirst;
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            int[] ids = table[c < OTHER ? c : OTHER];
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
