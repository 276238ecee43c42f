package dev.sovereign.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Why a request would go where it goes: what was found in it, which rule decided, where the data would go, and
 * whether each guarantee held. Produced by {@link Explainer}; nothing was forwarded. It holds the categories,
 * offsets and detectors of the findings, never the values.
 *
 * <p>Its JSON form ({@link #toJson()}) is stable: snake_case keys in this order, every key always present
 * ({@code null} where it does not apply), lists and maps sorted as described:
 *
 * <pre>{@code
 * {
 *   "policy": "config/policy.yaml",           // null: no policy, requests go where their model is served
 *   "request": {"api": "openai", "operation": "chat_completions", "model": "claude-sonnet-4-5",
 *               "stream": false, "size_bytes": 312},
 *   "subject": {"key": null, "team": null, "workload": "hr-assistant", "labels": ["confidential"]},
 *   "categories": {"label.confidential": 1, "pii.email": 1},          // sorted by name
 *   "findings": [{"segment": "/messages/0/content", "category": "pii.email", "start": 11, "end": 28,
 *                 "confidence": 0.95, "detector": "email"}],          // request order, then offset
 *   "decision": {"action": "redact", "rule": "pii-eu", "message": null, "route": "claude-eu",
 *                "provider": "claude-eu", "upstream_model": "eu.claude-sonnet-4-5", "region": "eu-central-1",
 *                "jurisdiction": "us", "redaction": {"mode": "pseudonymize", "categories": ["pii.*"]},
 *                "reaching": ["label.confidential"]},                 // categories the provider would receive
 *   "guarantees": [{"id": "secrets-never-leave", "description": "…", "held": true}],  // policy order
 *   "would_forward": true
 * }
 * }</pre>
 *
 * @param policy where the policy came from, or {@code null} when requests are routed by model alone
 * @param categories category name to number of findings, sorted by name; declared labels appear as
 *     {@code label.<name>} and binary parts as {@code content.binary}
 * @param findings every finding with the JSON pointer of its segment, in request order
 * @param guarantees each guarantee of the policy and whether the decision keeps it (the gateway's route guard
 *     refuses a request whose decision breaks one)
 * @param wouldForward whether the request, redacted if the rule says so, would be sent to the provider: the action
 *     forwards and every guarantee held
 */
public record Explanation(
        String policy,
        Request request,
        Subject subject,
        Map<String, Integer> categories,
        List<FoundAt> findings,
        Outcome decision,
        List<GuaranteeCheck> guarantees,
        boolean wouldForward) {

    public Explanation {
        categories = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(categories));
        findings = List.copyOf(findings);
        guarantees = List.copyOf(guarantees);
    }

    /** What was asked for. */
    public record Request(String api, String operation, String model, boolean stream, long sizeBytes) {}

    /** Who would send it: the client key's id, team and workload, and the labels it declares (sorted). */
    public record Subject(String key, String team, String workload, List<String> labels) {
        public Subject {
            labels = labels.stream().sorted().toList();
        }
    }

    /**
     * One finding, located by the JSON pointer of its segment and the offsets in that segment's text.
     *
     * @param segment JSON pointer into the body ({@code /messages/0/content}), or {@code null} for findings given
     *     directly rather than found in a body
     * @param form what was read there: {@code value}, {@code key} (the member's key itself), {@code number},
     *     {@code identifier}, {@code encoded text} (a decoded base64 or {@code data:} payload) or {@code document
     *     text} (a PDF's text); {@code null} for findings given directly
     */
    public record FoundAt(
            String segment, String category, int start, int end, double confidence, String detector, String form) {
        /** A finding given directly, not found in a body. */
        public FoundAt(String segment, String category, int start, int end, double confidence, String detector) {
            this(segment, category, start, end, confidence, detector, segment == null ? null : "value");
        }
    }

    /**
     * What the policy decided and where the data would go.
     *
     * @param action {@code forward}, {@code redact}, {@code block} or {@code unroutable}
     * @param rule the rule that decided ({@code no-matching-rule} when none did; {@code model-routing} without a
     *     policy)
     * @param message for a refusal, what the end user reads
     * @param route the policy route's name, or {@code null} when the request goes where its model is served
     * @param provider the provider's id; {@code null} for a refusal
     * @param region the provider's region, when known
     * @param jurisdiction {@code us}, {@code eu}, {@code eu-us-reach}, {@code adequate} or {@code unknown};
     *     {@code null} for a refusal
     * @param redaction what a {@code redact} rule replaces before forwarding, else {@code null}
     * @param reaching the categories whose data the provider would receive (those found, less those redacted),
     *     sorted; empty for a refusal
     */
    public record Outcome(
            String action,
            String rule,
            String message,
            String route,
            String provider,
            String upstreamModel,
            String region,
            String jurisdiction,
            RedactionSpec redaction,
            List<String> reaching) {
        public Outcome {
            reaching = reaching.stream().sorted().toList();
        }

        /** Whether the decision sends the request (redacted or not) to a provider. */
        public boolean forwards() {
            return action.equals("forward") || action.equals("redact");
        }
    }

    /** A redaction as policies write it: {@code mask} or {@code pseudonymize}, and the category patterns. */
    public record RedactionSpec(String mode, List<String> categories) {
        public RedactionSpec {
            categories = List.copyOf(categories);
        }

        static RedactionSpec of(Redaction r) {
            return r == null ? null : new RedactionSpec(r.mode().id(), r.categories());
        }
    }

    /** One guarantee and whether the decision keeps it. */
    public record GuaranteeCheck(String id, String description, boolean held) {}

    /** The guarantees the decision breaks, by id, in policy order. */
    public List<String> broken() {
        return guarantees.stream()
                .filter(g -> !g.held())
                .map(GuaranteeCheck::id)
                .toList();
    }

    /** The JSON form described above, on one line. */
    public String toJson() {
        try {
            return PolicyJson.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an explanation is always serialisable", e);
        }
    }

    /** The JSON form as a tree, for callers that embed it. */
    public JsonNode toJsonTree() {
        return PolicyJson.MAPPER.valueToTree(this);
    }
}
