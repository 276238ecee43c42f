package dev.sovereign.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One audit event: a {@code decision} (committed before the upstream call), a {@code fallback} (committed before
 * the request goes to the route's next target because the previous one failed before answering; its route is the
 * new target, its result how the previous attempt failed) or a {@code completion} (after the answer, naming the
 * target that served). Holds who asked, what kinds of data the request carried (category counts, never values), what the
 * gateway decided and where the data went. Never prompt or answer text: {@link #content} is the encrypted
 * capture an operator may turn on, and is absent otherwise.
 *
 * <p>Serialised as canonical JSON ({@link AuditJson}); absent parts are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEvent(
        Type type,
        Instant time,
        @JsonProperty("request_id") String requestId,
        Subject subject,
        Request request,
        Map<String, Integer> categories,
        List<String> labels,
        Route route,
        List<GuaranteeCheck> guarantees,
        Result result,
        SealedContent content) {

    public enum Type {
        @JsonProperty("decision")
        DECISION,
        @JsonProperty("fallback")
        FALLBACK,
        @JsonProperty("completion")
        COMPLETION,
        /** A request refused by a usage limit of its key, team or workload before it left: the only event it has. */
        @JsonProperty("limited")
        LIMITED;

        public String id() {
            return switch (this) {
                case DECISION -> "decision";
                case FALLBACK -> "fallback";
                case COMPLETION -> "completion";
                case LIMITED -> "limited";
            };
        }

        public static Type of(String id) {
            return switch (id) {
                case "decision" -> DECISION;
                case "fallback" -> FALLBACK;
                case "completion" -> COMPLETION;
                case "limited" -> LIMITED;
                default ->
                    throw new IllegalArgumentException(
                            "unknown event type '" + id + "' (decision, fallback, completion, limited)");
            };
        }
    }

    public AuditEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(requestId, "requestId");
        categories = categories == null ? null : new TreeMap<>(categories);
        labels = labels == null ? null : List.copyOf(labels);
        guarantees = guarantees == null ? null : List.copyOf(guarantees);
    }

    /** Who sent the request: the client key, its team and workload. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Subject(String key, String team, String workload) {}

    /** What the client asked for, without its content. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Request(String api, String operation, String model, Boolean stream, Long bytes) {
        public Request {
            bytes = exact(bytes);
        }
    }

    /**
     * Where the request went, and which rule sent it there.
     *
     * @param policyRoute the policy route the rule chose, or absent when the request went where its model is served
     * @param redacted the request's categories that the decision replaces (masks or pseudonymizes) before
     *     forwarding, so their values do not reach the provider; absent when none
     * @param upstreamApi the API format the request was translated into for the provider ({@code anthropic},
     *     {@code openai}); absent when it left in the format the client sent
     * @param policy the digest of the policy that decided (the one {@code GET /admin/policy} shows), on decision
     *     events; absent on events recorded before it was kept
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Route(
            String rule,
            String action,
            String provider,
            String region,
            String jurisdiction,
            @JsonProperty("upstream_model") String upstreamModel,
            @JsonProperty("policy_route") String policyRoute,
            List<String> redacted,
            @JsonProperty("upstream_api") String upstreamApi,
            String policy) {
        public Route {
            redacted = redacted == null || redacted.isEmpty() ? null : List.copyOf(redacted);
        }

        public Route(
                String rule,
                String action,
                String provider,
                String region,
                String jurisdiction,
                String upstreamModel,
                String policyRoute,
                List<String> redacted,
                String upstreamApi) {
            this(rule, action, provider, region, jurisdiction, upstreamModel, policyRoute, redacted, upstreamApi, null);
        }

        public Route(
                String rule,
                String action,
                String provider,
                String region,
                String jurisdiction,
                String upstreamModel,
                String policyRoute,
                List<String> redacted) {
            this(rule, action, provider, region, jurisdiction, upstreamModel, policyRoute, redacted, null, null);
        }

        public Route(
                String rule, String action, String provider, String region, String jurisdiction, String upstreamModel) {
            this(rule, action, provider, region, jurisdiction, upstreamModel, null, null, null, null);
        }

        /** {@link #redacted}, or empty. */
        public List<String> redactedOrEmpty() {
            return redacted == null ? List.of() : redacted;
        }
    }

    /** One guarantee of the policy checked for this request. */
    public record GuaranteeCheck(String id, boolean held) {}

    /**
     * How the exchange ended. Numbers are kept within ±(2^53 − 1), the integers every JSON implementation reads
     * exactly (RFC 8785, I-JSON): an upstream that reports more tokens than that is recorded at the limit.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(
            int status,
            @JsonProperty("latency_ms") Long latencyMs,
            @JsonProperty("ttft_ms") Long ttftMs,
            @JsonProperty("input_tokens") Long inputTokens,
            @JsonProperty("output_tokens") Long outputTokens,
            @JsonProperty("cost_micro_usd") Long costMicroUsd,
            @JsonProperty("error") String errorKey,
            Boolean cancelled) {
        public Result {
            latencyMs = exact(latencyMs);
            ttftMs = exact(ttftMs);
            inputTokens = exact(inputTokens);
            outputTokens = exact(outputTokens);
            costMicroUsd = exact(costMicroUsd);
        }
    }

    /** The largest integer a JSON number holds exactly. */
    public static final long MAX_EXACT = (1L << 53) - 1;

    static Long exact(Long v) {
        return v == null ? null : Math.max(-MAX_EXACT, Math.min(MAX_EXACT, v));
    }

    /** Captured text, encrypted (AES-256-GCM); only present when an operator turned capture on. */
    public record SealedContent(String alg, String key, String iv, String data) {}

    /** Category names, in order, with their counts; empty when the request carried none. */
    public Map<String, Integer> categoriesOrEmpty() {
        return categories == null ? Map.of() : categories;
    }
}
