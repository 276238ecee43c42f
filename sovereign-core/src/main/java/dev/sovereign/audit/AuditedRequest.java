package dev.sovereign.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One request as the audit trail tells it: its {@code decision} event joined with its {@code completion} event
 * when there is one. The unit reports count (organisation posture, residency, cost).
 *
 * @param time when the decision was taken (the completion's time when the decision is outside the scanned range)
 * @param categories category counts of the request (never values); empty when its decision was not read
 * @param redacted the categories replaced before forwarding, whose values did not reach the provider
 * @param policyRoute the policy route the rule chose, or {@code null} when the request went where its model is
 *     served
 * @param completed whether a completion event was read; the fields after it are {@code null} otherwise
 * @param status the HTTP status the client got, or {@code null}
 * @param earlierTargets the targets the request went to before the last one ({@link #provider}, {@link
 *     #jurisdiction}, …), which failed before answering: the data reached them too. Empty without fallbacks.
 */
public record AuditedRequest(
        String requestId,
        Instant time,
        String key,
        String team,
        String workload,
        String api,
        String model,
        Map<String, Integer> categories,
        List<String> redacted,
        String rule,
        String action,
        String provider,
        String region,
        String jurisdiction,
        String upstreamModel,
        String policyRoute,
        boolean decisionRead,
        boolean completed,
        Integer status,
        Long inputTokens,
        Long outputTokens,
        Long costMicroUsd,
        String error,
        List<AuditEvent.Route> earlierTargets) {

    /** Actions that send the request upstream. */
    private static final Set<String> FORWARDING = Set.of("forward", "redact");

    public AuditedRequest {
        categories = categories == null ? Map.of() : Map.copyOf(categories);
        redacted = redacted == null ? List.of() : List.copyOf(redacted);
        earlierTargets = earlierTargets == null ? List.of() : List.copyOf(earlierTargets);
    }

    /** Whether the request fell back from its first target to another. */
    public boolean fellBack() {
        return !earlierTargets.isEmpty();
    }

    /** Whether the decision was to reroute: the request went to a policy route. */
    public boolean rerouted() {
        return forwarded() && policyRoute != null;
    }

    /** Whether the decision sent the request to a provider (forward or redact). */
    public boolean forwarded() {
        return provider != null && action != null && FORWARDING.contains(action);
    }

    /** The categories whose values reached the provider: those of the request less the redacted ones. */
    public List<String> reaching() {
        if (!forwarded()) return List.of();
        return categories.keySet().stream()
                .filter(c -> !redacted.contains(c))
                .sorted()
                .toList();
    }

    /** Input plus output tokens, or 0 when not reported. */
    public long tokens() {
        return (inputTokens == null ? 0 : inputTokens) + (outputTokens == null ? 0 : outputTokens);
    }
}
