package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.audit.AuditPage;
import dev.sovereign.audit.AuditQuery;
import dev.sovereign.audit.AuditSigner;
import dev.sovereign.audit.AuditStore;
import dev.sovereign.audit.AuditVerifier;
import dev.sovereign.audit.CheckpointLog;
import dev.sovereign.audit.StoredEvent;
import dev.sovereign.audit.VerifyReport;
import dev.sovereign.config.AuditConfig;
import dev.sovereign.store.AuditStores;
import dev.sovereign.testing.RecordedRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An audit trail read back from its store, after the gateways that wrote it stopped, for assertions. */
final class RecordedTrail implements AutoCloseable {
    private final AuditConfig config;
    private final AuditStore store;

    private RecordedTrail(AuditConfig config) {
        this.config = config;
        this.store = AuditStores.open(config);
    }

    /** The default SQLite trail under a gateway's data directory. */
    static RecordedTrail sqlite(Path dataDir) {
        return new RecordedTrail(AuditConfig.defaults(dataDir));
    }

    /** A PostgreSQL trail, checked with the public key beside {@code signingKey} and the checkpoint files. */
    static RecordedTrail postgres(String storeUrl, Path signingKey, Path checkpoints) {
        return new RecordedTrail(new AuditConfig(
                true,
                storeUrl,
                Optional.empty(),
                Optional.empty(),
                signingKey,
                AuditConfig.publicKeyFor(signingKey),
                checkpoints,
                Duration.ofSeconds(10),
                false,
                0,
                "normal",
                2));
    }

    /** Every event of {@code type} (every event when null), newest first, read page by page. */
    List<StoredEvent> events(String type) {
        List<StoredEvent> all = new ArrayList<>();
        AuditQuery query = new AuditQuery(
                null, null, type, null, null, null, null, null, null, null, null, AuditQuery.MAX_LIMIT, null);
        Long cursor = null;
        do {
            AuditPage page = store.query(query.before(cursor));
            all.addAll(page.events());
            cursor = page.next();
        } while (cursor != null);
        return all;
    }

    /** The writer of each request's decision event, by request id. */
    Map<String, String> decisions() {
        Map<String, String> writerOf = new HashMap<>();
        for (StoredEvent e : events("decision")) {
            String prior = writerOf.put(e.columns().requestId(), e.writer());
            assertThat(prior)
                    .as("a second decision event for %s", e.columns().requestId())
                    .isNull();
        }
        return writerOf;
    }

    /** The request ids that have an event of {@code type}. */
    Set<String> requestIds(String type) {
        Set<String> ids = new HashSet<>();
        for (StoredEvent e : events(type)) ids.add(e.columns().requestId());
        return ids;
    }

    /** Checks every chain against its hashes, columns and signed checkpoints (store and files). */
    VerifyReport verify() throws IOException {
        return new AuditVerifier(
                        store, AuditSigner.verifier(config.verifyKey()), new CheckpointLog(config.checkpoints()))
                .verify();
    }

    /**
     * The one guarantee of the decision event: every request the upstream received (by the request id the gateway
     * sends with it) has its decision event in the store.
     *
     * @return how many requests the upstream received
     */
    int assertEveryForwardedRequestDecided(List<RecordedRequest> received) {
        List<RecordedRequest> calls =
                received.stream().filter(r -> r.method().equals("POST")).toList();
        assertThat(calls)
                .as("requests the upstream received")
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.header(GatewayProcess.REQUEST_ID))
                        .as("request id sent upstream with %s", r.path())
                        .isNotBlank());
        Set<String> decided = decisions().keySet();
        List<String> undecided = calls.stream()
                .map(r -> r.header(GatewayProcess.REQUEST_ID))
                .filter(id -> !decided.contains(id))
                .toList();
        assertThat(undecided)
                .as("requests the upstream received without a committed decision event (of %d received)", calls.size())
                .isEmpty();
        return calls.size();
    }

    @Override
    public void close() {
        store.close();
    }
}
