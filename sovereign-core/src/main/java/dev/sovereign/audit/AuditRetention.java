package dev.sovereign.audit;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Deletes events older than a cutoff while keeping every chain verifiable: for each writer, the longest prefix
 * of its chain that is entirely older than the cutoff goes, after a signed {@code retention} checkpoint that
 * names the last deleted event's hash (the next event's {@code prev_hash}) is written to the store and the
 * checkpoint file. {@link AuditVerifier} starts the chain from that anchor.
 */
public final class AuditRetention {
    private final AuditStore store;
    private final AuditSigner signer;
    private final CheckpointLog checkpointLog;
    private final Clock clock;

    public AuditRetention(AuditStore store, AuditSigner signer, CheckpointLog checkpointLog, Clock clock) {
        if (!signer.canSign()) throw new IllegalArgumentException("retention needs the private signing key");
        this.store = store;
        this.signer = signer;
        this.checkpointLog = checkpointLog;
        this.clock = clock;
    }

    /** What was deleted from one chain: events up to and including {@code throughSeq}. */
    public record Pruned(String writer, long throughSeq, long deleted) {}

    public List<Pruned> deleteOlderThan(Instant cutoff) throws IOException {
        List<Pruned> result = new ArrayList<>();
        for (String writer : store.writers()) {
            Optional<StoredEvent> last = store.lastOlderThan(writer, cutoff);
            if (last.isEmpty()) continue;
            StoredEvent e = last.get();
            Checkpoint anchor = signer.sign(new Checkpoint(
                    writer,
                    e.seq(),
                    e.hash(),
                    Instant.now(clock).truncatedTo(ChronoUnit.MILLIS),
                    Checkpoint.RETENTION,
                    null,
                    null));
            // The anchor goes first: deleted events without an anchor would read as tampering.
            store.addCheckpoint(anchor);
            if (checkpointLog != null) checkpointLog.append(anchor);
            result.add(new Pruned(writer, e.seq(), store.deleteThrough(writer, e.seq())));
        }
        return result;
    }
}
