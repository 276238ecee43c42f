package dev.sovereign.audit;

import java.util.List;

/**
 * What {@link AuditVerifier} found: each chain's extent and how much of it signed checkpoints cover, every break
 * (ordered by position within a chain), and notes that are not breaks.
 */
public record VerifyReport(List<Chain> chains, List<Break> breaks, List<String> notes, boolean timeStampsChecked) {
    public VerifyReport {
        chains = List.copyOf(chains);
        breaks = List.copyOf(breaks);
        notes = List.copyOf(notes);
    }

    public VerifyReport(List<Chain> chains, List<Break> breaks, List<String> notes) {
        this(chains, breaks, notes, false);
    }

    public boolean intact() {
        return breaks.isEmpty();
    }

    public long events() {
        return chains.stream().mapToLong(Chain::events).sum();
    }

    /**
     * Whether every event is covered by a checkpoint its own writer signed in normal operation: none is unanchored,
     * none rests only on a seal made after a crash; and, when time-stamp tokens were checked, none older than the
     * allowed lag lacks a valid token. What {@code sovereign audit verify --strict} requires.
     */
    public boolean fullyAnchored() {
        return chains.stream()
                .allMatch(c -> c.unanchored() == 0 && c.anchoredAfterCrash() == 0 && c.timeStampOverdue() == 0);
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
     * How much of one chain signed checkpoints cover. Each event counts under the first checkpoint (in chain order)
     * that covers it: {@code anchored} when its writer signed that checkpoint while running, {@code
     * anchoredAfterCrash} when it is a {@code recovered} seal signed by a later process over a chain left without
     * its stop checkpoint (whoever held the database between the crash and the seal could have rewritten those
     * events), {@code unanchored} when no checkpoint covers it yet (its end could be cut or rewritten without a
     * trace).
     *
     * @param prunedThrough the last event deleted by retention, or 0
     * @param timeStamped events covered by a checkpoint that carries a valid external time-stamp token (0 when
     *     tokens were not checked)
     * @param timeStampOverdue events older than the allowed lag that no valid token covers yet (0 when tokens were
     *     not checked)
     * @param lastTimeStamp the time in the newest valid token, or {@code null}
     */
    public record Chain(
            String writer,
            long firstSeq,
            long lastSeq,
            long events,
            int checkpoints,
            long anchored,
            long anchoredAfterCrash,
            long unanchored,
            long prunedThrough,
            int breaks,
            long timeStamped,
            long timeStampOverdue,
            java.time.Instant lastTimeStamp) {

        public Chain(
                String writer,
                long firstSeq,
                long lastSeq,
                long events,
                int checkpoints,
                long anchored,
                long anchoredAfterCrash,
                long unanchored,
                long prunedThrough,
                int breaks) {
            this(
                    writer,
                    firstSeq,
                    lastSeq,
                    events,
                    checkpoints,
                    anchored,
                    anchoredAfterCrash,
                    unanchored,
                    prunedThrough,
                    breaks,
                    0,
                    0,
                    null);
        }
    }

    /** One break, at event {@code seq} of {@code writer}'s chain ({@code writer} null for a file problem). */
    public record Break(String writer, long seq, Kind kind, String message) {}
}
