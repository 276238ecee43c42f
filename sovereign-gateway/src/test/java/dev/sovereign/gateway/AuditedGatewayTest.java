package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sovereign.audit.AuditEvent;
import dev.sovereign.audit.AuditQuery;
import dev.sovereign.audit.AuditSigner;
import dev.sovereign.audit.AuditStore;
import dev.sovereign.audit.AuditVerifier;
import dev.sovereign.audit.AuditWriter;
import dev.sovereign.audit.CheckpointLog;
import dev.sovereign.audit.StoredEvent;
import dev.sovereign.audit.VerifyReport;
import dev.sovereign.config.AuditConfig;
import dev.sovereign.gateway.wire.Exchange;
import dev.sovereign.store.AuditStores;
import dev.sovereign.testing.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The audit trail of a running gateway, on its real SQLite store: every request that reaches an upstream has
 * its decision event (committed first) and a completion event; categories are recorded, values never; refusals
 * are recorded too; when the store cannot commit, requests fail closed and service resumes by itself.
 */
class AuditedGatewayTest {

    private static List<StoredEvent> events(Path dataDir, String requestId) {
        try (AuditStore store = AuditStores.open(AuditConfig.defaults(dataDir))) {
            return store.query(new AuditQuery(
                            null, null, null, requestId, null, null, null, null, null, null, null, 100, null))
                    .events();
        }
    }

    private static Map<String, AuditEvent> byType(Path dataDir, String requestId) {
        Map<String, AuditEvent> m = new HashMap<>();
        for (StoredEvent e : events(dataDir, requestId)) m.put(e.columns().type(), e.event());
        return m;
    }

    private static VerifyReport verify(Path dataDir) throws IOException {
        AuditConfig c = AuditConfig.defaults(dataDir);
        try (AuditStore store = AuditStores.open(c)) {
            return new AuditVerifier(store, AuditSigner.verifier(c.verifyKey()), new CheckpointLog(c.checkpoints()))
                    .verify();
        }
    }

    @Test
    void everyForwardedRequestHasADecisionAndACompletionEvent() throws Exception {
        Path data;
        try (GatewayFixture fx = GatewayFixture.start()) {
            data = fx.dataDir();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                boolean stream = i % 2 == 1;
                Http.Response r = i < 3
                        ? Http.send(Http.post(
                                        fx.baseUrl() + "/v1/messages",
                                        Http.anthropicBody("claude-sonnet-4-5", "hello " + i, stream),
                                        "anthropic-version",
                                        "2023-06-01")
                                .build())
                        : Http.send(Http.post(
                                        fx.openAiBaseUrl() + "/chat/completions",
                                        Http.openAiBody("gpt-4o-mini", "hello " + i, stream))
                                .build());
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                ids.add(r.header(Exchange.REQUEST_ID));
            }
            List<RecordedRequest> received = fx.upstream().requests();
            assertThat(received)
                    .extracting(q -> q.header(Exchange.REQUEST_ID))
                    .containsExactlyInAnyOrderElementsOf(ids);
            // Completion events are committed in the background, right after the answer.
            await().atMost(Duration.ofSeconds(5))
                    .until(() ->
                            ids.stream().allMatch(id -> byType(fx.dataDir(), id).containsKey("completion")));
            for (int i = 0; i < ids.size(); i++) {
                Map<String, AuditEvent> ev = byType(data, ids.get(i));
                AuditEvent decision = ev.get("decision");
                assertThat(decision.route().action()).isEqualTo("forward");
                assertThat(decision.route().provider()).isEqualTo(i < 3 ? "anthropic" : "openai");
                assertThat(decision.route().jurisdiction()).isEqualTo("us");
                assertThat(decision.subject().key()).isEqualTo("local");
                assertThat(decision.request().model()).isEqualTo(i < 3 ? "claude-sonnet-4-5" : "gpt-4o-mini");
                assertThat(decision.request().stream()).isEqualTo(i % 2 == 1);
                AuditEvent completion = ev.get("completion");
                assertThat(completion.result().status()).isEqualTo(200);
                assertThat(completion.result().inputTokens()).isPositive();
                assertThat(completion.result().outputTokens()).isPositive();
                assertThat(completion.result().errorKey()).isNull();
                if (i % 2 == 1) assertThat(completion.result().ttftMs()).isNotNull();
                // List prices: claude-sonnet-4-5 on the Anthropic API 3 and 15 USD, gpt-4o-mini on OpenAI 0.15
                // and 0.60 USD per million input and output tokens, so 3 and 15 (0.15 and 0.6) micro-USD a token.
                long in = completion.result().inputTokens();
                long out = completion.result().outputTokens();
                assertThat(completion.result().costMicroUsd())
                        .as("cost of %d input and %d output tokens", in, out)
                        .isEqualTo(i < 3 ? in * 3 + out * 15 : microUsd("0.15", in, "0.6", out));
            }
        }
        // Closed: the stop checkpoint anchors the whole chain.
        VerifyReport report = verify(data);
        assertThat(report.breaks()).isEmpty();
        assertThat(report.chains()).singleElement().satisfies(c -> {
            assertThat(c.events()).isEqualTo(12);
            assertThat(c.unanchored()).isZero();
        });
    }

    /** {@code in × inRate + out × outRate}, rounded half up to a whole micro-USD. */
    private static long microUsd(String inRate, long in, String outRate, long out) {
        return new java.math.BigDecimal(inRate)
                .multiply(java.math.BigDecimal.valueOf(in))
                .add(new java.math.BigDecimal(outRate).multiply(java.math.BigDecimal.valueOf(out)))
                .setScale(0, java.math.RoundingMode.HALF_UP)
                .longValueExact();
    }

    @Test
    void completionsAreCostedFromTheConfiguredPricesAndUnpricedModelsAreLeftUnpriced() throws Exception {
        try (GatewayFixture fx = GatewayFixture.start(Map.of("prices.yaml", """
                api:
                  - id: negotiated-haiku
                    profiles: [anthropic]
                    models: ["claude-haiku-4-5*"]
                    usd_per_mtok: {input: 0.8, output: 4.25}
                    source: https://example.org/our-contract
                    checked: 2026-11-01
                """))) {
            Http.Response haiku = Http.send(Http.post(
                            fx.baseUrl() + "/v1/messages",
                            Http.anthropicBody("claude-haiku-4-5", "hello there", true),
                            "anthropic-version",
                            "2023-06-01")
                    .build());
            Http.Response unpriced = Http.send(Http.post(
                            fx.openAiBaseUrl() + "/chat/completions",
                            Http.openAiBody("gpt-3.5-turbo", "hello there", false))
                    .build());
            assertThat(haiku.status()).isEqualTo(200);
            assertThat(unpriced.status()).isEqualTo(200);
            String haikuId = haiku.header(Exchange.REQUEST_ID);
            String unpricedId = unpriced.header(Exchange.REQUEST_ID);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> byType(fx.dataDir(), haikuId).containsKey("completion")
                            && byType(fx.dataDir(), unpricedId).containsKey("completion"));
            AuditEvent.Result result =
                    byType(fx.dataDir(), haikuId).get("completion").result();
            long expected = microUsd("0.8", result.inputTokens(), "4.25", result.outputTokens());
            assertThat(expected).isPositive();
            assertThat(result.costMicroUsd()).isEqualTo(expected);
            AuditEvent.Result none =
                    byType(fx.dataDir(), unpricedId).get("completion").result();
            assertThat(none.inputTokens()).isPositive();
            assertThat(none.costMicroUsd())
                    .as("no price for gpt-3.5-turbo: no estimate, never 0")
                    .isNull();
            String metrics =
                    Http.send(Http.get(fx.baseUrl() + "/metrics").build()).body();
            assertThat(metrics)
                    .contains("sovereign_estimated_spend_usd_total{price=\"negotiated-haiku\",provider=\"anthropic\"} "
                            + expected / 1_000_000.0);
            assertThat(metrics).doesNotContain("hello there").doesNotContain("gpt-3.5-turbo");
        }
    }

    @Test
    void categoriesAreRecordedAndTheValuesNever() throws Exception {
        String email = "jane.doe@example.org";
        String iban = "DE89370400440532013000";
        try (GatewayFixture fx = GatewayFixture.start()) {
            Http.Response r = Http.send(Http.post(
                            fx.openAiBaseUrl() + "/chat/completions",
                            Http.openAiBody("gpt-4o-mini", "Refund " + iban + " and mail " + email + " please", false),
                            "x-sovereign-labels",
                            "confidential")
                    .build());
            assertThat(r.status()).isEqualTo(200);
            String id = r.header(Exchange.REQUEST_ID);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> byType(fx.dataDir(), id).containsKey("completion"));
            AuditEvent decision = byType(fx.dataDir(), id).get("decision");
            assertThat(decision.categories())
                    .containsEntry("pii.email", 1)
                    .containsEntry("financial.iban", 1)
                    .containsEntry("label.confidential", 1);
            assertThat(decision.content()).isNull();
            StringBuilder everything = new StringBuilder();
            try (var files = Files.walk(fx.dataDir())) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    everything.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                }
            }
            assertThat(everything.toString()).contains(id).doesNotContain(email).doesNotContain(iban);
        }
    }

    @Test
    void refusalsAreRecordedWithTheirOutcome() {
        try (GatewayFixture fx = GatewayFixture.start(Map.of("providers.yaml", """
                providers:
                  - id: anthropic
                    kind: anthropic
                    endpoint: ${UPSTREAM}
                    api_key_env: ANTHROPIC_API_KEY
                    models:
                      - pattern: claude-*
                """))) {
            Http.Response r = Http.send(
                    Http.post(fx.openAiBaseUrl() + "/chat/completions", Http.openAiBody("gpt-4o", "hi", false))
                            .build());
            assertThat(r.status()).isEqualTo(404);
            String id = r.header(Exchange.REQUEST_ID);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> byType(fx.dataDir(), id).size() == 2);
            Map<String, AuditEvent> ev = byType(fx.dataDir(), id);
            assertThat(ev.get("decision").route().action()).isEqualTo("unroutable");
            assertThat(ev.get("decision").route().provider()).isNull();
            assertThat(ev.get("completion").result().status()).isEqualTo(404);
            assertThat(ev.get("completion").result().errorKey()).isEqualTo("sovereign.no_route");
            assertThat(fx.upstream().requests()).isEmpty();
        }
    }

    @Test
    void whenTheStoreCannotCommitRequestsFailClosedAndServiceResumes() throws Exception {
        Path data;
        try (GatewayFixture fx = GatewayFixture.start()) {
            data = fx.dataDir();
            assertThat(send(fx, false).status()).isEqualTo(200);
            Path db = data.resolve("audit.db");
            Path wal = data.resolve("audit.db-wal");
            assertThat(wal).exists();
            chattr("+i", db, wal);
            try {
                for (boolean anthropic : new boolean[] {true, false}) {
                    for (int i = 0; i < 5; i++) {
                        Http.Response r = send(fx, anthropic);
                        assertThat(r.status()).as(r.body()).isEqualTo(503);
                        assertThat(r.header("x-sovereign-error")).isEqualTo("sovereign.audit_unavailable");
                        assertThat(r.body())
                                .contains("audit trail cannot record")
                                .doesNotContain("Exception");
                        if (anthropic)
                            assertThat(r.json().path("type").asText()).isEqualTo("error");
                        else
                            assertThat(r.json().path("error").path("code").asText())
                                    .isEqualTo("sovereign.audit_unavailable");
                    }
                }
                assertThat(fx.upstream().requests()).hasSize(1);
                Http.Response ready =
                        Http.send(Http.get(fx.baseUrl() + "/readyz").build());
                assertThat(ready.status()).isEqualTo(503);
                assertThat(ready.body()).contains("audit_unavailable");
            } finally {
                chattr("-i", db, wal);
            }
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> send(fx, false).status() == 200);
            assertThat(Http.send(Http.get(fx.baseUrl() + "/readyz").build()).status())
                    .isEqualTo(200);
            String metrics =
                    Http.send(Http.get(fx.baseUrl() + "/metrics").build()).body();
            assertThat(metrics).containsPattern("sovereign_audit_events_total\\{result=\"refused\"\\} [1-9]");
            assertThat(metrics).contains("sovereign_audit_store_up 1.0");
            // How long requests waited for their decisions, refused ones included.
            assertThat(metrics).containsPattern("sovereign_audit_durable_wait_seconds_count [1-9]");
            assertThat(metrics)
                    .containsPattern("sovereign_audit_durable_wait_seconds_bucket\\{le=\"[0-9.E-]+\"} [1-9]");
            // Every request the upstream received has its decision event.
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> fx.upstream().requests().stream()
                            .allMatch(q -> byType(fx.dataDir(), q.header(Exchange.REQUEST_ID))
                                    .containsKey("decision")));
        }
        VerifyReport report = verify(data);
        assertThat(report.breaks()).isEmpty();
    }

    @Test
    void aStoreThatHangsFailsTheRequestClosedAtTheStallLimitAndServiceResumes() throws Exception {
        try (GatewayFixture fx = GatewayFixture.start()) {
            assertThat(send(fx, false).status()).isEqualTo(200);
            fx.upstream().reset();
            // Another connection holds SQLite's write lock: the writer's commit waits (up to its 30 s busy timeout).
            try (java.sql.Connection lock = java.sql.DriverManager.getConnection(
                    "jdbc:sqlite:" + fx.dataDir().resolve("audit.db"))) {
                lock.createStatement().execute("BEGIN EXCLUSIVE");
                long started = System.nanoTime();
                Http.Response r = send(fx, false);
                long waitedMs = (System.nanoTime() - started) / 1_000_000;
                assertThat(r.status()).as(r.body()).isEqualTo(503);
                assertThat(r.header("x-sovereign-error")).isEqualTo("sovereign.audit_unavailable");
                // Refused at the stall limit (2 s), not after the store's own busy timeout.
                assertThat(waitedMs).isBetween(AuditWriter.STALLED.toMillis() - 100, 15_000L);
                assertThat(fx.upstream().requests()).isEmpty();
                lock.createStatement().execute("ROLLBACK");
            }
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> send(fx, false).status() == 200);
        }
    }

    private static Http.Response send(GatewayFixture fx, boolean anthropic) {
        return anthropic
                ? Http.send(Http.post(
                                fx.baseUrl() + "/v1/messages",
                                Http.anthropicBody("claude-sonnet-4-5", "hi", false),
                                "anthropic-version",
                                "2023-06-01")
                        .build())
                : Http.send(
                        Http.post(fx.openAiBaseUrl() + "/chat/completions", Http.openAiBody("gpt-4o-mini", "hi", false))
                                .build());
    }

    /** Makes files immutable (even to root) or writable again: the store's disk refuses writes. */
    private static void chattr(String flag, Path... files) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("chattr", flag));
        for (Path f : files) cmd.add(f.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("chattr " + flag + ": " + out).isZero();
    }

    @Test
    void capturedPromptsAreStoredEncryptedAndOpenOnlyWithTheKey() throws Exception {
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'Q');
        String prompt = "Summarise the file of patient Jean Martin";
        try (GatewayFixture fx = GatewayFixture.start(
                Map.of("sovereign.yaml", "audit:\n  capture: true\n"),
                Map.of(dev.sovereign.audit.ContentSealer.KEY_ENV, key))) {
            Http.Response r = Http.send(
                    Http.post(fx.openAiBaseUrl() + "/chat/completions", Http.openAiBody("gpt-4o-mini", prompt, false))
                            .build());
            assertThat(r.status()).isEqualTo(200);
            String id = r.header(Exchange.REQUEST_ID);
            AuditEvent decision = byType(fx.dataDir(), id).get("decision");
            assertThat(decision.content()).isNotNull();
            assertThat(decision.content().alg()).isEqualTo("A256GCM");
            assertThat(dev.sovereign.audit.ContentSealer.of(key).open(decision.content(), id))
                    .contains(prompt);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.sovereign.audit.ContentSealer.of(
                                    java.util.Base64.getEncoder().encodeToString(new byte[32]))
                            .open(decision.content(), id))
                    .hasMessageContaining("not with this key");
            StringBuilder everything = new StringBuilder();
            try (var files = Files.walk(fx.dataDir())) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    everything.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                }
            }
            assertThat(everything.toString()).doesNotContain("Jean Martin");
        }
    }
}
