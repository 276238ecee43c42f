package dev.sovereign.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signs and verifies checkpoints with Ed25519 (the JDK's provider). Keys are PEM files: a PKCS#8 private key
 * ({@code BEGIN PRIVATE KEY}) for the gateway, an X.509 public key ({@code BEGIN PUBLIC KEY}) for whoever
 * verifies. A verifier holds only the public key. Thread-safe.
 */
public final class AuditSigner {
    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    private AuditSigner(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = keyId(publicKey);
    }

    /** A new key pair written to {@code privatePem} (owner read/write only) and {@code publicPem}. */
    public static AuditSigner generate(Path privatePem, Path publicPem) throws IOException {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        }
        Path dir = privatePem.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        Files.deleteIfExists(privatePem);
        Files.createFile(privatePem);
        try {
            Files.setPosixFilePermissions(privatePem, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's protection applies
        }
        Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        return new AuditSigner(pair.getPrivate(), pair.getPublic());
    }

    /** A signer from a private key file and its public key file. */
    public static AuditSigner load(Path privatePem, Path publicPem) {
        return new AuditSigner(readPrivate(privatePem), readPublic(publicPem));
    }

    /** A verifier only: it cannot sign. */
    public static AuditSigner verifier(Path publicPem) {
        return new AuditSigner(null, readPublic(publicPem));
    }

    /** The first 16 hex digits of the SHA-256 of the public key, named in every checkpoint it signs. */
    public String keyId() {
        return keyId;
    }

    public boolean canSign() {
        return privateKey != null;
    }

    public Checkpoint sign(Checkpoint checkpoint) {
        if (privateKey == null) throw new IllegalStateException("this signer holds no private key");
        Checkpoint withKey = checkpoint.signed(keyId, null);
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(withKey.payload().getBytes(StandardCharsets.UTF_8));
            return withKey.signed(keyId, Base64.getEncoder().encodeToString(s.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing a checkpoint failed", e);
        }
    }

    /** Whether {@code checkpoint} carries a valid signature by this key. */
    public boolean verify(Checkpoint checkpoint) {
        if (checkpoint.sig() == null || !keyId.equals(checkpoint.key())) return false;
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(publicKey);
            s.update(checkpoint.payload().getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(checkpoint.sig()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static PrivateKey readPrivate(Path file) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(decodePem(file, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new AuditKeyException(file + ": not an Ed25519 private key (" + e.getMessage() + ")", e);
        }
    }

    private static PublicKey readPublic(Path file) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(decodePem(file, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new AuditKeyException(file + ": not an Ed25519 public key (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] decodePem(Path file, String type) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new AuditKeyException(file + ": cannot be read: " + e.getMessage(), e);
        }
        Matcher m = PEM.matcher(text);
        if (!m.find() || !m.group(1).equals(type)) {
            throw new AuditKeyException(file + ": expected a PEM block 'BEGIN " + type + "'", null);
        }
        try {
            return Base64.getMimeDecoder().decode(m.group(2).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new AuditKeyException(file + ": the PEM block is not valid base64", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key file that is missing, unreadable or not an Ed25519 key. */
    public static final class AuditKeyException extends RuntimeException {
        AuditKeyException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
