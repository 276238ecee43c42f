package dev.sovereign.store;

import dev.sovereign.audit.AuditStoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
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
 * write connection never checkpoints, and a background thread runs passive checkpoints every second on its own
 * connection, which never block the writer; the WAL starts over once they have caught up.
 */
final class SqliteAuditStore extends JdbcAuditStore {
    /** Longer than a truncating checkpoint of {@link #MAX_WAL_BYTES} takes, so that a commit waits rather than fails. */
    private static final int BUSY_TIMEOUT_MS = 30_000;
    /** The WAL's size after it starts over. */
    private static final long WAL_SIZE_LIMIT = 64L << 20;
    /** The WAL's size past which it is cut back even if that holds commits. */
    private static final long MAX_WAL_BYTES = 1L << 30;
    /** Frames (4 KiB pages) a passive checkpoint may leave behind before another one runs at once. */
    private static final long SMALL_REMAINDER_FRAMES = 2048;

    private static final int MAX_PASSIVE_ROUNDS = 8;
    private static final int CHECKPOINT_BUSY_MS = 100;

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

    /**
     * Copies the WAL back into the database without holding the writer: passive checkpoints, again at once while
     * each still leaves many frames behind (a busy writer outruns one a second). Once one has copied every frame,
     * the writer's next transaction starts the WAL over from its beginning and the file is cut back to {@link
     * #WAL_SIZE_LIMIT} ({@code journal_size_limit}). Only a writer that outruns the checkpoints for long (beyond what
     * the disk can copy back) grows the WAL past {@link #MAX_WAL_BYTES}; then, to bound the disk it takes, a
     * truncating checkpoint holds new commits while it copies the rest (they wait: the writer's busy timeout is
     * longer than such a checkpoint, and requests waiting on them fail closed after the writer's stall limit).
     */
    private void checkpoint() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=" + CHECKPOINT_BUSY_MS);
            long behind = passive(s);
            for (int round = 1; behind > SMALL_REMAINDER_FRAMES && round < MAX_PASSIVE_ROUNDS; round++) {
                behind = passive(s);
            }
            Path wal = Path.of(file + "-wal");
            if (Files.exists(wal) && Files.size(wal) > MAX_WAL_BYTES) s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException | IOException e) {
            // The next round tries again; a store that cannot be written reports it through its commits.
        }
    }

    /** One passive checkpoint; returns how many WAL frames it left un-copied. */
    private static long passive(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            // Columns: busy, frames in the WAL, frames copied back (-1 and -1 outside WAL mode).
            return rs.next() ? Math.max(0, rs.getLong(2) - rs.getLong(3)) : 0;
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
                    s.execute("PRAGMA journal_size_limit=" + WAL_SIZE_LIMIT);
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
