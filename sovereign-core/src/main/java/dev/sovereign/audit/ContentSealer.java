package dev.sovereign.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts captured prompt and answer text for the audit store with AES-256-GCM (the JDK's provider), so that
 * the store holds only ciphertext and whoever reads it back needs the key. The key is 32 bytes, base64, from
 * the environment ({@value #KEY_ENV}); its id (first 8 bytes of its SHA-256, hex) is stored beside each
 * ciphertext. The event's request id is bound as associated data, so a ciphertext moved to another event does
 * not decrypt. Thread-safe.
 */
public final class ContentSealer {
    public static final String KEY_ENV = "SOVEREIGN_AUDIT_CAPTURE_KEY";
    public static final String ALG = "A256GCM";

    private final SecretKey key;
    private final String keyId;
    private final SecureRandom random;

    private ContentSealer(byte[] key, SecureRandom random) {
        this.key = new SecretKeySpec(key, "AES");
        this.keyId = id(key);
        this.random = random;
    }

    /**
     * The sealer for the base64 key {@code base64Key}.
     *
     * @throws IllegalArgumentException when it is not 32 bytes of base64
     */
    public static ContentSealer of(String base64Key) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KEY_ENV + " is not base64", e);
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException(
                    KEY_ENV + " must be 32 bytes (base64 of 32 random bytes, e.g. `openssl rand -base64 32`), not "
                            + raw.length);
        }
        return new ContentSealer(raw, new SecureRandom());
    }

    public String keyId() {
        return keyId;
    }

    public AuditEvent.SealedContent seal(String text, String requestId) {
        byte[] iv = new byte[12];
        random.nextBytes(iv);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            c.updateAAD(requestId.getBytes(StandardCharsets.UTF_8));
            byte[] data = c.doFinal(text.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder b64 = Base64.getEncoder();
            return new AuditEvent.SealedContent(ALG, keyId, b64.encodeToString(iv), b64.encodeToString(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * The text of {@code content}.
     *
     * @throws IllegalArgumentException when it was sealed with another key, or altered
     */
    public String open(AuditEvent.SealedContent content, String requestId) {
        if (!ALG.equals(content.alg()) || !keyId.equals(content.key())) {
            throw new IllegalArgumentException(
                    "content was sealed with key " + content.key() + ", not with this key (" + keyId + ")");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            Base64.Decoder b64 = Base64.getDecoder();
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, b64.decode(content.iv())));
            c.updateAAD(requestId.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(b64.decode(content.data())), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("captured content does not decrypt: altered or wrong key", e);
        }
    }

    private static String id(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
