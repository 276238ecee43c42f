package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.config.RedisSettings;
import dev.sovereign.gateway.dashboard.SignInThrottle;
import dev.sovereign.gateway.ingress.KeyAuthenticator;
import dev.sovereign.store.RedisSessionRecords;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two gateways whose dashboard sessions and failed sign-ins live in the Redis at 127.0.0.1:6379, as two replicas
 * behind a load balancer without sticky sessions: a session opened on one is served by the other, signing out on one
 * ends it on both, and failed sign-ins count over both. A gateway whose Redis is down answers 503, without a trace.
 * The failed sign-ins of the test's address are cleared before and after, so that runs do not see each other's.
 */
class SharedSessionsTest {
    static final String ADMIN_KEY = "sk-sov-shared-sessions-dpo";
    static final String HR_KEY = "sk-sov-shared-sessions-hr";
    static final String REDIS = "redis: {url: \"redis://127.0.0.1:6379\"}";
    /** The addresses the test's requests come from, as the gateways see them. */
    static final List<String> ADDRESSES = List.of("127.0.0.1", "0:0:0:0:0:0:0:1");

    static GatewayFixture a;
    static GatewayFixture b;
    static RedisSessionRecords records;

    static String config(String redis) {
        return """
                keys:
                  - {id: dpo, sha256: %s, team: privacy, workload: audit, admin: true}
                  - {id: hr-prod, sha256: %s, team: hr, workload: hr-assistant}
                %s
                """.formatted(KeyAuthenticator.sha256(ADMIN_KEY), KeyAuthenticator.sha256(HR_KEY), redis);
    }

    @BeforeAll
    static void start() throws Exception {
        records = RedisSessionRecords.open(new RedisSettings(
                "redis://127.0.0.1:6379", Optional.empty(), Duration.ofSeconds(2), RedisSettings.OnFailure.DEFAULT));
        clearFailures();
        a = GatewayFixture.start(Map.of("sovereign.yaml", config(REDIS)));
        b = GatewayFixture.start(Map.of("sovereign.yaml", config(REDIS)));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            clearFailures();
        } finally {
            records.close();
            if (a != null) a.close();
            if (b != null) b.close();
        }
    }

    static void clearFailures() throws Exception {
        for (String address : ADDRESSES)
            records.clear(address).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static Http.Response get(GatewayFixture at, String path, String cookie) {
        return Http.send(Http.get(at.baseUrl() + path, "cookie", cookie).build());
    }

    static Http.Response reload(GatewayFixture at, DashboardClient.Session s) {
        return Http.send(Http.post(
                        at.baseUrl() + "/admin/policy/reload",
                        "",
                        "cookie",
                        s.cookie(),
                        "x-csrf-token",
                        s.csrf(),
                        "origin",
                        at.baseUrl())
                .build());
    }

    @Test
    void aSessionOpenedOnOneReplicaIsServedByTheOtherUntilSignedOutOnEither() {
        DashboardClient toA = new DashboardClient(a.baseUrl());
        Http.Response signedIn = toA.signIn(ADMIN_KEY);
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(303);
        String cookie = DashboardClient.sessionCookie(signedIn);

        // B knows the session A opened: who it is, its CSRF token, the pages and the admin API.
        JsonNode who = get(b, "/admin/session", cookie).json();
        assertThat(who.path("key").asText()).isEqualTo("dpo");
        assertThat(who.path("team").asText()).isEqualTo("privacy");
        assertThat(who.path("via").asText()).isEqualTo("session");
        String csrf = who.path("csrf_token").asText();
        assertThat(csrf).hasSize(43);
        assertThat(get(a, "/admin/session", cookie).json().path("csrf_token").asText())
                .isEqualTo(csrf);
        DashboardClient.Session s = new DashboardClient.Session(cookie, csrf);

        Http.Response gateway = get(b, "/admin/gateway", cookie);
        assertThat(gateway.status()).as(gateway.body()).isEqualTo(200);
        assertThat(gateway.json().path("keys").findValuesAsText("id")).containsExactly("dpo", "hr-prod");
        assertThat(get(b, "/ui/", cookie).status()).isEqualTo(200);
        assertThat(get(b, "/ui/sign-in", cookie).header("location")).isEqualTo("/ui/");

        // A change on B needs the session's token there too.
        Http.Response withoutToken = Http.send(Http.post(b.baseUrl() + "/admin/policy/reload", "", "cookie", cookie)
                .build());
        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(withoutToken.json().path("error").path("code").asText()).isEqualTo("sovereign.csrf_rejected");
        Http.Response changed = reload(b, s);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().path("accepted").asBoolean()).isTrue();
        // A request body sent with the head is held back, not lost, while the session is looked up.
        Http.Response explained = Http.send(Http.post(
                        b.baseUrl() + "/admin/explain",
                        "{\"text\":\"Write to jane.doe@example.org\",\"model\":\"claude-sonnet-4-5\",\"key\":\"hr-prod\"}",
                        "cookie",
                        cookie,
                        "x-csrf-token",
                        csrf,
                        "content-type",
                        "application/json")
                .build());
        assertThat(explained.status()).as(explained.body()).isEqualTo(200);
        assertThat(explained.json().path("explanation").path("findings").toString())
                .contains("pii.email");

        // Signed out on B, the session has ended on A as well.
        DashboardClient toB = new DashboardClient(b.baseUrl());
        Http.Response out = toB.postForm("/ui/sign-out", "csrf=" + DashboardClient.enc(csrf), "cookie", cookie);
        assertThat(out.status()).isEqualTo(303);
        assertThat(out.header("location")).isEqualTo("/ui/sign-in");
        Http.Response after = get(a, "/admin/session", cookie);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.json().path("error").path("message").asText()).contains("session has ended");
        assertThat(get(a, "/admin/gateway", cookie).status()).isEqualTo(401);
        assertThat(reload(a, s).status()).isEqualTo(401);
        assertThat(get(a, "/ui/", cookie).header("location")).isEqualTo("/ui/sign-in");
        assertThat(get(b, "/admin/session", cookie).status()).isEqualTo(401);
    }

    @Test
    void aSessionsKeyMustStillBeAnAdminKeyOfTheReplicaThatServesIt() throws IOException {
        DashboardClient toA = new DashboardClient(a.baseUrl());
        String cookie = DashboardClient.sessionCookie(toA.signIn(ADMIN_KEY));
        // A replica configured without the key 'dpo' (here: dpo is no admin there) does not serve its sessions.
        String other = """
                keys:
                  - {id: dpo, sha256: %s, team: privacy, workload: audit}
                %s
                """.formatted(KeyAuthenticator.sha256(ADMIN_KEY), REDIS);
        try (GatewayFixture c = GatewayFixture.start(Map.of("sovereign.yaml", other))) {
            assertThat(get(c, "/admin/session", cookie).status()).isEqualTo(401);
        }
        assertThat(get(a, "/admin/session", cookie).status())
                .as("the session was ended where its key no longer opens the dashboard")
                .isEqualTo(401);
    }

    @Test
    void failedSignInsCountOverBothReplicas() throws Exception {
        clearFailures();
        try {
            DashboardClient toA = new DashboardClient(a.baseUrl());
            DashboardClient toB = new DashboardClient(b.baseUrl());
            for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
                DashboardClient to = i % 2 == 0 ? toA : toB;
                Http.Response r = i == 3 ? to.signIn(HR_KEY) : to.signIn("sk-guess-" + i);
                assertThat(r.status()).as("failure %d", i + 1).isIn(401, 403);
            }
            for (DashboardClient to : List.of(toA, toB)) {
                Http.Response refused = to.signIn(ADMIN_KEY);
                assertThat(refused.status()).isEqualTo(429);
                assertThat(refused.header("retry-after")).matches("[1-9][0-9]*");
                assertThat(Long.parseLong(refused.header("retry-after")))
                        .isLessThanOrEqualTo(SignInThrottle.WINDOW.toSeconds());
                assertThat(refused.body()).contains("Too many failed sign-ins from this address");
                assertThat(refused.headers().allValues("set-cookie"))
                        .noneMatch(c -> c.startsWith("sovereign_session="));
            }
            // Cleared, as a window that has passed would be: an admin key signs in again.
            clearFailures();
            assertThat(toB.signIn(ADMIN_KEY).status()).isEqualTo(303);
        } finally {
            clearFailures();
        }
    }

    @Test
    void whileRedisIsDownSessionsAreRefusedWith503AndKeysStillWork() throws IOException {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        String down = "redis: {url: \"redis://127.0.0.1:" + dead + "\", timeout: 200ms}";
        try (GatewayFixture c = GatewayFixture.start(Map.of("sovereign.yaml", config(down)))) {
            DashboardClient client = new DashboardClient(c.baseUrl());
            String cookie = "sovereign_session=" + "x".repeat(43);

            Http.Response signIn = client.signIn(ADMIN_KEY);
            assertThat(signIn.status()).isEqualTo(503);
            assertThat(signIn.header("retry-after")).isEqualTo("1");
            assertThat(signIn.body())
                    .contains("Signing in is not possible right now")
                    .doesNotContain("Exception");
            assertThat(signIn.headers().allValues("set-cookie")).noneMatch(x -> x.startsWith("sovereign_session="));

            Http.Response api = get(c, "/admin/session", cookie);
            assertThat(api.status()).isEqualTo(503);
            assertThat(api.header("x-sovereign-error")).isEqualTo("sovereign.sessions_unavailable");
            assertThat(api.json().path("error").path("code").asText()).isEqualTo("sovereign.sessions_unavailable");
            assertThat(api.body()).doesNotContain("Exception").doesNotContain("at dev.sovereign");

            Http.Response change = Http.send(
                    Http.post(c.baseUrl() + "/admin/policy/reload", "{}", "cookie", cookie, "x-csrf-token", "t")
                            .build());
            assertThat(change.status()).isEqualTo(503);

            Http.Response shell = get(c, "/ui/", cookie);
            assertThat(shell.status()).isEqualTo(503);
            assertThat(shell.body()).contains("cannot be reached").doesNotContain("Exception");
            assertThat(get(c, "/ui/sign-in", cookie).status()).isEqualTo(503);
            assertThat(Http.send(Http.get(c.baseUrl() + "/ui/sign-in").build()).status())
                    .as("the form itself, without a session to look up")
                    .isEqualTo(200);

            Http.Response bearer =
                    Http.send(Http.get(c.baseUrl() + "/admin/gateway", "authorization", "Bearer " + ADMIN_KEY)
                            .build());
            assertThat(bearer.status()).as("an admin key needs no session").isEqualTo(200);
            assertThat(Http.send(Http.get(c.baseUrl() + "/healthz").build()).status())
                    .isEqualTo(200);
        }
    }
}
