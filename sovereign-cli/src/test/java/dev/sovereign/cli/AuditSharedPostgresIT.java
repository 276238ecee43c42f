package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.audit.AuditSigner;
import dev.sovereign.audit.StoredEvent;
import dev.sovereign.audit.VerifyReport;
import dev.sovereign.testing.FakeUpstream;
import dev.sovereign.testing.FakeUpstreamOptions;
import dev.sovereign.testing.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged gateways started together on one fresh PostgreSQL database (the machine's server) and loaded
 * concurrently: each keeps its own chain in the shared tables, both chains verify, a query sees both writers, and
 * every request the upstream received has its decision event, in the chain of the gateway that forwarded it.
 */
class AuditSharedPostgresIT {
    private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
    private static final int CLIENTS_EACH = 4;

    @TempDir
    Path tmp;

    private String database;

    @BeforeEach
    void createDatabase() throws SQLException {
        database =
                "sovereign_it_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        admin("CREATE DATABASE " + database);
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        if (database != null) admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    @Test
    void twoGatewaysShareOneDatabaseEachWithItsOwnChain() throws Exception {
        String store = "postgresql://postgres@127.0.0.1:5432/" + database;
        // One signing key for the deployment, and one directory that keeps both writers' checkpoint files.
        Path shared = Files.createDirectories(tmp.resolve("shared"));
        Path signingKey = shared.resolve("audit-signing.key");
        AuditSigner.generate(signingKey, shared.resolve("audit-signing.pub"));
        Path checkpoints = shared.resolve("checkpoints");
        List<ClientLoad.Result> answeredByA;
        List<ClientLoad.Result> answeredByB;
        List<RecordedRequest> received;
        try (FakeUpstream upstream =
                FakeUpstream.start(new FakeUpstreamOptions().replyWords(20).chunkDelay(Duration.ofMillis(5)))) {
            Path configA = config("a", store, "gw-a", signingKey, checkpoints);
            Path configB = config("b", store, "gw-b", signingKey, checkpoints);
            // Started together: both migrate the empty database at once.
            try (GatewayProcess a = GatewayProcess.start(tmp.resolve("work-a"), configA, upstream);
                    GatewayProcess b = GatewayProcess.start(tmp.resolve("work-b"), configB, upstream)) {
                a.awaitReady(Duration.ofSeconds(60));
                b.awaitReady(Duration.ofSeconds(60));
                assertThat(a.writerId()).isEqualTo("gw-a");
                assertThat(b.writerId()).isEqualTo("gw-b");
                try (ClientLoad loadA = ClientLoad.start(a.baseUrl(), CLIENTS_EACH);
                        ClientLoad loadB = ClientLoad.start(b.baseUrl(), CLIENTS_EACH)) {
                    loadA.awaitResults(ClientLoad.Result::ok, 60, Duration.ofSeconds(60));
                    loadB.awaitResults(ClientLoad.Result::ok, 60, Duration.ofSeconds(60));
                    loadA.close();
                    loadB.close();
                    for (ClientLoad load : List.of(loadA, loadB)) {
                        assertThat(load.results())
                                .as(load.summary())
                                .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
                    }
                    answeredByA = loadA.results();
                    answeredByB = loadB.results();
                    System.out.printf("gw-a: %s; gw-b: %s%n", loadA.summary(), loadB.summary());
                }
                assertThat(a.terminate()).isEqualTo(GatewayProcess.TERMINATED);
                assertThat(b.terminate()).isEqualTo(GatewayProcess.TERMINATED);
            }
            received = upstream.requests();
        }

        try (RecordedTrail trail = RecordedTrail.postgres(store, signingKey, checkpoints)) {
            int forwarded = trail.assertEveryForwardedRequestDecided(received);
            assertThat(forwarded).isEqualTo(answeredByA.size() + answeredByB.size());
            Map<String, String> writerOf = trail.decisions();
            for (ClientLoad.Result r : answeredByA)
                assertThat(writerOf.get(r.requestId())).isEqualTo("gw-a");
            for (ClientLoad.Result r : answeredByB)
                assertThat(writerOf.get(r.requestId())).isEqualTo("gw-b");

            Set<String> writersSeen = new HashSet<>();
            for (StoredEvent e : trail.events(null)) writersSeen.add(e.writer());
            assertThat(writersSeen).containsExactlyInAnyOrder("gw-a", "gw-b");

            VerifyReport report = trail.verify();
            System.out.printf("chains %s; notes %s%n", report.chains(), report.notes());
            assertThat(report.breaks()).as("breaks; chains %s", report.chains()).isEmpty();
            assertThat(report.notes()).isEmpty();
            assertThat(report.chains()).hasSize(2).allSatisfy(chain -> {
                assertThat(chain.breaks()).isZero();
                assertThat(chain.firstSeq()).isEqualTo(1);
                assertThat(chain.events()).isEqualTo(chain.lastSeq());
                // Stopped cleanly: decisions and completions, anchored by the stop checkpoint.
                assertThat(chain.events())
                        .isEqualTo(2L * (chain.writer().equals("gw-a") ? answeredByA : answeredByB).size());
                assertThat(chain.unanchored()).isZero();
            });
            assertThat(report.chains()).extracting(VerifyReport.Chain::writer).containsExactly("gw-a", "gw-b");
        }
    }

    private Path config(String name, String store, String writer, Path signingKey, Path checkpoints) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("config-" + name));
        Files.writeString(
                dir.resolve("sovereign.yaml"),
                String.join(
                        "\n",
                        "audit:",
                        "  store: " + store,
                        "  writer: " + writer,
                        "  signing_key: " + signingKey,
                        "  checkpoints: " + checkpoints,
                        ""));
        return dir;
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
