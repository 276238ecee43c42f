package dev.sovereign.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where and how the audit trail is kept.
 *
 * @param store {@code sqlite:<file>} or {@code postgresql://host[:port]/database[?user=…]} (also as a
 *     {@code jdbc:} URL)
 * @param password the PostgreSQL password, from {@code password_env} or {@code password_file}; never inline
 * @param writer this process's chain id; empty for a new id at every start ({@code <host>-<random>})
 * @param signingKey the Ed25519 private key (PKCS#8 PEM) that signs checkpoints; created when missing
 * @param verifyKey the matching public key (X.509 PEM), for {@code sovereign audit verify}
 * @param checkpoints the directory of checkpoint files, kept outside the store
 * @param capture whether prompt and answer text are stored (encrypted with {@code SOVEREIGN_AUDIT_CAPTURE_KEY})
 * @param retentionDays events older than this are deleted daily; 0 keeps them forever
 * @param sqliteSync {@code normal} (durable across process crashes) or {@code full} (also across power loss)
 * @param poolSize PostgreSQL connections of this process
 * @param timestamp the RFC 3161 authority that anchors checkpoints outside the gateway; empty for none
 */
public record AuditConfig(
        boolean enabled,
        String store,
        Optional<Secret> password,
        Optional<String> writer,
        Path signingKey,
        Path verifyKey,
        Path checkpoints,
        Duration checkpointInterval,
        boolean capture,
        int retentionDays,
        String sqliteSync,
        int poolSize,
        Optional<TimestampConfig> timestamp) {

    public AuditConfig(
            boolean enabled,
            String store,
            Optional<Secret> password,
            Optional<String> writer,
            Path signingKey,
            Path verifyKey,
            Path checkpoints,
            Duration checkpointInterval,
            boolean capture,
            int retentionDays,
            String sqliteSync,
            int poolSize) {
        this(
                enabled,
                store,
                password,
                writer,
                signingKey,
                verifyKey,
                checkpoints,
                checkpointInterval,
                capture,
                retentionDays,
                sqliteSync,
                poolSize,
                Optional.empty());
    }

    /** The defaults under {@code dataDir}: SQLite, a key pair and checkpoints beside it. */
    public static AuditConfig defaults(Path dataDir) {
        return new AuditConfig(
                true,
                "sqlite:" + dataDir.resolve("audit.db"),
                Optional.empty(),
                Optional.empty(),
                dataDir.resolve("audit-signing.key"),
                dataDir.resolve("audit-signing.pub"),
                dataDir.resolve("checkpoints"),
                Duration.ofSeconds(1),
                false,
                0,
                "normal",
                4);
    }

    public boolean postgres() {
        return !store.startsWith("sqlite:");
    }

    /** The store URL with any password in it masked, for logs. */
    public String describeStore() {
        return mask(store);
    }

    /** {@code url} with any password in it masked. */
    public static String mask(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1****").replaceAll("//([^/:@]+):[^@/]*@", "//$1:****@");
    }

    /** The public key's default path: the private key's with {@code .key} replaced by {@code .pub}. */
    public static Path publicKeyFor(Path signingKey) {
        String name = signingKey.getFileName().toString();
        String base = name.endsWith(".key") ? name.substring(0, name.length() - 4) : name;
        return signingKey.resolveSibling(base + ".pub");
    }
}
