package dev.sovereign.limits;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where usage counters live: in this process ({@link InMemoryLimitStore}) or in a Redis that replicas share. A
 * counter counts within a window (its key names the window) and is forgotten after its time to live; a slot is held
 * by one request until it is freed or its time to live ends (a replica that dies does not hold its slots for ever).
 * Implementations are thread-safe; their futures may complete on any thread.
 */
public interface LimitStore extends AutoCloseable {

    /** A counter: its key, its limit, and what a request adds to it (or, when settling, the correction). */
    record Counter(String key, long limit, long amount, long ttlMillis) {}

    /** A slot of a concurrency limit, held by {@code member} (a request id). */
    record Slot(String key, long limit, String member, long ttlMillis) {}

    /**
     * What {@link #acquire} did.
     *
     * @param refused the index of the first counter or slot that would go over its limit (counters first, then
     *     slots), or -1 when all were taken
     * @param counts each counter's value and each slot key's number of held slots, after taking when taken, as they
     *     were otherwise
     */
    record Admission(int refused, List<Long> counts) {
        public Admission {
            counts = List.copyOf(counts);
        }

        public boolean admitted() {
            return refused < 0;
        }
    }

    /**
     * Takes every counter and slot at once, or none: a counter is taken when its value plus the amount stays within
     * its limit, a slot when fewer than its limit are held. Atomic across every client of the store.
     */
    CompletionStage<Admission> acquire(List<Counter> counters, List<Slot> slots);

    /** Adds each counter's amount (negative to give back), whatever the limit, and frees the slots. */
    CompletionStage<Void> settle(List<Counter> adjustments, List<Slot> release);

    /** The value of each counter key (0 when absent) and the number of held slots of each slot key, in that order. */
    CompletionStage<List<Long>> read(List<String> counterKeys, List<String> slotKeys);

    /** What the store is, for logs and the admin API: {@code memory} or {@code redis}. */
    String kind();

    @Override
    void close();
}
