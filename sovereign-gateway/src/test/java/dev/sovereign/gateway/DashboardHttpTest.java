package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.gateway.dashboard.SecurityHeaders;
import dev.sovereign.gateway.ingress.KeyAuthenticator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's rules over HTTP, without a browser: who may sign in, the session cookie's attributes, CSRF on every
 * change, sign-out, the files it serves (types, security headers, no way out of its folder), and the admin
 * endpoints it reads (explain, matrix, gateway).
 */
class DashboardHttpTest {
    static final String ADMIN_KEY = "sk-sov-dpo-admin-key";
    static final String HR_KEY = "sk-sov-hr-assistant-key";
    static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(Map.of(
                "sovereign.yaml",
                """
                keys:
                  - {id: dpo, sha256: %s, team: privacy, workload: audit, admin: true}
                  - {id: hr-prod, sha256: %s, team: hr, workload: hr-assistant}
                """.formatted(KeyAuthenticator.sha256(ADMIN_KEY), KeyAuthenticator.sha256(HR_KEY)),
                "providers.yaml",
                PolicyGatewayTest.PROVIDERS,
                "policy.yaml",
                PolicyGatewayTest.POLICY));
        client = new DashboardClient(fixture.baseUrl());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    static DashboardClient client;

    static String url(String path) {
        return fixture.baseUrl() + path;
    }

    static Http.Response signIn(String key, String... headers) {
        return client.signIn(key, headers);
    }

    static Http.Response postForm(String path, String body, String... headers) {
        return client.postForm(path, body, headers);
    }

    static DashboardClient.Session session() {
        return client.session(ADMIN_KEY);
    }

    static String enc(String s) {
        return DashboardClient.enc(s);
    }

    @Test
    void theDashboardAsksForASignInFirst() {
        Http.Response shell = Http.send(Http.get(url("/ui/")).build());
        assertThat(shell.status()).isEqualTo(303);
        assertThat(shell.header("location")).isEqualTo("/ui/sign-in");
        assertThat(Http.send(Http.get(url("/ui")).build()).header("location")).isEqualTo("/ui/");
        Http.Response page = Http.send(Http.get(url("/ui/sign-in")).build());
        assertThat(page.header("content-type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.header("content-security-policy")).isEqualTo(SecurityHeaders.CSP);
        assertThat(page.header("content-security-policy")).contains("script-src 'self'", "frame-ancestors 'none'");
        assertThat(page.header("x-frame-options")).isEqualTo("DENY");
        assertThat(page.header("x-content-type-options")).isEqualTo("nosniff");
        assertThat(page.header("referrer-policy")).isEqualTo("no-referrer");
        assertThat(page.body()).contains("admin: true").doesNotContain("<script");
        assertThat(page.headers().allValues("set-cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("sovereign_signin=").contains("HttpOnly", "SameSite=Strict"));
    }

    @Test
    void anAdminKeyOpensASessionWithAStrictHttpOnlyCookie() {
        Http.Response r = signIn(ADMIN_KEY);
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.header("location")).isEqualTo("/ui/");
        String set = r.headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith("sovereign_session="))
                .findFirst()
                .orElseThrow();
        assertThat(set).contains("; HttpOnly", "; SameSite=Strict", "; Path=/;").doesNotContain("Secure");
        String cookie = set.substring(0, set.indexOf(';'));
        assertThat(cookie.length()).isGreaterThan("sovereign_session=".length() + 40);
        Http.Response shell = Http.send(Http.get(url("/ui/"), "cookie", cookie).build());
        assertThat(shell.status()).isEqualTo(200);
        assertThat(shell.header("cache-control")).isEqualTo("no-store");
        assertThat(shell.body()).contains("<script type=\"module\" src=\"assets/app.js\"></script>");
        JsonNode who = Http.send(
                        Http.get(url("/admin/session"), "cookie", cookie).build())
                .json();
        assertThat(who.path("key").asText()).isEqualTo("dpo");
        assertThat(who.path("via").asText()).isEqualTo("session");
        assertThat(who.path("csrf_token").asText()).hasSize(43);
        // Behind a TLS-terminating proxy that says so, the cookie is Secure.
        Http.Response tls = signIn(ADMIN_KEY, "x-forwarded-proto", "https");
        assertThat(tls.headers().allValues("set-cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("sovereign_session=").contains("Secure"));
    }

    @Test
    void aClientKeyWithoutAdminRightsIsRefusedWithAClearMessage() {
        Http.Response r = signIn(HR_KEY);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body())
                .contains(
                        "The key &#39;hr-prod&#39; is a client key without admin: true; it cannot open the dashboard.");
        assertThat(r.headers().allValues("set-cookie")).noneMatch(c -> c.startsWith("sovereign_session="));
        Http.Response wrong = signIn("sk-not-a-key");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("This is not a key of this gateway.");
        Http.Response asBearer = Http.send(Http.get(url("/admin/session"), "authorization", "Bearer " + HR_KEY)
                .build());
        assertThat(asBearer.status()).isEqualTo(403);
    }

    @Test
    void theSignInFormIsProtectedAgainstForgery() {
        DashboardClient.Form form = client.signInForm();
        Http.Response noToken = postForm("/ui/sign-in", "token=" + enc(ADMIN_KEY), "cookie", form.cookie());
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(noToken.body()).contains("The sign-in form had expired");
        Http.Response otherToken = postForm(
                "/ui/sign-in",
                "csrf=" + enc(client.signInForm().csrf()) + "&token=" + enc(ADMIN_KEY),
                "cookie",
                form.cookie());
        assertThat(otherToken.status()).isEqualTo(403);
        Http.Response foreign = signIn(ADMIN_KEY, "origin", "https://evil.example");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.body()).contains("another site");
        Http.Response crossSite = signIn(ADMIN_KEY, "sec-fetch-site", "cross-site");
        assertThat(crossSite.status()).isEqualTo(403);
        Http.Response notAForm =
                Http.send(Http.post(url("/ui/sign-in"), "{\"token\":\"x\"}", "content-type", "application/json")
                        .build());
        assertThat(notAForm.status()).isEqualTo(415);
    }

    @Test
    void everyChangeThroughASessionNeedsItsCsrfToken() {
        DashboardClient.Session s = session();
        Http.Response without = Http.send(
                Http.post(url("/admin/policy/reload"), "", "cookie", s.cookie()).build());
        assertThat(without.status()).isEqualTo(403);
        assertThat(without.json().path("error").path("code").asText()).isEqualTo("sovereign.csrf_rejected");
        assertThat(without.json().path("error").path("message").asText()).contains("x-csrf-token");
        Http.Response wrong = Http.send(
                Http.post(url("/admin/policy/reload"), "", "cookie", s.cookie(), "x-csrf-token", "not-the-token")
                        .build());
        assertThat(wrong.status()).isEqualTo(403);
        Http.Response foreign = Http.send(Http.post(
                        url("/admin/policy/reload"),
                        "",
                        "cookie",
                        s.cookie(),
                        "x-csrf-token",
                        s.csrf(),
                        "origin",
                        "https://evil.example")
                .build());
        assertThat(foreign.status()).isEqualTo(403);
        Http.Response right = Http.send(Http.post(
                        url("/admin/policy/reload"),
                        "",
                        "cookie",
                        s.cookie(),
                        "x-csrf-token",
                        s.csrf(),
                        "origin",
                        fixture.baseUrl())
                .build());
        assertThat(right.status()).as(right.body()).isEqualTo(200);
        assertThat(right.json().path("accepted").asBoolean()).isTrue();
        // Reads need no token; a key in a header is no browser credential, so it needs none either.
        assertThat(Http.send(Http.get(url("/admin/policy"), "cookie", s.cookie())
                                .build())
                        .status())
                .isEqualTo(200);
        Http.Response bearer =
                Http.send(Http.post(url("/admin/policy/reload"), "", "authorization", "Bearer " + ADMIN_KEY)
                        .build());
        assertThat(bearer.status()).isEqualTo(200);
        assertThat(bearer.header("cache-control")).isEqualTo("no-store");
    }

    @Test
    void signingOutEndsTheSession() {
        DashboardClient.Session s = session();
        Http.Response withoutToken = postForm("/ui/sign-out", "", "cookie", s.cookie());
        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(Http.send(Http.get(url("/admin/session"), "cookie", s.cookie())
                                .build())
                        .status())
                .isEqualTo(200);
        Http.Response out = postForm("/ui/sign-out", "csrf=" + enc(s.csrf()), "cookie", s.cookie());
        assertThat(out.status()).isEqualTo(303);
        assertThat(out.header("location")).isEqualTo("/ui/sign-in");
        assertThat(out.headers().allValues("set-cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("sovereign_session=;").contains("Max-Age=0"));
        Http.Response after =
                Http.send(Http.get(url("/admin/session"), "cookie", s.cookie()).build());
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.json().path("error").path("message").asText()).contains("session has ended");
        assertThat(Http.send(Http.get(url("/ui/"), "cookie", s.cookie()).build())
                        .status())
                .isEqualTo(303);
    }

    @Test
    void filesComeFromTheJarWithTheirTypesAndRevalidation() {
        Map<String, String> types = Map.of(
                "/ui/assets/app.js", "text/javascript; charset=utf-8",
                "/ui/assets/pages/overview.js", "text/javascript; charset=utf-8",
                "/ui/assets/app.css", "text/css; charset=utf-8",
                "/ui/assets/favicon.svg", "image/svg+xml",
                "/ui/vendor/uplot.js", "text/javascript; charset=utf-8",
                "/ui/vendor/uplot.css", "text/css; charset=utf-8",
                "/ui/vendor/uplot-license.txt", "text/plain; charset=utf-8");
        types.forEach((path, type) -> {
            Http.Response r = Http.send(Http.get(url(path)).build());
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.header("content-type")).as(path).isEqualTo(type);
            assertThat(r.header("x-content-type-options")).isEqualTo("nosniff");
            assertThat(r.header("cache-control")).isEqualTo("no-cache");
            Http.Response again = Http.send(
                    Http.get(url(path), "if-none-match", r.header("etag")).build());
            assertThat(again.status()).as(path).isEqualTo(304);
        });
        assertThat(Http.send(Http.get(url("/ui/vendor/uplot.js")).build()).body())
                .contains("export { uPlot as default }");
        assertThat(Http.send(Http.get(url("/ui/vendor/uplot-license.txt")).build())
                        .body())
                .contains("MIT");
    }

    @Test
    void noPathLeadsOutOfTheDashboardsFolder() {
        for (String path : List.of(
                "/ui/assets/../../../../../etc/passwd",
                "/ui/assets/..%2f..%2f..%2fpom.xml",
                "/ui/assets/%2e%2e/%2e%2e/GatewayServer.class",
                "/ui/assets/pages/../../Dashboard.class",
                "/ui/assets/Dashboard.class",
                "/ui/assets/app.js%00.css",
                "/ui/assets/..%5c..%5cindex.html",
                "/ui/assets/APP.JS",
                "/ui/assets/.hidden.js",
                "/ui/vendor/../../META-INF/MANIFEST.MF",
                "/ui/vendor/uPlot.esm.js",
                "/ui/vendor/uplot/../pom.properties",
                "/ui/dev/sovereign/gateway/dashboard/index.html")) {
            Http.Response r = Http.send(Http.get(url(path)).build());
            assertThat(r.status()).as(path).isIn(303, 404);
            assertThat(r.body())
                    .as(path)
                    .doesNotContain("root:")
                    .doesNotContain("<project")
                    .doesNotContain("Manifest");
            if (r.status() == 303) assertThat(r.header("location")).as(path).isEqualTo("/ui/sign-in");
        }
    }

    @Test
    void explainMarksFindingsByUtf16OffsetsAndNeverLogsTheText() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try {
            DashboardClient.Session s = session();
            String text = "\uD83D\uDE42 Write to jane.doe@example.org about her diabetes.";
            String body = "{\"text\":" + Http.JSON.valueToTree(text)
                    + ",\"model\":\"claude-sonnet-4-5\",\"key\":\"hr-prod\"}";
            Http.Response r = Http.send(Http.post(
                            url("/admin/explain"),
                            body,
                            "cookie",
                            s.cookie(),
                            "x-csrf-token",
                            s.csrf(),
                            "content-type",
                            "application/json")
                    .build());
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode reply = r.json();
            assertThat(reply.path("segment").asText()).isEqualTo("/messages/0/content");
            JsonNode x = reply.path("explanation");
            assertThat(x.path("subject").path("workload").asText()).isEqualTo("hr-assistant");
            assertThat(x.path("decision").path("rule").asText()).isEqualTo("special-categories-self-hosted");
            JsonNode email = null;
            for (JsonNode f : x.path("findings"))
                if (f.path("category").asText().equals("pii.email")) email = f;
            assertThat(email).isNotNull();
            assertThat(email.path("segment").asText()).isEqualTo("/messages/0/content");
            // Java and JavaScript strings index UTF-16 code units: the emoji counts two.
            assertThat(text.substring(
                            email.path("start").asInt(), email.path("end").asInt()))
                    .isEqualTo("jane.doe@example.org");
            assertThat(r.body()).doesNotContain("jane.doe").doesNotContain("diabetes");

            Http.Response noCsrf = Http.send(
                    Http.post(url("/admin/explain"), body, "cookie", s.cookie()).build());
            assertThat(noCsrf.status()).isEqualTo(403);
            Http.Response both = Http.send(Http.post(
                            url("/admin/explain"),
                            "{\"text\":\"x\",\"model\":\"m\",\"key\":\"hr-prod\",\"workload\":\"w\"}",
                            "authorization",
                            "Bearer " + ADMIN_KEY)
                    .build());
            assertThat(both.status()).isEqualTo(400);
            assertThat(both.json().path("error").path("message").asText()).contains("either key");
            Http.Response unknown = Http.send(
                    Http.post(url("/admin/explain"), "{\"txt\":\"x\"}", "authorization", "Bearer " + ADMIN_KEY)
                            .build());
            assertThat(unknown.json().path("error").path("message").asText()).contains("unknown field 'txt'");
            Http.Response noModel = Http.send(
                    Http.post(url("/admin/explain"), "{\"text\":\"x\"}", "authorization", "Bearer " + ADMIN_KEY)
                            .build());
            assertThat(noModel.json().path("error").path("message").asText()).isEqualTo("model: required");
        } finally {
            root.detachAppender(logs);
        }
        assertThat(logs.list).isNotEmpty();
        for (ILoggingEvent e : logs.list) {
            assertThat(e.getFormattedMessage())
                    .doesNotContain("jane.doe")
                    .doesNotContain("diabetes")
                    .doesNotContain(ADMIN_KEY)
                    .doesNotContain(HR_KEY);
        }
    }

    @Test
    void theMatrixAndTheGatewaysSetUpAreThereForAdmins() {
        JsonNode m = Http.send(Http.get(url("/admin/policy/matrix"), "authorization", "Bearer " + ADMIN_KEY)
                        .build())
                .json();
        assertThat(m.path("workloads").size()).isPositive();
        assertThat(m.path("cells").size())
                .isEqualTo(m.path("categories").size() * m.path("workloads").size());
        JsonNode narrowed = Http.send(Http.get(
                                url("/admin/policy/matrix?workloads=hr-assistant&models=claude-x"),
                                "authorization",
                                "Bearer " + ADMIN_KEY)
                        .build())
                .json();
        assertThat(narrowed.path("workloads").toString()).isEqualTo("[\"hr-assistant\"]");
        assertThat(narrowed.path("assumptions").path("models").toString()).isEqualTo("[\"claude-x\"]");
        assertThat(Http.send(Http.get(url("/admin/policy/matrix?model=x"), "authorization", "Bearer " + ADMIN_KEY)
                                .build())
                        .status())
                .isEqualTo(400);

        JsonNode g = Http.send(Http.get(url("/admin/gateway"), "authorization", "Bearer " + ADMIN_KEY)
                        .build())
                .json();
        assertThat(g.path("listen").path("port").asInt())
                .isEqualTo(fixture.gateway().port());
        assertThat(g.path("admin_listen").isNull()).isTrue();
        assertThat(g.path("keys").findValuesAsText("id")).containsExactly("dpo", "hr-prod");
        assertThat(g.toString()).doesNotContain("sha256").doesNotContain(KeyAuthenticator.sha256(ADMIN_KEY));
        assertThat(g.path("providers").findValuesAsText("id")).containsExactly("anthropic", "local");
        assertThat(g.path("workloads").toString()).contains("hr-assistant", "audit");
    }
}
