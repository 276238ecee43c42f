package dev.sovereign.cost;

/**
 * What one group of requests (a workload, provider, model, key or team, or all of them) sent and cost.
 *
 * @param name the group's value, or {@code (none)} when the requests did not say
 * @param requests forwarded requests
 * @param costMicroUsd the estimated cost of the priced requests
 * @param unpricedRequests requests whose cost is unknown (no usage reported, or no price for their model):
 *     their tokens are in {@link #inputTokens}/{@link #outputTokens} but not in the cost
 * @param recomputedRequests priced requests whose audit event carried no estimate, priced now from the table
 */
public record Spend(
        String name,
        long requests,
        long inputTokens,
        long outputTokens,
        long costMicroUsd,
        long unpricedRequests,
        long unpricedInputTokens,
        long unpricedOutputTokens,
        long recomputedRequests) {

    /** A mutable tally, for building a report. Not thread-safe. */
    static final class Tally {
        final String name;
        long requests;
        long inputTokens;
        long outputTokens;
        long costMicroUsd;
        long unpricedRequests;
        long unpricedInputTokens;
        long unpricedOutputTokens;
        long recomputedRequests;

        Tally(String name) {
            this.name = name;
        }

        void add(long in, long out, Long cost, boolean recomputed) {
            requests++;
            inputTokens += in;
            outputTokens += out;
            if (cost == null) {
                unpricedRequests++;
                unpricedInputTokens += in;
                unpricedOutputTokens += out;
            } else {
                costMicroUsd += cost;
                if (recomputed) recomputedRequests++;
            }
        }

        Spend snapshot() {
            return new Spend(
                    name,
                    requests,
                    inputTokens,
                    outputTokens,
                    costMicroUsd,
                    unpricedRequests,
                    unpricedInputTokens,
                    unpricedOutputTokens,
                    recomputedRequests);
        }
    }
}
