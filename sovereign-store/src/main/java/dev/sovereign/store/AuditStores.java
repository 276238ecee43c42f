package dev.sovereign.store;

import dev.sovereign.audit.AuditStore;
import dev.sovereign.audit.AuditStoreException;
import dev.sovereign.config.AuditConfig;
import java.nio.file.Path;

/** Opens the audit store an {@link AuditConfig} names, creating or migrating its schema first. */
public final class AuditStores {
    private AuditStores() {}

    /**
     * @throws AuditStoreException when the store cannot be reached or its schema cannot be brought up to date
     */
    public static AuditStore open(AuditConfig config) {
        String url = config.store();
        if (url.startsWith("sqlite:")) {
            return SqliteAuditStore.open(Path.of(url.substring("sqlite:".length())), config.sqliteSync());
        }
        try {
            return PostgresAuditStore.open(url, config.password(), config.poolSize());
        } catch (IllegalArgumentException e) {
            throw new AuditStoreException(config.describeStore() + ": " + e.getMessage(), e);
        }
    }
}
