package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.audit.VerifyReport;
import dev.sovereign.testing.FakeUpstream;
import dev.sovereign.testing.FakeUpstreamOptions;
import dev.sovereign.testing.RecordedRequest;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The packaged gateway killed with SIGKILL while requests are in flight, three times over, then restarted on the
 * same SQLite trail and stopped cleanly: no request reached the upstream without its decision event, and the trail
 * verifies intact. A killed process leaves its chain's tail after the last checkpoint unanchored, never broken.
 */
class AuditKillIT {
    private static final int KILLS = 3;
    private static final int CLIENTS = 8;

    @TempDir
    Path tmp;

    /** Requests taken from the upstream's arrival queue so far. */
    private int taken;

    /** The audit settings of the gateway that is killed and restarted. */
    enum Setup {
        /**
         * The defaults: a new chain at every start, so each killed process leaves its own chain; commits
         * synchronised the SQLite way that survives a process crash ({@code normal}).
         */
        DEFAULTS(""),
        /**
         * A configured writer id, so the restarted process continues the chain the killed one left; every commit
         * fsynced ({@code full}). A commit then takes about a millisecond, longer than a request takes to reach
         * the upstream: a decision event not awaited before the upstream call would die with the process.
         */
        NAMED_WRITER_FULL_SYNC("  writer: gw-1\n  sqlite_sync: full\n");

        final String settings;

        Setup(String settings) {
            this.settings = settings;
        }
    }

    @ParameterizedTest
    @EnumSource(Setup.class)
    void killedUnderLoadLosesNoDecisionAndBreaksNoChain(Setup setup) throws Exception {
        Path work = tmp.resolve("work");
        Path config = Files.createDirectories(tmp.resolve("config"));
        Files.writeString(config.resolve("sovereign.yaml"), "audit:\n  checkpoint_interval: 10s\n" + setup.settings);
        List<String> killedWriters = new ArrayList<>();
        List<ClientLoad.Result> answered = new ArrayList<>();
        String lastWriter;
        List<String> lastIds = new ArrayList<>();
        List<RecordedRequest> received;
        // Streams of 40 events 5 ms apart: at any moment some are in flight.
        try (FakeUpstream upstream =
                FakeUpstream.start(new FakeUpstreamOptions().replyWords(40).chunkDelay(Duration.ofMillis(5)))) {
            for (int kill = 1; kill <= KILLS; kill++) {
                try (GatewayProcess gateway = GatewayProcess.start(work, config, upstream)) {
                    gateway.awaitReady(Duration.ofSeconds(30));
                    killedWriters.add(gateway.writerId());
                    long loadStart = System.nanoTime();
                    ClientLoad load = ClientLoad.start(gateway.baseUrl(), CLIENTS);
                    long killedAt;
                    try {
                        load.awaitResults(ClientLoad.Result::ok, 40, Duration.ofSeconds(30));
                        ClientLoad.await(
                                () -> upstream.openStreams() > 0,
                                Duration.ofSeconds(10),
                                () -> "a stream in flight at the upstream");
                        // Kill the moment a request reaches the upstream: its decision must be committed
                        // already, while an event queued but not yet committed would die with the process.
                        awaitNextArrival(upstream);
                        killedAt = System.nanoTime();
                        assertThat(gateway.kill())
                                .as("exit value after SIGKILL")
                                .isEqualTo(GatewayProcess.KILLED);
                    } finally {
                        load.close();
                    }
                    // SIGKILL: no shutdown hook ran, so no drain and no stop checkpoint.
                    assertThat(gateway.stderr()).doesNotContain("draining");
                    List<ClientLoad.Result> results = load.results();
                    assertThat(results).as("requests cut off by kill %d", kill).anySatisfy(r -> {
                        assertThat(r.startNanos()).isLessThan(killedAt);
                        assertThat(r.failed()).isTrue();
                    });
                    assertThat(results)
                            .as("answers before kill %d", kill)
                            .filteredOn(r -> !r.failed())
                            .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
                    answered.addAll(
                            results.stream().filter(ClientLoad.Result::ok).toList());
                    System.out.printf(
                            "%s kill %d (%s) after %d ms of load: clients' %s; upstream received %d so far%n",
                            setup,
                            kill,
                            killedWriters.getLast(),
                            (killedAt - loadStart) / 1_000_000,
                            load.summary(),
                            upstream.requests().size());
                }
            }
            try (GatewayProcess gateway = GatewayProcess.start(work, config, upstream)) {
                gateway.awaitReady(Duration.ofSeconds(30));
                lastWriter = gateway.writerId();
                try (HttpClient client = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build()) {
                    for (ClientLoad.Kind kind : ClientLoad.Kind.values()) {
                        ClientLoad.Result r = ClientLoad.send(client, gateway.baseUrl(), kind, "after the kills");
                        assertThat(r.status())
                                .as("%s after restart: %s", kind, r)
                                .isEqualTo(200);
                        lastIds.add(r.requestId());
                        answered.add(r);
                    }
                }
                assertThat(gateway.terminate()).as("exit value after SIGTERM").isEqualTo(GatewayProcess.TERMINATED);
                assertThat(gateway.stderr()).contains("draining");
            }
            received = upstream.requests();
        }
        assertThat(answered.stream().map(ClientLoad.Result::requestId)).doesNotContainNull();
        try (RecordedTrail trail = RecordedTrail.sqlite(work.resolve("data"))) {
            int forwarded = trail.assertEveryForwardedRequestDecided(received);
            assertThat(trail.decisions().keySet())
                    .containsAll(
                            answered.stream().map(ClientLoad.Result::requestId).toList());
            // A clean stop commits what is queued: the last process's completions are all there.
            assertThat(trail.requestIds("completion")).containsAll(lastIds);
            VerifyReport report = trail.verify();
            System.out.printf("%s: upstream received %d; chains %s%n", setup, forwarded, report.chains());
            assertThat(report.breaks()).as("breaks; chains %s", report.chains()).isEmpty();
            assertThat(report.intact()).isTrue();
            if (setup == Setup.DEFAULTS) {
                assertThat(report.chains())
                        .extracting(VerifyReport.Chain::writer)
                        .containsExactlyInAnyOrderElementsOf(concat(killedWriters, lastWriter));
                for (VerifyReport.Chain chain : report.chains()) {
                    assertThat(chain.breaks()).isZero();
                    assertThat(chain.events())
                            .as("events of %s", chain.writer())
                            .isPositive();
                    if (chain.writer().equals(lastWriter)) {
                        assertThat(chain.unanchored())
                                .as("%s stopped cleanly", chain)
                                .isZero();
                    } else {
                        // The next gateway seals a killed writer's chain once it stood still; until then its
                        // tail is unanchored. Either way verify must not count those events as anchored.
                        assertThat(chain.unanchored() + chain.anchoredAfterCrash())
                                .as("%s killed", chain)
                                .isPositive();
                    }
                }
            } else {
                assertThat(killedWriters).containsOnly("gw-1");
                assertThat(report.chains()).singleElement().satisfies(chain -> {
                    assertThat(chain.writer()).isEqualTo("gw-1");
                    assertThat(chain.firstSeq()).isEqualTo(1);
                    assertThat(chain.events()).isEqualTo(chain.lastSeq());
                    assertThat(chain.unanchored()).isZero();
                });
            }
            assertThat(report.events()).isGreaterThanOrEqualTo(forwarded);
        }
    }

    /** Returns as soon as a request arrives at the upstream after the call. */
    private void awaitNextArrival(FakeUpstream upstream) {
        while (taken < upstream.requests().size()) {
            upstream.takeRequest(Duration.ofSeconds(1));
            taken++;
        }
        upstream.takeRequest(Duration.ofSeconds(10));
        taken++;
    }

    private static List<String> concat(List<String> list, String last) {
        List<String> all = new ArrayList<>(list);
        all.add(last);
        return all;
    }
}
