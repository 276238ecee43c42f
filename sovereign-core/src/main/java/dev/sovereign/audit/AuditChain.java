package dev.sovereign.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain of one writer: {@code hash = SHA-256(prev_hash ‖ canonical JSON)}, where {@code prev_hash} is
 * the previous event's hash as 32 raw bytes ({@link #GENESIS} before the first event) and the JSON carries the
 * writer and sequence number, so that an edited, deleted, inserted or reordered event breaks every hash after
 * it. Not thread-safe: one instance per writer thread.
 */
public final class AuditChain {
    /** The previous hash of a writer's first event. */
    public static final String GENESIS = "0".repeat(64);

    private static final HexFormat HEX = HexFormat.of();

    private final String writer;
    private final String writerJson;
    private final MessageDigest sha256;
    private long seq;
    private String head;

    /** A chain that continues after event {@code seq} whose hash is {@code head} (0 and GENESIS when new). */
    public AuditChain(String writer, long seq, String head) {
        this.writer = writer;
        this.writerJson = AuditJson.canonicalString(writer);
        this.sha256 = newDigest();
        this.seq = seq;
        this.head = head;
    }

    public String writer() {
        return writer;
    }

    /** The sequence number of the last linked event (0 before the first). */
    public long seq() {
        return seq;
    }

    /** The hash of the last linked event. */
    public String head() {
        return head;
    }

    /** Links an event, whose canonical JSON is given, after the head. */
    public ChainedEvent link(AuditEvent event, String canonicalEvent) {
        long next = seq + 1;
        String body = "{\"event\":" + canonicalEvent + ",\"seq\":" + next + ",\"writer\":" + writerJson + "}";
        String hash = hash(sha256, head, body);
        ChainedEvent chained = new ChainedEvent(writer, next, head, hash, body, event);
        seq = next;
        head = hash;
        return chained;
    }

    /** Moves the head back or forward, after a failed commit or when the store knows better. */
    public void reset(long seq, String head) {
        this.seq = seq;
        this.head = head;
    }

    /** The hash of {@code body} after {@code prevHash}. */
    public static String hash(String prevHash, String body) {
        return hash(newDigest(), prevHash, body);
    }

    private static String hash(MessageDigest digest, String prevHash, String body) {
        digest.reset();
        digest.update(HEX.parseHex(prevHash));
        digest.update(body.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
