package dev.sovereign.audit;

import java.util.List;

/**
 * What {@link AuditVerifier} found: each chain's extent and how much of it signed checkpoints cover, every break
 * (ordered by position within a chain), and notes that are not breaks.
 */
public record VerifyReport(List<Chain> chains, List<Break> breaks, List<String> notes) {
    public VerifyReport {
        chains = List.copyOf(chains);
        breaks = List.copyOf(breaks);
        notes = List.copyOf(notes);
    }

    public boolean intact() {
        return breaks.isEmpty();
    }

    public long events() {
        return chains.stream().mapToLong(Chain::events).sum();
    }

    public enum Kind {
        MODIFIED,
        DELETED,
        INSERTED,
        REORDERED,
        COLUMN_EDITED,
        UNSIGNED_CHAIN,
        BAD_CHECKPOINT
    }

    /**
     * @param unanchored events after the last signed checkpoint (their end could be cut without a trace)
     * @param prunedThrough the last event deleted by retention, or 0
     */
    public record Chain(
            String writer,
            long firstSeq,
            long lastSeq,
            long events,
            int checkpoints,
            long unanchored,
            long prunedThrough,
            int breaks) {}

    /** One break, at event {@code seq} of {@code writer}'s chain ({@code writer} null for a file problem). */
    public record Break(String writer, long seq, Kind kind, String message) {}
}
