package dev.sovereign.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The organisation's sovereignty posture over a time window, computed from its audit trail ({@link
 * PostureBuilder}): how many requests were forwarded, pseudonymized, rerouted or blocked; the Sovereignty Index
 * of where they went, weighted by requests and by tokens, and its trend; which data categories reached which
 * jurisdiction; the same per workload, key, team and provider; and which sensitive data left EU jurisdiction under
 * which rule.
 *
 * <p>JSON ({@link #toJson()}), stable, snake_case, every key always present:
 *
 * <pre>{@code
 * {"from": "2026-11-01T00:00:00Z", "to": "2026-12-01T00:00:00Z", "granularity": "day",
 *  "weights": {"jurisdiction": 35, …}, "organisation_domicile": "eu",
 *  "totals": {"requests": 1200, "forwarded": 1100, "redacted": 300, "rerouted": 40, "blocked": 90,
 *             "unroutable": 10, "failed": 5, "input_tokens": 90000, "output_tokens": 30000,
 *             "score_by_requests": 48.2, "score_by_tokens": 51.0, "unscored_requests": 0},
 *  "series": [{"start": "2026-11-01T00:00:00Z", "totals": {…}, "jurisdictions": {"eu": 30, "us": 4},
 *              "providers": {"local": 30, "anthropic": 4}}, …],
 *  "categories": [{"category": "pii.email", "requests": 310, "reached": {"eu": 12, "us": 3},
 *                  "redacted": {"eu-us-reach": 290}, "blocked": 5}, …],
 *  "by_workload": [{"name": "support-bot", "totals": {…}, "jurisdictions": {"eu": 10, "us": 2}}, …],
 *  "by_key": […], "by_team": […],
 *  "by_provider": [{"name": "bedrock-eu", "profile": "claude-bedrock-eu", "jurisdiction": "eu-us-reach",
 *                   "score": 41.3, "totals": {…}}, …],
 *  "outside_eu": {"requests": 15, "input_tokens": 900, "output_tokens": 300,
 *                 "flows": [{"rule": "default", "provider": "anthropic", "jurisdiction": "us",
 *                            "categories": {"pii.phone": 3}, "requests": 3}]}}
 * }</pre>
 */
public record Posture(
        Instant from,
        Instant to,
        String granularity,
        Map<String, Long> weights,
        String organisationDomicile,
        Totals totals,
        List<Bucket> series,
        List<CategoryFlow> categories,
        List<Group> byWorkload,
        List<Group> byKey,
        List<Group> byTeam,
        List<ProviderRow> byProvider,
        OutsideEu outsideEu) {

    /**
     * Counts over a set of requests. A request is {@code forwarded} when it went to a provider (as it was or
     * after redaction), {@code redacted} when some of its data was replaced first, {@code rerouted} when it went to
     * a route the policy chose rather than where its model is served; {@code failed} counts forwarded requests that
     * ended with an error status. Scores are the mean Sovereignty Index total of where forwarded requests went, per
     * request and per token (input plus output), or {@code null} when nothing was forwarded (or no tokens were
     * reported); {@code unscoredRequests} went to a provider without a profile and counted as 0.
     */
    public record Totals(
            long requests,
            long forwarded,
            long redacted,
            long rerouted,
            long blocked,
            long unroutable,
            long failed,
            long inputTokens,
            long outputTokens,
            Double scoreByRequests,
            Double scoreByTokens,
            long unscoredRequests) {}

    /**
     * One period of the series, starting at {@code start} (UTC), with the forwarded requests of the period counted
     * by the provider that served them and its jurisdiction as recorded (a request that fell back counts once, at its
     * last target, as in the groups).
     */
    public record Bucket(Instant start, Totals totals, Map<String, Long> jurisdictions, Map<String, Long> providers) {}

    /**
     * Where one category went: {@code reached} counts requests whose values of it reached a provider, per
     * jurisdiction; {@code redacted} those where it was replaced before forwarding; {@code blocked} those refused.
     */
    public record CategoryFlow(
            String category, long requests, Map<String, Long> reached, Map<String, Long> redacted, long blocked) {}

    /** The requests of one workload, key or team, with the jurisdictions they went to. */
    public record Group(String name, Totals totals, Map<String, Long> jurisdictions) {}

    /**
     * The requests sent to one provider.
     *
     * @param score the deployment's Sovereignty Index total at the end of the window, or {@code null} without a
     *     profile
     */
    public record ProviderRow(String name, String profile, String jurisdiction, Double score, Totals totals) {}

    /**
     * Requests whose sensitive data (any category but {@code content.*}) reached a provider outside EU
     * jurisdiction ({@code us}, {@code eu-us-reach}, {@code adequate}, {@code unknown}), grouped by the rule that
     * sent them.
     */
    public record OutsideEu(long requests, long inputTokens, long outputTokens, List<Flow> flows) {}

    /** One rule's sensitive traffic to one provider outside EU jurisdiction, with its categories. */
    public record Flow(
            String rule, String provider, String jurisdiction, Map<String, Long> categories, long requests) {}

    public JsonNode toJson() {
        return ReportJson.MAPPER.valueToTree(this);
    }
}
