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

    /** Findings of one segment. */
    public record SegmentFindings(TextSegment segment, List<Finding> findings) {
        public SegmentFindings {
            findings = List.copyOf(findings);
        }
    }
}
