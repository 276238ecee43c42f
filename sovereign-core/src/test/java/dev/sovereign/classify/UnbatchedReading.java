package dev.sovereign.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The reference that {@link Classifier#classify} is held to: each text segment scanned on its own with {@link
 * Classifier#scan}, one call per segment, then the same joined views across conversation seams. Batching the short
 * segments into one engine call must not change a finding, a count or an offset of this reading.
 */
public final class UnbatchedReading {
    private UnbatchedReading() {}

    public static Classification classify(Classifier classifier, List<TextSegment> segments, Set<String> labels) {
        List<List<Finding>> found = new ArrayList<>(segments.size());
        Map<String, Integer> counts = new TreeMap<>();
        for (TextSegment segment : segments) {
            if (segment.binary()) {
                counts.merge(Classifier.BINARY, 1, Integer::sum);
                found.add(List.of());
                continue;
            }
            List<Finding> findings = classifier.scan(segment.text());
            for (Finding finding : findings) counts.merge(finding.category(), 1, Integer::sum);
            found.add(findings);
        }
        JoinedViews.scan(classifier, segments, found, counts);
        List<Classification.SegmentFindings> results = new ArrayList<>(segments.size());
        for (int k = 0; k < segments.size(); k++) {
            results.add(new Classification.SegmentFindings(segments.get(k), found.get(k)));
        }
        for (String label : labels) {
            String name = label.strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty()) counts.merge(name.startsWith("label.") ? name : "label." + name, 1, Integer::sum);
        }
        return new Classification(results, counts);
    }
}
