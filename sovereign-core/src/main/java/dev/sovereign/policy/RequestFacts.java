package dev.sovereign.policy;

import dev.sovereign.classify.Finding;
import dev.sovereign.config.WireFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a {@link Decider} knows of a request: who sent it, what it asks for, the labels it declares and the
 * categories of data found in it, with their counts, and the findings (category, offsets, confidence, detector).
 * Never the text itself.
 */
public record RequestFacts(
        WireFormat api,
        String operation,
        String model,
        boolean stream,
        long sizeBytes,
        String keyId,
        String team,
        String workload,
        Set<String> labels,
        Map<String, Integer> categories,
        List<Finding> findings) {

    public RequestFacts {
        labels = Set.copyOf(labels);
        categories = Map.copyOf(categories);
        findings = List.copyOf(findings);
    }
}
