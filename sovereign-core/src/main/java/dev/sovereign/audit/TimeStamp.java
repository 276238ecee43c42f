package dev.sovereign.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An RFC 3161 time-stamp token over one checkpoint: a time-stamping authority outside the gateway's control signed
 * that the checkpoint's text existed at {@code time}. Whoever later holds the gateway's machine (its signing key
 * included) can sign a rewritten checkpoint, but not a token with the authority's key, nor one dated in the past.
 *
 * @param writer the checkpoint's writer
 * @param seq the checkpoint's position
 * @param imprint the SHA-256 (hex) of the checkpoint's {@link Checkpoint#line()}, which the token signs
 * @param time the time the authority put in the token, as it said when the token was received (verification
 *     reads it from the token again)
 * @param authority where the token came from (a URL without credentials), for people reading the record
 * @param token the DER-encoded token (a CMS SignedData), base64
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimeStamp(String writer, long seq, String imprint, Instant time, String authority, String token) {

    public TimeStamp {
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(imprint, "imprint");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(token, "token");
    }

    /** The canonical text as stored. */
    public String line() {
        return AuditJson.canonical(this);
    }

    /** What a token over {@code checkpoint} must sign: the SHA-256 of its stored text, signature included. */
    public static byte[] digest(Checkpoint checkpoint) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(checkpoint.line().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static String imprintOf(Checkpoint checkpoint) {
        return HexFormat.of().formatHex(digest(checkpoint));
    }
}
