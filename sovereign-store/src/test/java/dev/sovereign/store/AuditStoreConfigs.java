package dev.sovereign.store;

import dev.sovereign.config.AuditConfig;
import dev.sovereign.config.Secret;
import java.nio.file.Path;
import java.util.Optional;

/** Store settings that cannot work, for the error-message tests. */
record AuditStoreConfigs(Path dir) {
    AuditConfig unreachable(Stores.Kind kind) {
        AuditConfig d = AuditConfig.defaults(dir);
        if (kind == Stores.Kind.SQLITE) {
            // A directory where the database file should be.
            try {
                java.nio.file.Files.createDirectories(dir.resolve("blocked").resolve("audit.db"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return Stores.withStore(d, "sqlite:" + dir.resolve("blocked").resolve("audit.db"));
        }
        AuditConfig c = Stores.withStore(d, "postgresql://postgres@127.0.0.1:1/nowhere");
        return new AuditConfig(
                true,
                c.store(),
                Optional.of(new Secret("hunter2", "env:PGPASSWORD")),
                c.writer(),
                c.signingKey(),
                c.verifyKey(),
                c.checkpoints(),
                c.checkpointInterval(),
                false,
                0,
                "normal",
                1);
    }
}
