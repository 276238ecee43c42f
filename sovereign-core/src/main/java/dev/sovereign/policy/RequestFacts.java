package dev.sovereign.policy;

import dev.sovereign.config.WireFormat;
import java.util.Set;

/**
 * What a {@link Decider} knows of a request: who sent it, what it asks for, and the labels it declares.
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
        Set<String> labels) {

    public RequestFacts {
        labels = Set.copyOf(labels);
    }
}
