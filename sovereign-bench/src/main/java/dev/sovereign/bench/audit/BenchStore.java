package dev.sovereign.bench.audit;

import dev.sovereign.audit.AuditStore;
import dev.sovereign.config.AuditConfig;
import dev.sovereign.store.AuditStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A fresh, empty audit store for one measurement, opened as the gateway opens it ({@link AuditStores#open}, so
 * with its schema, SQLite pragmas and PostgreSQL pool): a SQLite file in its own directory, or a new database on
 * a PostgreSQL server, dropped again at {@link #close()}.
 */
record BenchStore(Kind kind, AuditStore store, Path dir, String database, String pgAdminUrl) implements AutoCloseable {

    /** The stores measured, by the names the command line uses. */
    enum Kind {
        SQLITE_NORMAL("sqlite-normal"),
        SQLITE_FULL("sqlite-full"),
        POSTGRESQL("postgresql");

        final String id;

        Kind(String id) {
            this.id = id;
        }

        static Kind of(String id) {
            for (Kind k : values()) if (k.id.equals(id)) return k;
            throw new IllegalArgumentException("unknown store '" + id + "' (sqlite-normal, sqlite-full, postgresql)");
        }
    }

    /**
     * @param dir an empty directory for the SQLite file, the keys and the checkpoint files
     * @param pgServer {@code host:port} of a PostgreSQL server that lets {@code pgUser} create databases
     */
    static BenchStore open(Kind kind, Path dir, String pgServer, String pgUser, int poolSize) throws SQLException {
        AuditConfig d = AuditConfig.defaults(dir);
        if (kind != Kind.POSTGRESQL) {
            String sync = kind == Kind.SQLITE_FULL ? "full" : "normal";
            return new BenchStore(kind, AuditStores.open(with(d, d.store(), sync, poolSize)), dir, null, null);
        }
        String admin = "jdbc:postgresql://" + pgServer + "/postgres?user=" + pgUser;
        String db = "sovereign_bench_"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)
                        .toLowerCase(Locale.ROOT);
        execute(admin, "CREATE DATABASE " + db);
        try {
            AuditConfig c = with(d, "postgresql://" + pgUser + "@" + pgServer + "/" + db, "normal", poolSize);
            return new BenchStore(kind, AuditStores.open(c), dir, db, admin);
        } catch (RuntimeException e) {
            execute(admin, "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            throw e;
        }
    }

    /** Bytes on disk: the SQLite file with its WAL, or the PostgreSQL database. */
    long bytes() {
        if (database == null) {
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(p -> p.getFileName().toString().startsWith("audit.db"))
                        .mapToLong(p -> p.toFile().length())
                        .sum();
            } catch (IOException e) {
                return -1;
            }
        }
        try (Connection c = DriverManager.getConnection(pgAdminUrl);
                Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT pg_database_size('" + database + "')")) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    /** Closes the store and removes what it wrote (the database or the directory). */
    @Override
    public void close() throws SQLException, IOException {
        store.close();
        if (database != null) execute(pgAdminUrl, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        deleteTree(dir);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    private static AuditConfig with(AuditConfig d, String store, String sync, int poolSize) {
        return new AuditConfig(
                true,
                store,
                Optional.empty(),
                d.writer(),
                d.signingKey(),
                d.verifyKey(),
                d.checkpoints(),
                d.checkpointInterval(),
                false,
                0,
                sync,
                poolSize);
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
