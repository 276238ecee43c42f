package dev.sovereign.policy;

import dev.sovereign.policy.internal.Conditions;
import java.util.Locale;

/**
 * One rule of a policy: when its condition holds (the first such rule wins), forward to a route, redact then
 * forward, or block with a message.
 *
 * @param route the route's name, or {@code null} to send the request where its model is served
 * @param redaction for {@code REDACT}, what to replace
 * @param message for {@code BLOCK}, what the end user reads
 */
public record Rule(
        String id, Conditions.Condition when, Action action, String route, Redaction redaction, String message) {

    /** The rule's CEL condition as written in the policy. */
    public String condition() {
        return when.source();
    }

    public enum Action {
        FORWARD,
        REDACT,
        BLOCK;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
