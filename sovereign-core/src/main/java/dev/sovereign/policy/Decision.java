package dev.sovereign.policy;

import java.util.Objects;

/**
 * What the gateway does with one request: forward it to a provider (as a given upstream model), or
 * refuse it. Produced by a {@link Decider}; the gateway acts on it and records it.
 *
 * @param ruleId the rule that decided, reported in {@code x-sovereign-rule}
 * @param message for a refusal, the safe message shown to the end user
 */
public record Decision(Action action, String ruleId, String providerId, String upstreamModel, String message) {
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

    public static Decision forward(String ruleId, String providerId, String upstreamModel) {
        return new Decision(Action.FORWARD, ruleId, providerId, upstreamModel, null);
    }

    public static Decision block(String ruleId, String message) {
        return new Decision(Action.BLOCK, ruleId, null, null, message);
    }

    public static Decision unroutable(String ruleId, String message) {
        return new Decision(Action.UNROUTABLE, ruleId, null, null, message);
    }
}
