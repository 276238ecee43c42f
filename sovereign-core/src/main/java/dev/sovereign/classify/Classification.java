package dev.sovereign.classify;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one request contains: the findings of each segment, and how many times each category occurs in the whole
 * request. Declared labels appear as {@code label.<name>} and binary parts as {@code content.binary} in the counts,
 * so a policy can match every category the same way.
 *
 * @param segments the findings of each classified segment, in request order
 * @param categoryCounts category name to number of occurrences, sorted by name
 */
public record Classification(List<SegmentFindings> segments, Map<String, Integer> categoryCounts) {
    public Classification {
        segments = List.copyOf(segments);
        categoryCounts = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(categoryCounts));
    }

    /** The categories present in the request. */
    public Set<String> categories() {
        return categoryCounts.keySet();
    }

    /** Whether any category starts with {@code prefix} (a category name or a family such as {@code special.}). */
    public boolean hasCategory(String prefix) {
        for (String category : categoryCounts.keySet()) {
            if (category.equals(prefix) || category.startsWith(prefix.endsWith(".") ? prefix : prefix + ".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code pointer} as it may be shown (in an explanation, an error, a log): every key along it in which a finding
     * was made is written {@code *}, since a pointer spells out the keys it passes through and such a key is itself
     * the data. {@code /messages/0/content/0/input/jane@example.org/0} reads {@code /messages/0/content/0/input/*∕0}.
     */
    public String shownPointer(String pointer) {
        Set<String> sensitive = null;
        for (SegmentFindings s : segments) {
            if (s.segment().form() == TextSegment.Form.KEY && !s.findings().isEmpty()) {
                if (sensitive == null) sensitive = new java.util.HashSet<>();
                sensitive.add(s.segment().path());
            }
        }
        if (sensitive == null) return pointer;
        StringBuilder shown = new StringBuilder(pointer.length());
        int at = 0;
        while (at < pointer.length()) {
            int next = pointer.indexOf('/', at + 1);
            if (next < 0) next = pointer.length();
            shown.append(sensitive.contains(pointer.substring(0, next)) ? "/*" : pointer.substring(at, next));
            at = next;
        }
        return shown.toString();
    }

    /** Findings of one segment. */
    public record SegmentFindings(TextSegment segment, List<Finding> findings) {
        public SegmentFindings {
            findings = List.copyOf(findings);
        }
    }
}
