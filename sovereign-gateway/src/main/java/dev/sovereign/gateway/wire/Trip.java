package dev.sovereign.gateway.wire;

import dev.sovereign.config.WireFormat;
import dev.sovereign.policy.Decision;
import java.util.Objects;

/**
 * What is known of one request at one point of its trip through the pipeline, as a value: who sent it, what the
 * policy decided, which target it went to and in which format, and whether its decision is in the audit trail. A
 * stage that learns something makes the next value ({@link #authenticated}, {@link #decided}, {@link #routed},
 * {@link #recorded}) and hands it on; the {@link Exchange} holds the latest for the response's head and for
 * completion, which read one value, never half of one step and half of the next.
 *
 * @param principal who sent it, {@code null} until authenticated
 * @param decision the decision in force: the policy's, then each target's in turn; {@code null} until decided
 * @param translatedTo the format the request left in for its target, {@code null} when it left in its own
 * @param audited whether a decision event was recorded, so that a completion event follows
 * @param allowance what the request holds of its usage limits, settled at completion
 */
public record Trip(
        String requestId,
        long startNanos,
        WireFormat api,
        Principal principal,
        Decision decision,
        WireFormat translatedTo,
        boolean audited,
        Allowance allowance) {

    public Trip {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(allowance, "allowance");
    }

    /** A request that has just arrived, in {@code api}'s format. */
    public static Trip started(String requestId, long startNanos, WireFormat api) {
        return new Trip(requestId, startNanos, api, null, null, null, false, Allowance.NONE);
    }

    /** The request's sender is known. */
    public Trip authenticated(Principal who) {
        return new Trip(
                requestId, startNanos, api, Objects.requireNonNull(who), decision, translatedTo, audited, allowance);
    }

    /** The policy decided; nothing has left yet. */
    public Trip decided(Decision d) {
        return new Trip(requestId, startNanos, api, principal, Objects.requireNonNull(d), null, audited, allowance);
    }

    /** The request goes to {@code target} (the decision or one of its fallbacks), in {@code format} or its own. */
    public Trip routed(Decision target, WireFormat format) {
        return new Trip(
                requestId, startNanos, api, principal, Objects.requireNonNull(target), format, audited, allowance);
    }

    /** Its decision event goes into the trail: a completion event must follow. */
    public Trip recorded() {
        return new Trip(requestId, startNanos, api, principal, decision, translatedTo, true, allowance);
    }

    /** The request holds {@code held} of its usage limits until it ends. */
    public Trip allowed(Allowance held) {
        return new Trip(
                requestId, startNanos, api, principal, decision, translatedTo, audited, Objects.requireNonNull(held));
    }

    /** The format the request left in for its target ({@code null} when it left in its own), as audit ids name it. */
    public String upstreamApi() {
        return translatedTo == null ? null : translatedTo.id();
    }
}
