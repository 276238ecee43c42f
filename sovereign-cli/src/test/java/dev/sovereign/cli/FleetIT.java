package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.audit.AuditSigner;
import dev.sovereign.gateway.ingress.KeyAuthenticator;
import dev.sovereign.testing.FakeUpstream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged gateway processes as a fleet: one Redis (the machine's, 127.0.0.1:6379) for their usage counters and
 * dashboard sessions, one PostgreSQL database for their audit trail. A key's per-minute limit holds exactly over
 * both, a token budget is settled from a stream's usage on one and seen by the other, a dashboard session opened on
 * one is served by the other, and every refusal is a {@code limited} event in the shared trail.
 */
class FleetIT {
    private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP_KEY = "sk-fleet-app";
    private static final String STREAM_KEY = "sk-fleet-stream";
    private static final String DPO_KEY = "sk-fleet-dpo";
    private static final int LIMIT = 10;

    @TempDir
    Path tmp;

    private String database;
    /** New every run, so that runs never share counters in the machine's Redis. */
    private final String run = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);

    @BeforeEach
    void createDatabase() throws SQLException {
        database = "sovereign_fleet_" + run;
        admin("CREATE DATABASE " + database);
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        if (database != null) admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    @Test
    void twoProcessesShareLimitsBudgetsSessionsAndOneTrail() throws Exception {
        // one signing key for the fleet, made before either starts
        AuditSigner.generate(tmp.resolve("audit-signing.key"), tmp.resolve("audit-signing.pub"));
        try (FakeUpstream upstream = FakeUpstream.start()) {
            Path configA = config("a");
            Path configB = config("b");
            try (GatewayProcess a = GatewayProcess.start(tmp.resolve("work-a"), configA, upstream);
                    GatewayProcess b = GatewayProcess.start(tmp.resolve("work-b"), configB, upstream)) {
                a.awaitReady(Duration.ofSeconds(60));
                b.awaitReady(Duration.ofSeconds(60));
                upstream.reset();

                // 1. the per-minute limit over both processes: exactly LIMIT accepted
                int second = LocalTime.now(ZoneOffset.UTC).getSecond();
                if (second >= 45) GatewayProcess.pause((61 - second) * 1000L);
                ExecutorService pool = Executors.newFixedThreadPool(6);
                List<Future<Integer>> statuses = new ArrayList<>();
                try {
                    for (int i = 0; i < 3 * LIMIT; i++) {
                        String base = (i % 2 == 0 ? a : b).baseUrl();
                        String text = "request " + i;
                        statuses.add(pool.submit(() -> GatewayCalls.messages(base, APP_KEY, body(text, false))
                                .statusCode()));
                    }
                    int ok = 0;
                    int limited = 0;
                    for (Future<Integer> f : statuses) {
                        int s = f.get();
                        if (s == 200) ok++;
                        else if (s == 429) limited++;
                    }
                    assertThat(ok).isEqualTo(LIMIT);
                    assertThat(limited).isEqualTo(2 * LIMIT);
                } finally {
                    pool.shutdownNow();
                }
                assertThat(upstream.requests().stream()
                                .filter(r -> r.path().equals("/v1/messages"))
                                .count())
                        .as("messages the provider received: %s", upstream.requests())
                        .isEqualTo(LIMIT);

                // 2. a stream through A: B sees its reported tokens in the budget
                HttpResponse<String> stream =
                        GatewayCalls.messages(a.baseUrl(), STREAM_KEY, body("stream through a", true));
                assertThat(stream.statusCode()).isEqualTo(200);
                long reported = reportedTokens(stream.body());
                assertThat(reported).isPositive();
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                long used = -1;
                while (System.nanoTime() < deadline) {
                    used = used(b, "key", "stream-" + run, "tokens_per_day");
                    if (used == reported) break;
                    GatewayProcess.pause(100);
                }
                assertThat(used).isEqualTo(reported);

                // 3. a dashboard session opened on A, used and ended on B
                String cookie = signIn(a);
                assertThat(get(b, "/admin/gateway", "cookie", cookie).statusCode())
                        .isEqualTo(200);

                // 4. one trail in PostgreSQL: every refusal is a limited event, whichever process refused it
                JsonNode events = JSON.readTree(get(
                                        b,
                                        "/admin/audit/events?type=limited&key=app-" + run + "&limit=100",
                                        "authorization",
                                        "Bearer " + DPO_KEY)
                                .body())
                        .path("events");
                assertThat(events).hasSize(2 * LIMIT);
                List<String> writers = new ArrayList<>();
                for (JsonNode e : events) writers.add(e.path("writer").asText());
                assertThat(writers).contains("fleet-a-" + run, "fleet-b-" + run);

                assertThat(a.terminate()).isEqualTo(GatewayProcess.TERMINATED);
                assertThat(b.terminate()).isEqualTo(GatewayProcess.TERMINATED);
            }
        }
    }

    private Path config(String name) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("config-" + name));
        Files.writeString(dir.resolve("sovereign.yaml"), """
                keys:
                  - {id: app-%1$s, sha256: %2$s, team: web, workload: chat, limits: {requests_per_minute: %3$d}}
                  - {id: stream-%1$s, sha256: %4$s, team: web, workload: stream, limits: {tokens_per_day: 1000000}}
                  - {id: dpo, sha256: %5$s, team: privacy, workload: audit, admin: true}
                redis: {url: "redis://127.0.0.1:6379"}
                audit:
                  store: postgresql://postgres@127.0.0.1:5432/%6$s
                  writer: fleet-%7$s-%1$s
                  signing_key: %8$s
                  checkpoints: %9$s
                """.formatted(
                        run,
                        KeyAuthenticator.sha256(APP_KEY),
                        LIMIT,
                        KeyAuthenticator.sha256(STREAM_KEY),
                        KeyAuthenticator.sha256(DPO_KEY),
                        database,
                        name,
                        tmp.resolve("audit-signing.key"),
                        tmp.resolve("checkpoints")));
        return dir;
    }

    private static String body(String text, boolean stream) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    private static HttpResponse<String> get(GatewayProcess at, String path, String... headers)
            throws IOException, InterruptedException {
        return GatewayCalls.get(at.baseUrl() + path, headers);
    }

    /** Input plus output tokens as the stream reported them: message_start's input, message_delta's output. */
    private static long reportedTokens(String sse) throws IOException {
        long input = -1;
        long output = -1;
        for (String line : sse.split("\n")) {
            if (!line.startsWith("data: ")) continue;
            JsonNode event = JSON.readTree(line.substring(6));
            JsonNode start = event.path("message").path("usage").path("input_tokens");
            if (start.isNumber()) input = start.asLong();
            if (event.path("type").asText().equals("message_delta"))
                output = event.path("usage").path("output_tokens").asLong();
        }
        assertThat(input).as(sse).isNotNegative();
        assertThat(output).as(sse).isNotNegative();
        return input + output;
    }

    private long used(GatewayProcess at, String scope, String id, String which) throws Exception {
        JsonNode body = JSON.readTree(
                get(at, "/admin/limits", "authorization", "Bearer " + DPO_KEY).body());
        assertThat(body.path("store").asText()).isEqualTo("redis");
        for (JsonNode holder : body.path("limits")) {
            if (!holder.path("scope").asText().equals(scope)
                    || !holder.path("id").asText().equals(id)) continue;
            for (JsonNode l : holder.path("limits"))
                if (l.path("limit").asText().equals(which))
                    return l.path("used").asLong();
        }
        throw new AssertionError("no " + which + " of " + scope + " " + id + " in " + body);
    }

    /** Signs in to {@code at}'s dashboard with the admin key, as its form does; the session cookie. */
    private String signIn(GatewayProcess at) throws Exception {
        HttpResponse<String> page = get(at, "/ui/sign-in");
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).as(page.body()).isTrue();
        String formCookie = page.headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith("sovereign_signin="))
                .findFirst()
                .orElseThrow();
        HttpResponse<String> signedIn = GatewayCalls.HTTP.send(
                HttpRequest.newBuilder(URI.create(at.baseUrl() + "/ui/sign-in"))
                        .timeout(Duration.ofSeconds(10))
                        .header("content-type", "application/x-www-form-urlencoded")
                        .header("cookie", formCookie.substring(0, formCookie.indexOf(';')))
                        .POST(HttpRequest.BodyPublishers.ofString("csrf="
                                + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8) + "&token="
                                + URLEncoder.encode(DPO_KEY, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
        String set = signedIn.headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith("sovereign_session="))
                .findFirst()
                .orElseThrow();
        return set.substring(0, set.indexOf(';'));
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN);
                var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
