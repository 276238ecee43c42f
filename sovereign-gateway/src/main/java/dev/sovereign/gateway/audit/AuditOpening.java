package dev.sovereign.gateway.audit;

import dev.sovereign.audit.AuditRetention;
import dev.sovereign.audit.AuditSigner;
import dev.sovereign.audit.AuditStore;
import dev.sovereign.audit.AuditVerifier;
import dev.sovereign.audit.AuditWriter;
import dev.sovereign.audit.CheckpointLog;
import dev.sovereign.audit.CheckpointStamper;
import dev.sovereign.audit.ContentSealer;
import dev.sovereign.audit.TimeStampClient;
import dev.sovereign.audit.TimeStampVerifier;
import dev.sovereign.audit.VerifyReport;
import dev.sovereign.config.AuditConfig;
import dev.sovereign.config.ConfigException;
import dev.sovereign.config.GatewayConfig;
import dev.sovereign.config.TimestampConfig;
import dev.sovereign.policy.ProviderFacts;
import dev.sovereign.store.AuditStores;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Audit stage: turns a request's decision and outcome into audit events and hands them to the process's
 * {@link AuditWriter}. A decision to forward is <em>durable</em>: its future completes on the request's event
 * loop once the event is committed, and fails with {@code sovereign.audit_unavailable} when it cannot be, so the
 * pipeline never calls the upstream unaudited. Refusals and completions are committed in the background.
 * Thread-safe; one per process.
 */
/**
 * Opens the audit trail a configuration asks for: the store (its schema migrated), the signing key (created with its
 * public key when neither exists), this process's writer and chain, the time-stamping of its checkpoints, the verifier
 * and the daily retention; or an {@link Auditor} that records nothing when the trail is off.
 */
final class AuditOpening {
    private static final Logger LOG = LoggerFactory.getLogger(Auditor.class);

    private AuditOpening() {}

    /**
     * Opens the store the configuration names (migrating its schema), the signing key (created with its public
     * key when neither exists), and starts this process's chain.
     *
     * @throws ConfigException when the store cannot be opened or the keys cannot be read
     */
    static Auditor open(GatewayConfig config, Map<String, String> env, Clock clock) {
        AuditConfig audit = config.audit();
        Map<String, Auditor.Where> where = where(config);
        CostEstimator costs = CostEstimator.of(config);
        if (!audit.enabled()) {
            LOG.warn("audit trail is OFF: requests are forwarded without a record of where their data went");
            return new Auditor(null, null, null, null, null, where, costs, clock, null);
        }
        AuditSigner signer = signer(audit);
        AuditStore store;
        try {
            store = AuditStores.open(audit);
        } catch (RuntimeException e) {
            throw new ConfigException("sovereign.yaml: audit.store: " + e.getMessage(), e);
        }
        String writerId = audit.writer().orElseGet(AuditOpening::newWriterId);
        CheckpointStamper stamper = audit.timestamp()
                .map(t -> new CheckpointStamper(
                        new TimeStampClient(t.url(), t.timeout()),
                        store,
                        new CheckpointLog(audit.checkpoints()),
                        t.every(),
                        clock))
                .orElse(null);
        AuditWriter writer = startWriter(audit, store, writerId, signer, stamper, clock);
        ContentSealer sealer = audit.capture() ? ContentSealer.of(env.get(ContentSealer.KEY_ENV)) : null;
        LOG.atInfo()
                .addKeyValue("store", store.describe())
                .addKeyValue("writer", writerId)
                .addKeyValue("signing_key", signer.keyId())
                .log("audit trail: {} (writer {}, key {})", store.describe(), writerId, signer.keyId());
        if (sealer != null) {
            LOG.warn("audit content capture is ON: prompts are stored, encrypted with key {}", sealer.keyId());
        }
        AuditVerifier verifier = verifier(audit, store, clock);
        ScheduledExecutorService retentionTimer = audit.retentionDays() > 0
                ? scheduleRetention(
                        verifier,
                        new AuditRetention(store, signer, new CheckpointLog(audit.checkpoints()), clock),
                        Duration.ofDays(audit.retentionDays()),
                        clock)
                : null;
        return new Auditor(writer, stamper, store, verifier, sealer, where, costs, clock, retentionTimer);
    }

    /** This process's writer, its chain started; on failure the store and the stamper are closed. */
    private static AuditWriter startWriter(
            AuditConfig audit,
            AuditStore store,
            String writerId,
            AuditSigner signer,
            CheckpointStamper stamper,
            Clock clock) {
        AuditWriter writer;
        try {
            writer = new AuditWriter(
                    store,
                    writerId,
                    signer,
                    new CheckpointLog(audit.checkpoints()),
                    clock,
                    AuditWriter.Options.DEFAULTS.withCheckpointEvery(audit.checkpointInterval()));
            if (stamper != null) writer.onCheckpoint(stamper::offer);
            writer.start();
        } catch (RuntimeException e) {
            if (stamper != null) stamper.close(Duration.ZERO);
            store.close();
            throw new ConfigException("audit: cannot start the chain of writer " + writerId + ": " + e.getMessage(), e);
        }
        if (stamper != null) {
            LOG.info(
                    "audit checkpoints are time-stamped by {} every {}",
                    stamper.authority(),
                    audit.timestamp().get().every());
        }
        return writer;
    }

    /** The trail's verifier, with the trusted time-stamping authorities when checkpoints are time-stamped. */
    private static AuditVerifier verifier(AuditConfig audit, AuditStore store, Clock clock) {
        AuditVerifier verifier = new AuditVerifier(
                store, AuditSigner.verifier(audit.verifyKey()), new CheckpointLog(audit.checkpoints()));
        if (audit.timestamp().isEmpty()) return verifier;
        TimestampConfig t = audit.timestamp().get();
        try {
            return verifier.withTimeStamps(
                    TimeStampVerifier.load(t.trust()), t.allowedLag(audit.checkpointInterval()), clock);
        } catch (IOException e) {
            throw new ConfigException("sovereign.yaml: audit.timestamp.trust: " + e.getMessage(), e);
        }
    }

    /** Deletes events older than {@code keep} now and then daily, on a background thread. */
    private static ScheduledExecutorService scheduleRetention(
            AuditVerifier verifier, AuditRetention retention, Duration keep, Clock clock) {
        ScheduledExecutorService retentionTimer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("audit-retention").daemon(true).factory());
        retentionTimer.scheduleWithFixedDelay(
                () -> {
                    try {
                        VerifyReport report = verifier.verify();
                        if (!report.intact()) {
                            LOG.error(
                                    "audit retention skipped: the trail does not verify ({} breaks; first: {});"
                                            + " deleting old events now could remove the evidence",
                                    report.breaks().size(),
                                    report.breaks().get(0).message());
                            return;
                        }
                        Instant cutoff = Instant.now(clock).minus(keep);
                        for (AuditRetention.Pruned p : retention.deleteOlderThan(cutoff)) {
                            LOG.info(
                                    "audit retention: deleted {} events of writer {} up to #{} (older than {})",
                                    p.deleted(),
                                    p.writer(),
                                    p.throughSeq(),
                                    cutoff);
                        }
                    } catch (IOException | RuntimeException e) {
                        LOG.warn("audit retention did not run: {}", e.getMessage());
                    }
                },
                1,
                TimeUnit.DAYS.toMinutes(1),
                TimeUnit.MINUTES);
        return retentionTimer;
    }

    private static AuditSigner signer(AuditConfig audit) {
        boolean hasPrivate = Files.exists(audit.signingKey());
        boolean hasPublic = Files.exists(audit.verifyKey());
        try {
            if (!hasPrivate && !hasPublic) {
                AuditSigner generated = AuditSigner.generate(audit.signingKey(), audit.verifyKey());
                LOG.warn(
                        "created the audit signing key {} (id {}) and its public key {}; keep a copy of the public key"
                                + " away from this machine: it is what proves the trail was not rewritten",
                        audit.signingKey(),
                        generated.keyId(),
                        audit.verifyKey());
                return generated;
            }
            if (!hasPrivate) {
                throw new ConfigException("sovereign.yaml: audit.signing_key: " + audit.signingKey()
                        + " does not exist, but its public key " + audit.verifyKey() + " does; restore the key, or"
                        + " set signing_key to a new key (sovereign audit keygen)");
            }
            if (!hasPublic) {
                throw new ConfigException("sovereign.yaml: audit.verify_key: " + audit.verifyKey()
                        + " does not exist; it is the public key of " + audit.signingKey());
            }
            return AuditSigner.load(audit.signingKey(), audit.verifyKey());
        } catch (IOException e) {
            throw new ConfigException(
                    "audit: cannot create the signing key " + audit.signingKey() + ": " + e.getMessage(), e);
        } catch (AuditSigner.AuditKeyException e) {
            throw new ConfigException("audit: " + e.getMessage(), e);
        }
    }

    private static Map<String, Auditor.Where> where(GatewayConfig config) {
        Map<String, Auditor.Where> map = new HashMap<>();
        for (ProviderFacts p : ProviderFacts.of(config).values()) {
            map.put(p.id(), new Auditor.Where(p));
        }
        return map;
    }

    /** {@code <host>-<8 hex digits>}: unique per process start, readable in reports. */
    static String newWriterId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "gateway";
        }
        host = host.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
        if (host.isEmpty()) host = "gateway";
        if (host.length() > 80) host = host.substring(0, 80);
        return host + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }
}
