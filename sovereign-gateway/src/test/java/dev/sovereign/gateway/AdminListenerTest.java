package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sovereign.config.ConfigException;
import dev.sovereign.gateway.ingress.KeyAuthenticator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin API and the dashboard on a listener of their own ({@code admin:} in sovereign.yaml): served there only,
 * while the client listener serves the client APIs only.
 */
class AdminListenerTest {
    static final String ADMIN_KEY = "sk-sov-dpo-admin-key";
    static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(Map.of("sovereign.yaml", """
                admin: {host: 127.0.0.1, port: 0}
                keys:
                  - {id: dpo, sha256: %s, team: privacy, workload: audit, admin: true}
                """.formatted(KeyAuthenticator.sha256(ADMIN_KEY))));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    static Http.Response get(String base, String path) {
        return Http.send(
                Http.get(base + path, "authorization", "Bearer " + ADMIN_KEY).build());
    }

    @Test
    void theAdminApiAndTheDashboardAreServedOnTheAdminListenerOnly() {
        String client = fixture.baseUrl();
        String admin = fixture.gateway().adminBaseUrl();
        assertThat(fixture.gateway().adminPort()).isNotEqualTo(fixture.gateway().port());
        assertThat(admin).isEqualTo("http://127.0.0.1:" + fixture.gateway().adminPort());

        assertThat(get(admin, "/admin/audit/status").status()).isEqualTo(200);
        assertThat(Http.send(Http.get(admin + "/ui/sign-in").build()).status()).isEqualTo(200);
        Http.Response root = Http.send(Http.get(admin + "/").build());
        assertThat(root.status()).isEqualTo(303);
        assertThat(root.header("location")).isEqualTo("/ui/");
        Http.Response chat = Http.send(Http.post(
                        admin + "/v1/chat/completions",
                        Http.openAiBody("gpt-4o-mini", "hello", false),
                        "authorization",
                        "Bearer " + ADMIN_KEY)
                .build());
        assertThat(chat.status()).isEqualTo(404);
        assertThat(chat.json().path("error").path("message").asText())
                .contains("on the admin listener; it serves the admin API (/admin/…) and the dashboard (/ui)");

        Http.Response adminOnClient = get(client, "/admin/audit/status");
        assertThat(adminOnClient.status()).isEqualTo(404);
        assertThat(adminOnClient.body()).doesNotContain("admin listener");
        assertThat(Http.send(Http.get(client + "/ui/sign-in").build()).status()).isEqualTo(404);
        Http.Response served = Http.send(Http.post(
                        client + "/v1/chat/completions",
                        Http.openAiBody("gpt-4o-mini", "hello", false),
                        "authorization",
                        "Bearer " + ADMIN_KEY)
                .build());
        assertThat(served.status()).isEqualTo(200);

        var info = get(admin, "/admin/gateway").json();
        assertThat(info.path("listen").path("port").asInt())
                .isEqualTo(fixture.gateway().port());
        assertThat(info.path("admin_listen").path("port").asInt())
                .isEqualTo(fixture.gateway().adminPort());
    }

    @Test
    void withoutKeysTheAdminListenerMustStayOnLoopback() {
        assertThatThrownBy(() -> GatewayFixture.start(Map.of("sovereign.yaml", "admin: {host: 0.0.0.0, port: 0}\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("admin.host: refusing to serve the admin API on 0.0.0.0 without client keys");
    }
}
