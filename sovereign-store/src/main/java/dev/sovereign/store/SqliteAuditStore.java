package dev.sovereign.store;

import dev.sovereign.audit.AuditStoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded store: one SQLite file in WAL mode. One write connection, used by one writer at a time (the
 * gateway's audit writer commits groups of events through it); reads open their own connections, which WAL lets
 * run beside the writer. With {@code synchronous=NORMAL} a commit survives the process being killed; with
 * {@code FULL} it also survives power loss, at one fsync per commit. After a failed write the connection is
 * closed and opened again on the next write, so the store recovers by itself once the file is writable.
 *
 * <p>Checkpoints (copying the WAL back into the database, with an fsync) would otherwise run inside a commit every
 * thousand pages and hold the writer, and every request waiting on it, for as long as the disk takes; here the
 * write connection never checkpoints, and a background thread runs a passive checkpoint every second on its own
 * connection, which never blocks the writer.
 */
final class SqliteAuditStore extends JdbcAuditStore {
    private static final int BUSY_TIMEOUT_MS = 2000;
    private static final long MAX_WAL_BYTES = 256L << 20;

    private final Path file;
    private final SQLiteDataSource dataSource;
    private Connection writeConnection;
    private final ScheduledExecutorService checkpoints = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("audit-sqlite-checkpoint").daemon(true).factory());

    private SqliteAuditStore(Path file, SQLiteDataSource dataSource) {
        this.file = file;
        this.dataSource = dataSource;
        checkpoints.scheduleWithFixedDelay(this::checkpoint, 1, 1, TimeUnit.SECONDS);
    }

    private void checkpoint() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(PASSIVE)");
            // A WAL that passive checkpoints could not keep short is cut back, briefly holding the writer.
            Path wal = Path.of(file + "-wal");
            if (Files.exists(wal) && Files.size(wal) > MAX_WAL_BYTES) s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException | IOException e) {
            // The next round tries again; a store that cannot be written reports it through its commits.
        }
    }

    static SqliteAuditStore open(Path file, String sync) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) Files.createDirectories(dir);
        } catch (IOException e) {
            throw new AuditStoreException("cannot create the directory of " + file + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(
                sync.equals("full") ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file);
        try {
            Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration/sqlite")
                    .table("sovereign_schema_history")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new AuditStoreException("cannot prepare the audit database " + file + ": " + rootMessage(e), e);
        }
        return new SqliteAuditStore(file, ds);
    }

    @Override
    public String describe() {
        return "sqlite:" + file;
    }

    @Override
    synchronized <T> T write(Work<T> work) {
        try {
            if (writeConnection == null) {
                writeConnection = dataSource.getConnection();
                try (Statement s = writeConnection.createStatement()) {
                    s.execute("PRAGMA wal_autocheckpoint=0");
                }
            }
            // BEGIN IMMEDIATE: the write lock is taken now, and released by the commit (autocommit again, so
            // that no transaction stays open between groups and other processes can write, e.g. retention).
            writeConnection.setAutoCommit(false);
            T result = work.run(writeConnection);
            writeConnection.commit();
            writeConnection.setAutoCommit(true);
            return result;
        } catch (SQLException e) {
            discardWriteConnection();
            throw failure(describe(), e);
        }
    }

    @Override
    <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(describe(), e);
        }
    }

    private void discardWriteConnection() {
        if (writeConnection == null) return;
        try {
            writeConnection.rollback();
        } catch (SQLException ignored) {
            // closing below ends the transaction anyway
        }
        try {
            writeConnection.close();
        } catch (SQLException ignored) {
            // nothing more to release
        }
        writeConnection = null;
    }

    @Override
    public synchronized void close() {
        checkpoints.shutdownNow();
        discardWriteConnection();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
