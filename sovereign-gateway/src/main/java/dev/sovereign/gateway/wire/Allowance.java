package dev.sovereign.gateway.wire;

/**
 * What a request holds of its usage limits until it ends: tokens and spend taken as estimated, a concurrency slot.
 * Settled once, at completion.
 */
public interface Allowance {
    /** A request that takes nothing from any limit. */
    Allowance NONE = (tokens, microUsd, refund) -> {};

    /**
     * Corrects the estimates to what was used and frees what was held.
     *
     * @param tokens input plus output tokens the provider reported, or -1 when it did not
     * @param microUsd the estimated cost of that usage in millionths of a dollar, or -1 when not priced
     * @param refund whether nothing reached the provider (the estimates are given back)
     */
    void settle(long tokens, long microUsd, boolean refund);
}
