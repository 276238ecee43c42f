package dev.sovereign.residency.internal;

import dev.sovereign.residency.Finding;
import java.util.List;

/**
 * Data of one workload that can reach (policy) or reached (traffic) one provider region: one family of categories
 * or one category, with the evidence.
 *
 * @param family the categories' family ({@code pii}, {@code special}, …)
 * @param scope {@code family.*} when the evidence shows several categories of it, else the one category
 * @param pseudonymised the categories that reach the provider only as pseudonyms (a {@code redact} rule in {@code
 *     pseudonymize} mode): still personal data (Art. 4(5))
 */
public record Exposure(
        String workload,
        String family,
        String scope,
        List<String> categories,
        String provider,
        String region,
        List<Finding.Evidence> evidence,
        List<String> pseudonymised) {

    public Exposure {
        pseudonymised = List.copyOf(pseudonymised);
        categories = List.copyOf(categories);
        evidence = List.copyOf(evidence);
    }

    public boolean observed() {
        return evidence.stream().anyMatch(e -> e.source().equals(Finding.Evidence.TRAFFIC));
    }

    public boolean permitted() {
        return evidence.stream().anyMatch(e -> e.source().equals(Finding.Evidence.POLICY));
    }

    /** The data in words: "pii.* (pii.email, pii.phone) of hr-assistant". */
    public String describeData() {
        String cats = categories.size() == 1 && categories.get(0).equals(scope)
                ? ""
                : " (" + String.join(", ", categories) + ")";
        return scope + cats + " of " + workload;
    }

    /** The evidence in words: "2 requests by rule a; the policy's rule c". */
    public String describeEvidence() {
        List<String> parts = new java.util.ArrayList<>();
        for (Finding.Evidence e : evidence) {
            String rules = e.rules().isEmpty()
                    ? ""
                    : (e.rules().size() == 1 ? "rule " : "rules ") + String.join(", ", e.rules());
            if (e.source().equals(Finding.Evidence.TRAFFIC)) {
                parts.add(e.requests()
                        + (e.requests() == 1 ? " request" : " requests")
                        + (rules.isEmpty() ? "" : " by " + rules));
            } else {
                parts.add(rules.isEmpty() ? "the policy" : "the policy's " + rules);
            }
        }
        return String.join("; ", parts);
    }
}
