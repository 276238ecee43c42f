package dev.sovereign.residency.internal;

import dev.sovereign.residency.Finding;
import java.util.List;

/**
 * Data of one workload that can reach (policy) or reached (traffic) one provider region: one family of categories
 * or one category, with the evidence.
 *
 * @param family the categories' family ({@code pii}, {@code special}, …)
 * @param scope {@code family.*} when the evidence shows several categories of it, else the one category
 */
public record Exposure(
        String workload,
        String family,
        String scope,
        List<String> categories,
        String provider,
        String region,
        List<Finding.Evidence> evidence) {

    public Exposure {
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

    /** The evidence in words: "12 requests did (rules a, b); the policy can (rule c)". */
    public String describeEvidence() {
        StringBuilder sb = new StringBuilder();
        for (Finding.Evidence e : evidence) {
            if (!sb.isEmpty()) sb.append("; ");
            if (e.source().equals(Finding.Evidence.TRAFFIC)) {
                sb.append(e.requests()).append(e.requests() == 1 ? " request did" : " requests did");
            } else {
                sb.append("the policy can");
            }
            if (!e.rules().isEmpty())
                sb.append(" (rule")
                        .append(e.rules().size() == 1 ? " " : "s ")
                        .append(String.join(", ", e.rules()))
                        .append(')');
        }
        return sb.toString();
    }
}
