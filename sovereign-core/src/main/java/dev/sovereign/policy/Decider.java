package dev.sovereign.policy;

/**
 * The Decide stage: a pure, synchronous function from what is known of a request to a {@link Decision}.
 * Implementations do no I/O and read no clock; they must be thread-safe.
 */
@FunctionalInterface
public interface Decider {
    Decision decide(RequestFacts facts);
}
