package dev.sovereign.policy;

import java.util.List;
import java.util.Objects;

/**
 * What the gateway does with one request: forward it to a provider (as a given upstream model), possibly after
 * replacing some of its data, or refuse it. Produced by a {@link Decider}; the gateway acts on it and records it.
 *
 * @param ruleId the rule that decided, reported in {@code x-sovereign-rule}
 * @param message for a refusal, the safe message shown to the end user
 * @param route the policy route's name, or {@code null} when the model's provider was taken
 * @param redaction what to replace before forwarding, or {@code null}
 * @param fallbacks where the request may go next, in order, when {@code providerId} fails before answering: the
 *     policy route's other targets (empty when there are none)
 */
public record Decision(
        Action action,
        String ruleId,
        String providerId,
        String upstreamModel,
        String message,
        String route,
        Redaction redaction,
        List<Target> fallbacks) {
    public enum Action {
        /** Send to {@code providerId} as {@code upstreamModel}. */
        FORWARD,
        /** Refuse by policy, with {@code message} for the end user. */
        BLOCK,
        /** Refuse because no provider serves the requested model. */
        UNROUTABLE
    }

    /** A provider and the model to ask it for. */
    public record Target(String providerId, String upstreamModel) {
        public Target {
            Objects.requireNonNull(providerId, "providerId");
            Objects.requireNonNull(upstreamModel, "upstreamModel");
        }
    }

    public Decision {
        Objects.requireNonNull(action, "action");
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
        Objects.requireNonNull(ruleId, "ruleId");
        if (action == Action.FORWARD) {
            Objects.requireNonNull(providerId, "providerId");
            Objects.requireNonNull(upstreamModel, "upstreamModel");
        }
    }

    public Decision(
            Action action,
            String ruleId,
            String providerId,
            String upstreamModel,
            String message,
            String route,
            Redaction redaction) {
        this(action, ruleId, providerId, upstreamModel, message, route, redaction, List.of());
    }

    public Decision(Action action, String ruleId, String providerId, String upstreamModel, String message) {
        this(action, ruleId, providerId, upstreamModel, message, null, null, List.of());
    }

    /** The same decision, sent to {@code target} instead, with no further fallbacks. */
    public Decision at(Target target) {
        return new Decision(
                action, ruleId, target.providerId(), target.upstreamModel(), message, route, redaction, List.of());
    }

    /** The same decision with only {@code allowed} as fallbacks. */
    public Decision withFallbacks(List<Target> allowed) {
        return new Decision(action, ruleId, providerId, upstreamModel, message, route, redaction, allowed);
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
