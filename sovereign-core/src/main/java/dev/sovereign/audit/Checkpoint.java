package dev.sovereign.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * A signed statement that a writer's chain reached event {@code seq} with hash {@code hash} at {@code time}.
 * Kept in the store and in a file outside it, so that a store replaced whole, or cut at its end, disagrees
 * with a signature nobody without the key can make.
 *
 * @param reason {@code start} (before a writer's first event; seq 0 for a new chain), {@code periodic},
 *     {@code stop}, {@code retention} (events up to {@code seq} were deleted on purpose; the chain resumes
 *     after {@code hash}), or {@code recovered} (signed by a later process over the end of a chain whose writer
 *     stopped without its stop checkpoint: the events it covers were sealed after the fact)
 * @param key the id of the signing key ({@link AuditSigner#keyId()})
 * @param sig the Ed25519 signature of {@link #payload()}, base64; {@code null} before signing
 * @param unanchored on a {@code recovered} checkpoint, how many events of the chain no signed checkpoint covered
 *     when it was sealed; {@code null} otherwise (and absent from the signed text, so older checkpoints verify)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Checkpoint(
        String writer, long seq, String hash, Instant time, String reason, String key, String sig, Long unanchored) {

    public static final String START = "start";
    public static final String PERIODIC = "periodic";
    public static final String STOP = "stop";
    public static final String RETENTION = "retention";
    public static final String RECOVERED = "recovered";

    public Checkpoint {
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(reason, "reason");
    }

    public Checkpoint(String writer, long seq, String hash, Instant time, String reason, String key, String sig) {
        this(writer, seq, hash, time, reason, key, sig, null);
    }

    /** The canonical text that is signed: everything but the signature. */
    public String payload() {
        return AuditJson.canonical(new Checkpoint(writer, seq, hash, time, reason, key, null, unanchored));
    }

    /** The canonical text as stored, signature included. */
    public String line() {
        return AuditJson.canonical(this);
    }

    public Checkpoint signed(String keyId, String signature) {
        return new Checkpoint(writer, seq, hash, time, reason, keyId, signature, unanchored);
    }
}
