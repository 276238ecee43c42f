package dev.sovereign.policy;

import java.util.Objects;

/**
 * What the gateway does with one request: forward it to a provider (as a given upstream model), possibly after
 * replacing some of its data, or refuse it. Produced by a {@link Decider}; the gateway acts on it and records it.
 *
 * @param ruleId the rule that decided, reported in {@code x-sovereign-rule}
 * @param message for a refusal, the safe message shown to the end user
 * @param route the policy route's name, or {@code null} when the model's provider was taken
 * @param redaction what to replace before forwarding, or {@code null}
 */
public record Decision(
        Action action,
        String ruleId,
        String providerId,
        String upstreamModel,
        String message,
        String route,
        Redaction redaction) {
    public enum Action {
        /** Send to {@code providerId} as {@code upstreamModel}. */
        FORWARD,
        /** Refuse by policy, with {@code message} for the end user. */
        BLOCK,
        /** Refuse because no provider serves the requested model. */
        UNROUTABLE
    }

    public Decision {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(ruleId, "ruleId");
        if (action == Action.FORWARD) {
            Objects.requireNonNull(providerId, "providerId");
            Objects.requireNonNull(upstreamModel, "upstreamModel");
        }
    }

    public Decision(Action action, String ruleId, String providerId, String upstreamModel, String message) {
        this(action, ruleId, providerId, upstreamModel, message, null, null);
    }

    public static Decision forward(String ruleId, String providerId, String upstreamModel) {
        return new Decision(Action.FORWARD, ruleId, providerId, upstreamModel, null);
    }

    public static Decision block(String ruleId, String message) {
        return new Decision(Action.BLOCK, ruleId, null, null, message);
    }

    public static Decision unroutable(String ruleId, String message) {
        return new Decision(Action.UNROUTABLE, ruleId, null, null, message);
    }

    /** The action as policies and audit events name it: {@code forward}, {@code redact}, {@code block}, {@code unroutable}. */
    public String actionId() {
        if (action == Action.FORWARD) return redaction == null ? "forward" : "redact";
        return action == Action.BLOCK ? "block" : "unroutable";
    }
}
