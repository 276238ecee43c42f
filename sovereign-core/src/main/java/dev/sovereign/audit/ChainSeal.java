package dev.sovereign.audit;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals the chains that earlier processes left without a checkpoint over their last events (a crash, a
 * {@code kill -9}, a power loss): verifies each such chain up to its end and signs a {@link Checkpoint#RECOVERED}
 * checkpoint over it, recording how many events no checkpoint covered. From then on the chain can no longer be
 * cut or rewritten unnoticed, and verification reports those events as anchored after a crash: whoever held the
 * database between the crash and the seal could have changed them, and an auditor should know which they are.
 *
 * <p>A chain whose verification finds a break is not sealed (that would vouch for the tampering); it is logged
 * and left for {@code sovereign audit verify} to report. Blocking I/O; not thread-safe.
 */
public final class ChainSeal {
    private static final Logger LOG = LoggerFactory.getLogger(ChainSeal.class);

    private final AuditStore store;
    private final AuditSigner signer;
    private final CheckpointLog checkpointLog;
    private final Clock clock;

    /** @param checkpointLog the checkpoint directory, or {@code null} to write seals to the store only */
    public ChainSeal(AuditStore store, AuditSigner signer, CheckpointLog checkpointLog, Clock clock) {
        if (!signer.canSign()) throw new IllegalArgumentException("sealing chains needs the private signing key");
        this.store = store;
        this.signer = signer;
        this.checkpointLog = checkpointLog;
        this.clock = clock;
    }

    /** What one seal did. */
    public record Sealed(String writer, long seq, long unanchored) {}

    /** The chains whose last event no signed checkpoint covers, with their current end, by writer. */
    public Map<String, AuditStore.Head> uncovered() {
        Map<String, List<Checkpoint>> byWriter = new HashMap<>();
        for (Checkpoint c : store.checkpoints()) {
            byWriter.computeIfAbsent(c.writer(), w -> new ArrayList<>()).add(c);
        }
        Map<String, AuditStore.Head> open = new LinkedHashMap<>();
        for (String writer : store.writers()) {
            store.head(writer).ifPresent(head -> {
                if (head.seq() > covered(byWriter.getOrDefault(writer, List.of()))) open.put(writer, head);
            });
        }
        return open;
    }

    /**
     * The highest position a signed checkpoint covers. Checks signatures from the highest down and stops at the
     * first that holds: a store of a long-running gateway holds a checkpoint a second, and start must stay quick.
     */
    private long covered(List<Checkpoint> checkpoints) {
        List<Checkpoint> sorted = new ArrayList<>(checkpoints);
        sorted.sort(Comparator.comparingLong(Checkpoint::seq).reversed());
        for (Checkpoint c : sorted) {
            if (signer.verify(c)) return c.seq();
        }
        return 0;
    }

    /**
     * Verifies {@code writer}'s chain and, when intact and still ending at {@code expected}, signs a recovered
     * checkpoint over that end.
     *
     * @return the seal, or {@code null} when the chain moved (its writer is alive), is covered already, or does not
     *     verify
     */
    public Sealed seal(String writer, AuditStore.Head expected) {
        AuditStore.Head head = store.head(writer).orElse(null);
        if (head == null || !head.equals(expected)) return null;
        List<Checkpoint> own = new ArrayList<>();
        for (Checkpoint c : store.checkpoints()) {
            if (c.writer().equals(writer)) own.add(c);
        }
        long covered = covered(own);
        if (covered >= head.seq()) return null;
        VerifyReport report;
        try {
            report = new AuditVerifier(store, signer, checkpointLog).verify(writer);
        } catch (IOException e) {
            throw new AuditStoreException("checkpoint files in " + checkpointLog.dir() + ": " + e.getMessage(), e);
        }
        if (!report.intact()) {
            VerifyReport.Break first = report.breaks().get(0);
            LOG.error(
                    "audit chain of writer {} was left unsealed at #{} and does not verify ({} breaks; first at #{}:"
                            + " {}); not sealing it",
                    writer,
                    head.seq(),
                    report.breaks().size(),
                    first.seq(),
                    first.message());
            return null;
        }
        long unanchored = head.seq() - covered;
        Checkpoint c = signer.sign(new Checkpoint(
                writer,
                head.seq(),
                head.hash(),
                Instant.now(clock).truncatedTo(ChronoUnit.MILLIS),
                Checkpoint.RECOVERED,
                null,
                null,
                unanchored));
        store.addCheckpoint(c);
        if (checkpointLog != null) {
            try {
                checkpointLog.append(c);
            } catch (IOException e) {
                throw new AuditStoreException("checkpoint file in " + checkpointLog.dir() + ": " + e.getMessage(), e);
            }
        }
        LOG.warn(
                "audit chain of writer {} ended without a checkpoint over its last {} events (#{}–#{}); sealed it"
                        + " now: verification reports them as anchored after a crash",
                writer,
                unanchored,
                covered + 1,
                head.seq());
        return new Sealed(writer, head.seq(), unanchored);
    }
}
