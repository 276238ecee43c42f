package dev.sovereign.redact.internal;

import dev.sovereign.classify.Finding;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The spans of one segment to replace, from its selected findings: overlapping findings become one span, the union of
 * their extents, named by the longest of them (the outer one when one contains the other; on equal length the more
 * confident, then the first). A union rather than the longest alone, so the part of a shorter finding that sticks out
 * is never left in clear. Immutable.
 */
public final class Spans {
    private static final Comparator<Finding> ORDER = Comparator.comparingInt(Finding::start)
            .thenComparing(Comparator.comparingInt(Finding::end).reversed());

    private final int size;
    private final int[] starts;
    private final int[] ends;
    private final String[] categories;

    private Spans(int size, int[] starts, int[] ends, String[] categories) {
        this.size = size;
        this.starts = starts;
        this.ends = ends;
        this.categories = categories;
    }

    /** Spans of {@code findings} (any order; empty findings are ignored). */
    public static Spans of(List<Finding> findings) {
        Finding[] sorted = findings.toArray(new Finding[0]);
        if (!ordered(sorted)) {
            Arrays.sort(sorted, ORDER);
        }
        int[] starts = new int[sorted.length];
        int[] ends = new int[sorted.length];
        String[] categories = new String[sorted.length];
        int size = 0;
        Finding winner = null;
        for (Finding finding : sorted) {
            if (finding.length() == 0) {
                continue;
            }
            if (winner != null && finding.start() < ends[size - 1]) {
                ends[size - 1] = Math.max(ends[size - 1], finding.end());
                if (wins(finding, winner)) {
                    winner = finding;
                    categories[size - 1] = finding.category();
                }
                continue;
            }
            winner = finding;
            starts[size] = finding.start();
            ends[size] = finding.end();
            categories[size] = finding.category();
            size++;
        }
        return new Spans(size, starts, ends, categories);
    }

    /** Whether the findings are already in {@link #ORDER}, as the classifier returns them. */
    private static boolean ordered(Finding[] findings) {
        for (int i = 1; i < findings.length; i++) {
            if (ORDER.compare(findings[i - 1], findings[i]) > 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean wins(Finding challenger, Finding winner) {
        if (challenger.length() != winner.length()) {
            return challenger.length() > winner.length();
        }
        return challenger.confidence() > winner.confidence();
    }

    public int size() {
        return size;
    }

    public int start(int i) {
        return starts[i];
    }

    public int end(int i) {
        return ends[i];
    }

    public String category(int i) {
        return categories[i];
    }
}
