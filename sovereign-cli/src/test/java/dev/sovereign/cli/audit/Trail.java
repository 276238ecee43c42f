package dev.sovereign.cli.audit;

import dev.sovereign.audit.AuditEvent;
import dev.sovereign.audit.AuditSigner;
import dev.sovereign.audit.AuditWriter;
import dev.sovereign.audit.CheckpointLog;
import dev.sovereign.config.AuditConfig;
import dev.sovereign.config.ConfigLoader;
import dev.sovereign.store.AuditStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A configuration directory and the audit trail a gateway would have written under it: a SQLite file in a
 * temporary directory, or a fresh database on the local PostgreSQL (127.0.0.1:5432, user postgres), dropped at
 * {@link #close()}. Events are written by a real {@link AuditWriter}, keys and checkpoints where the
 * configuration puts them.
 */
public final class Trail implements AutoCloseable {
    public static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    static final String PG_ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    public enum Kind {
        SQLITE,
        POSTGRESQL
    }

    public final Path configDir;
    final AuditConfig config;
    final String jdbcUrl;
    private final String database;

    private Trail(Path configDir, AuditConfig config, String jdbcUrl, String database) {
        this.configDir = configDir;
        this.config = config;
        this.jdbcUrl = jdbcUrl;
        this.database = database;
    }

    /** A configuration under {@code dir} with no events yet; {@code audit} is extra YAML for the audit section. */
    static Trail create(Kind kind, Path dir, String audit) throws IOException, SQLException {
        Path configDir = Files.createDirectories(dir.resolve("config"));
        Path data = dir.resolve("data");
        String database = null;
        String jdbcUrl = "jdbc:sqlite:" + data.resolve("audit.db");
        StringBuilder yaml = new StringBuilder("data_dir: \"" + data + "\"\naudit:\n");
        if (kind == Kind.POSTGRESQL) {
            database = "sovereign_cli_test_"
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
            admin("CREATE DATABASE " + database);
            yaml.append("  store: \"postgresql://postgres@127.0.0.1:5432/" + database + "\"\n");
            jdbcUrl = "jdbc:postgresql://127.0.0.1:5432/" + database + "?user=postgres";
        }
        yaml.append(audit);
        Files.writeString(configDir.resolve("sovereign.yaml"), yaml);
        AuditConfig config = new ConfigLoader(Map.of()).load(configDir).audit();
        return new Trail(configDir, config, jdbcUrl, database);
    }

    public static Trail create(Kind kind, Path dir) throws IOException, SQLException {
        return create(kind, dir, "");
    }

    /** The configured key pair, created on first use. */
    AuditSigner signer() throws IOException {
        if (Files.exists(config.signingKey())) return AuditSigner.load(config.signingKey(), config.verifyKey());
        return AuditSigner.generate(config.signingKey(), config.verifyKey());
    }

    /** Writes {@code events} as {@code writer}'s chain, as a gateway would, and stops the writer. */
    public Trail write(String writer, List<AuditEvent> events) throws IOException {
        try (var store = AuditStores.open(config)) {
            // With an authority configured, checkpoints are time-stamped as the gateway does.
            var stamper = config.timestamp()
                    .map(t -> new dev.sovereign.audit.CheckpointStamper(
                            new dev.sovereign.audit.TimeStampClient(t.url(), t.timeout()),
                            store,
                            new CheckpointLog(config.checkpoints()),
                            t.every(),
                            Clock.systemUTC()))
                    .orElse(null);
            AuditWriter w = new AuditWriter(
                    store,
                    writer,
                    signer(),
                    new CheckpointLog(config.checkpoints()),
                    Clock.fixed(T0, ZoneOffset.UTC),
                    AuditWriter.Options.DEFAULTS);
            if (stamper != null) w.onCheckpoint(stamper::offer);
            w.start();
            List<CompletableFuture<AuditWriter.Receipt>> pending = new ArrayList<>();
            for (AuditEvent e : events) pending.add(w.append(e, true));
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
            w.close();
            if (stamper != null) stamper.close();
        }
        return this;
    }

    /** {@code n} events, one a minute after {@link #T0}; see {@link #event}. */
    static List<AuditEvent> events(int n) {
        List<AuditEvent> list = new ArrayList<>();
        for (int i = 1; i <= n; i++) list.add(event(i));
        return list;
    }

    /**
     * Event {@code i} at T0 + i minutes: every third a completion (status 200), the others decisions; even ones
     * from workload support-bot to anthropic (us), odd ones from hr-assistant to local (eu); every fourth carries
     * special.health beside pii.email.
     */
    static AuditEvent event(int i) {
        boolean completion = i % 3 == 0;
        boolean even = i % 2 == 0;
        return new AuditEvent(
                completion ? AuditEvent.Type.COMPLETION : AuditEvent.Type.DECISION,
                T0.plusSeconds(60L * i),
                "req-" + i,
                new AuditEvent.Subject("key-" + (i % 3), "team-a", even ? "support-bot" : "hr-assistant"),
                new AuditEvent.Request("openai", "chat.completions", "gpt-4o", false, 1200L),
                i % 4 == 0 ? Map.of("special.health", 1, "pii.email", 2) : Map.of("pii.email", 1),
                null,
                new AuditEvent.Route(
                        "route-by-model",
                        "forward",
                        even ? "anthropic" : "local",
                        even ? "us" : "eu",
                        even ? "us" : "eu",
                        "model-x"),
                null,
                completion ? new AuditEvent.Result(200, 350L, 80L, 12L, 40L, null, null, null) : null,
                null);
    }

    /** Runs {@code sql} directly on the database, as someone tampering with it would. */
    void exec(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement s = c.createStatement();
                var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() {
        if (database == null) return;
        try {
            admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("could not drop " + database, e));
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_ADMIN);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
