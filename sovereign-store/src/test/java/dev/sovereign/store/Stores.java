package dev.sovereign.store;

import dev.sovereign.audit.AuditStore;
import dev.sovereign.config.AuditConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** Real stores for tests: a SQLite file in a temporary directory, or a fresh database on the local PostgreSQL. */
final class Stores {
    static final String PG_ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    private Stores() {}

    enum Kind {
        SQLITE,
        POSTGRESQL
    }

    /** A store and the JDBC URL to tamper with it directly. */
    record Opened(AuditStore store, String jdbcUrl, AuditConfig config, String database) implements AutoCloseable {
        Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl);
        }

        AuditStore reopen() {
            return AuditStores.open(config);
        }

        @Override
        public void close() throws SQLException {
            store.close();
            if (database != null) dropDatabase(database);
        }
    }

    static Opened open(Kind kind, Path dir) throws SQLException {
        AuditConfig d = AuditConfig.defaults(dir);
        if (kind == Kind.SQLITE) {
            AuditConfig c = d;
            return new Opened(AuditStores.open(c), "jdbc:sqlite:" + dir.resolve("audit.db"), c, null);
        }
        String db = createDatabase();
        AuditConfig c = withStore(d, "postgresql://postgres@127.0.0.1:5432/" + db);
        return new Opened(AuditStores.open(c), "jdbc:postgresql://127.0.0.1:5432/" + db + "?user=postgres", c, db);
    }

    static AuditConfig withStore(AuditConfig d, String store) {
        return new AuditConfig(
                true,
                store,
                Optional.empty(),
                d.writer(),
                d.signingKey(),
                d.verifyKey(),
                d.checkpoints(),
                d.checkpointInterval(),
                d.capture(),
                d.retentionDays(),
                d.sqliteSync(),
                d.poolSize());
    }

    static String createDatabase() throws SQLException {
        String name =
                "sovereign_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        try (Connection c = DriverManager.getConnection(PG_ADMIN);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    static void dropDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_ADMIN);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
