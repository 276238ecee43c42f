package dev.sovereign.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sovereign.audit.AuditStoreException;
import dev.sovereign.audit.ChainedEvent;
import dev.sovereign.config.AuditConfig;
import dev.sovereign.config.Secret;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * The shared store: PostgreSQL through a HikariCP pool. A small group of events (what a gateway commits one
 * request at a time) is one multi-row insert in autocommit: one statement is atomic by itself, so its commit is
 * one round trip to the server instead of two (the insert, then {@code COMMIT}). A larger group is one transaction
 * with one batched insert (the driver rewrites it into multi-row inserts). Several gateway processes write to the same
 * tables, each its own chain. Connection and socket timeouts are short so that a database that goes away makes
 * requests fail closed within seconds rather than hang; the pool reconnects when it returns.
 */
final class PostgresAuditStore extends JdbcAuditStore {
    private static final int WRITE_TIMEOUT_MS = 5000;
    /** Groups up to this many events are one statement; each size is its own prepared statement. */
    static final int ONE_STATEMENT_ROWS = 32;

    private static final String[] INSERT_ROWS = new String[ONE_STATEMENT_ROWS + 1];

    static {
        for (int rows = 1; rows <= ONE_STATEMENT_ROWS; rows++) INSERT_ROWS[rows] = insertRows(rows);
    }

    private final String url;
    private final HikariDataSource pool;
    private final java.util.concurrent.Executor networkTimeouts = Runnable::run;

    private PostgresAuditStore(String url, HikariDataSource pool) {
        this.url = url;
        this.pool = pool;
    }

    static PostgresAuditStore open(String storeUrl, Optional<Secret> password, int poolSize) {
        PostgresUrl parsed = PostgresUrl.parse(storeUrl);
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("sovereign-audit");
        hc.setJdbcUrl(parsed.jdbcUrl());
        parsed.user().ifPresent(hc::setUsername);
        password.ifPresent(p -> hc.setPassword(p.reveal()));
        hc.setMaximumPoolSize(poolSize);
        hc.setMinimumIdle(1);
        hc.setConnectionTimeout(2000);
        hc.setValidationTimeout(1000);
        hc.setInitializationFailTimeout(-1);
        hc.addDataSourceProperty("reWriteBatchedInserts", "true");
        hc.addDataSourceProperty("connectTimeout", "2");
        hc.addDataSourceProperty("socketTimeout", "10");
        hc.addDataSourceProperty("tcpKeepAlive", "true");
        hc.addDataSourceProperty("ApplicationName", "sovereign-gateway");
        String described = AuditConfig.mask(storeUrl);
        HikariDataSource ds = new HikariDataSource(hc);
        try {
            Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration/postgresql")
                    .table("sovereign_schema_history")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw new AuditStoreException(
                    "cannot prepare the audit database " + described + ": " + SqliteAuditStore.rootMessage(e), e);
        }
        return new PostgresAuditStore(described, ds);
    }

    @Override
    public String describe() {
        return url;
    }

    @Override
    public void append(List<ChainedEvent> events) {
        if (events.isEmpty()) return;
        if (events.size() > ONE_STATEMENT_ROWS) {
            super.append(events);
            return;
        }
        try (Connection c = writeConnection()) {
            if (!c.getAutoCommit()) c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement(INSERT_ROWS[events.size()])) {
                int offset = 0;
                for (ChainedEvent e : events) {
                    bind(ps, offset, e);
                    offset += INSERT_COLUMNS;
                }
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw failure(url, e);
        }
    }

    @Override
    <T> T write(Work<T> work) {
        try (Connection c = writeConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is broken; the pool drops it
                }
                throw e;
            }
        } catch (SQLException e) {
            throw failure(url, e);
        }
    }

    /**
     * A pooled connection for a write. A group commit that gets no answer gives up after a few seconds (reads keep
     * the longer socket timeout): the writer then reports the store unavailable and tries again.
     */
    private Connection writeConnection() throws SQLException {
        Connection c = pool.getConnection();
        try {
            c.setNetworkTimeout(networkTimeouts, WRITE_TIMEOUT_MS);
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    @Override
    <T> T read(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(url, e);
        }
    }

    @Override
    boolean streamsOnlyInTransaction() {
        return true;
    }

    @Override
    public void close() {
        pool.close();
    }
}
