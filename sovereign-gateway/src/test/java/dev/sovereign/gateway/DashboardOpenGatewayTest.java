package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard of a gateway without client keys: this machine's users are its operators and sign in without a
 * key, but pages of other sites can neither change it through a browser nor reach it under another host name.
 */
class DashboardOpenGatewayTest {
    static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(Map.of());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void theLocalOperatorSignsInWithoutAKey() {
        Http.Response page =
                Http.send(Http.get(fixture.baseUrl() + "/ui/sign-in").build());
        assertThat(page.body()).contains("Open the dashboard").doesNotContain("name=\"token\"");
        Http.Response r = new DashboardClient(fixture.baseUrl()).signIn("");
        assertThat(r.status()).as(r.body()).isEqualTo(303);
        String cookie = DashboardClient.sessionCookie(r);
        var who = Http.send(Http.get(fixture.baseUrl() + "/admin/session", "cookie", cookie)
                        .build())
                .json();
        assertThat(who.path("via").asText()).isEqualTo("session");
        assertThat(who.path("key").asText()).isEqualTo("local");
    }

    @Test
    void aPageOfAnotherSiteCannotChangeTheGatewayThroughTheBrowser() {
        String explain = "{\"text\":\"hello\",\"model\":\"claude-x\"}";
        Http.Response foreign =
                Http.send(Http.post(fixture.baseUrl() + "/admin/explain", explain, "origin", "https://evil.example")
                        .build());
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.json().path("error").path("code").asText()).isEqualTo("sovereign.csrf_rejected");
        Http.Response crossSite =
                Http.send(Http.post(fixture.baseUrl() + "/admin/explain", explain, "sec-fetch-site", "cross-site")
                        .build());
        assertThat(crossSite.status()).isEqualTo(403);
        Http.Response curl = Http.send(
                Http.post(fixture.baseUrl() + "/admin/explain", explain).build());
        assertThat(curl.status()).as(curl.body()).isEqualTo(200);
        Http.Response sameOrigin =
                Http.send(Http.post(fixture.baseUrl() + "/admin/explain", explain, "sec-fetch-site", "same-origin")
                        .build());
        assertThat(sameOrigin.status()).isEqualTo(200);
    }

    @Test
    void anotherHostNameIsRefusedSoThatRebindingDnsGetsNothing() throws IOException {
        for (String path : new String[] {"/admin/audit/status", "/ui/sign-in", "/admin/policy"}) {
            String response = raw("GET " + path + " HTTP/1.1\r\nHost: rebound.example:"
                    + fixture.gateway().port() + "\r\nConnection: close\r\n\r\n");
            assertThat(response).as(path).startsWith("HTTP/1.1 403");
            assertThat(response).as(path).contains("localhost or 127.0.0.1");
            String local = raw("GET " + path + " HTTP/1.1\r\nHost: localhost:"
                    + fixture.gateway().port() + "\r\nConnection: close\r\n\r\n");
            assertThat(local).as(path).startsWith("HTTP/1.1 200");
        }
    }

    private static String raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", fixture.gateway().port())) {
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
