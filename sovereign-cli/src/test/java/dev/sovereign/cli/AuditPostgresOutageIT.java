package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.audit.VerifyReport;
import dev.sovereign.testing.FakeUpstream;
import dev.sovereign.testing.FakeUpstreamOptions;
import dev.sovereign.testing.PostgresServer;
import dev.sovereign.testing.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged gateway on its own PostgreSQL server, which goes away under load and comes back: while it is away
 * every request is refused within seconds with 503 {@code sovereign.audit_unavailable} and none reaches the
 * upstream, readiness says {@code audit_unavailable}; once it is back, service resumes by itself, and the trail
 * verifies intact.
 */
class AuditPostgresOutageIT {
    private static final int CLIENTS = 6;
    /** A refusal must come this fast: the store's connection timeout is 2 s. */
    private static final Duration REFUSAL_WITHIN = Duration.ofSeconds(5);

    private static final Duration RECOVERY_WITHIN = Duration.ofSeconds(15);

    @TempDir
    Path tmp;

    @Test
    void requestsFailClosedWhileTheDatabaseIsDownAndServiceResumesWhenItReturns() throws Exception {
        runThrough(PostgresServer::stop, PostgresServer::start);
    }

    /**
     * A database that stops answering without closing its connections (a hung host, a network that drops packets).
     */
    @Test
    void requestsFailClosedWithinSecondsWhenTheDatabaseStopsAnswering() throws Exception {
        runThrough(PostgresServer::freeze, PostgresServer::thaw);
    }

    /** Runs the gateway under load while the database goes away and comes back. */
    private void runThrough(Consumer<PostgresServer> goAway, Consumer<PostgresServer> comeBack) throws Exception {
        Path work = tmp.resolve("work");
        Path config = Files.createDirectories(tmp.resolve("config"));
        List<ClientLoad.Result> results;
        List<RecordedRequest> received;
        long away;
        long returning;
        long back;
        try (PostgresServer postgres = PostgresServer.create();
                FakeUpstream upstream = FakeUpstream.start(
                        new FakeUpstreamOptions().replyWords(20).chunkDelay(Duration.ofMillis(5)))) {
            postgres.createDatabase("sovereign");
            String store = postgres.url("sovereign");
            Files.writeString(config.resolve("sovereign.yaml"), "audit:\n  store: " + store + "\n  writer: gw-pg\n");
            try (GatewayProcess gateway = GatewayProcess.start(work, config, upstream)) {
                gateway.awaitReady(Duration.ofSeconds(30));
                try (ClientLoad load = ClientLoad.start(gateway.baseUrl(), CLIENTS)) {
                    load.awaitResults(ClientLoad.Result::ok, 40, Duration.ofSeconds(30));

                    goAway.accept(postgres);
                    away = System.nanoTime();
                    ClientLoad.await(
                            () -> unavailable(gateway.get("/readyz")),
                            Duration.ofSeconds(10),
                            () -> "readiness 503 audit_unavailable, was " + gateway.get("/readyz") + "; clients' "
                                    + load.summary());
                    load.awaitResults(r -> r.startNanos() > away, 30, Duration.ofSeconds(30));
                    assertThat(gateway.get("/readyz")).matches(AuditPostgresOutageIT::unavailable);

                    returning = System.nanoTime();
                    comeBack.accept(postgres);
                    back = System.nanoTime();
                    load.awaitResults(r -> r.startNanos() > back && r.ok(), 1, RECOVERY_WITHIN);
                    load.awaitResults(r -> r.startNanos() > back && r.ok(), 40, Duration.ofSeconds(30));
                    assertThat(gateway.get("/readyz").status()).isEqualTo(200);
                    load.close();
                    results = load.results();
                    long firstBack = results.stream()
                            .filter(r -> r.startNanos() > back && r.ok())
                            .mapToLong(ClientLoad.Result::endNanos)
                            .min()
                            .orElseThrow();
                    System.out.printf(
                            "clients' %s; slowest refusal %d ms; first answer %d ms after the database was back%n",
                            load.summary(),
                            results.stream()
                                    .filter(r -> r.status() == 503)
                                    .mapToLong(r -> r.took().toMillis())
                                    .max()
                                    .orElse(-1),
                            (firstBack - back) / 1_000_000);
                }
                assertThat(gateway.terminate()).isEqualTo(GatewayProcess.TERMINATED);
            }
            received = upstream.requests();

            // Every request was answered, by the upstream or by a refusal: none hung, none broke.
            assertThat(results).allSatisfy(r -> {
                assertThat(r.failure()).as("%s", r).isNull();
                assertThat(r.status()).as("%s", r).isIn(200, 503);
                if (r.status() == 503) {
                    assertThat(r.errorKey()).isEqualTo("sovereign.audit_unavailable");
                    assertThat(r.took()).as("refusal %s", r).isLessThan(REFUSAL_WITHIN);
                }
            });
            List<ClientLoad.Result> duringOutage = results.stream()
                    .filter(r -> r.startNanos() > away && r.endNanos() < returning)
                    .toList();
            assertThat(duringOutage)
                    .as("requests sent while the database was away")
                    .hasSizeGreaterThanOrEqualTo(30)
                    .allSatisfy(r -> assertThat(r.status()).isEqualTo(503));

            try (RecordedTrail trail = RecordedTrail.postgres(
                    store, work.resolve("data/audit-signing.key"), work.resolve("data/checkpoints"))) {
                trail.assertEveryForwardedRequestDecided(received);
                Set<String> refused = results.stream()
                        .filter(r -> r.status() == 503)
                        .map(ClientLoad.Result::requestId)
                        .collect(Collectors.toSet());
                assertThat(received)
                        .as("refused requests that reached the upstream")
                        .noneMatch(q -> refused.contains(q.header(GatewayProcess.REQUEST_ID)));
                assertThat(trail.decisions().keySet())
                        .containsAll(results.stream()
                                .filter(ClientLoad.Result::ok)
                                .map(ClientLoad.Result::requestId)
                                .toList());
                VerifyReport report = trail.verify();
                System.out.printf("chains %s%n", report.chains());
                assertThat(report.breaks())
                        .as("breaks; chains %s", report.chains())
                        .isEmpty();
                assertThat(report.chains()).singleElement().satisfies(chain -> {
                    assertThat(chain.writer()).isEqualTo("gw-pg");
                    assertThat(chain.firstSeq()).isEqualTo(1);
                    assertThat(chain.events()).isEqualTo(chain.lastSeq());
                    assertThat(chain.unanchored()).isZero();
                });
            }
        }
    }

    private static boolean unavailable(GatewayProcess.Answer readiness) {
        return readiness.status() == 503 && readiness.body().contains("\"audit_unavailable\"");
    }
}
