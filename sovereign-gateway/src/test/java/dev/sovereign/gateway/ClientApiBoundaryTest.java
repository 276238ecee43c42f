package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client API of a gateway without client keys, at the edges a hostile web page or a smuggling proxy would try:
 * browsers' requests from other origins and another host name (DNS rebinding). Raw sockets, so that every header is
 * exactly as sent.
 */
class ClientApiBoundaryTest {
    private static final String BODY =
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void reset() {
        fixture.upstream().reset();
    }

    @Test
    void aCrossSiteBrowserRequestIsRefusedAndNothingIsForwarded() throws IOException {
        for (String headers : new String[] {
            "Sec-Fetch-Site: cross-site\r\nContent-Type: text/plain\r\n",
            "Origin: https://evil.example\r\nContent-Type: application/x-www-form-urlencoded\r\n",
            "Sec-Fetch-Site: same-site\r\nOrigin: http://localhost:3000\r\nContent-Type: application/json\r\n",
        }) {
            String response = raw(post("localhost", headers + "anthropic-version: 2023-06-01\r\n"));
            assertThat(response).as(headers).startsWith("HTTP/1.1 403");
            assertThat(response).as(headers).contains("A web page of another origin");
        }
        assertThat(fixture.upstream().requests()).isEmpty();
    }

    @Test
    void anotherHostNameIsRefusedSoThatARebindingPageGetsNothing() throws IOException {
        String response = raw(post("rebound.example", "anthropic-version: 2023-06-01\r\n"));
        assertThat(response).startsWith("HTTP/1.1 403");
        assertThat(response).contains("answers only requests addressed to this machine");
        assertThat(fixture.upstream().requests()).isEmpty();
    }

    @Test
    void sdkAndSameOriginRequestsStillPass() throws IOException {
        assertThat(raw(post("localhost", "anthropic-version: 2023-06-01\r\n"))).startsWith("HTTP/1.1 200");
        assertThat(raw(post("127.0.0.1", "anthropic-version: 2023-06-01\r\nSec-Fetch-Site: same-origin\r\n")))
                .startsWith("HTTP/1.1 200");
        assertThat(fixture.upstream().requests()).hasSize(2);
    }

    @Test
    void contentLengthAndChunkedTogetherAre400AndTheConnectionCloses() throws IOException {
        String chunked = Integer.toHexString(BODY.length()) + "\r\n" + BODY + "\r\n0\r\n\r\n";
        String smuggled = "POST /v1/messages HTTP/1.1\r\nHost: localhost\r\nanthropic-version: 2023-06-01\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + BODY.length() + "\r\n\r\n" + BODY;
        String request = "POST /v1/messages HTTP/1.1\r\nHost: localhost\r\nanthropic-version: 2023-06-01\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + chunked.length() + "\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + chunked + smuggled;
        String response = raw(request);
        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(response).contains("both Content-Length and Transfer-Encoding");
        // One answer only, and nothing forwarded: the request behind the body was not read as a second one.
        assertThat(response.split("HTTP/1.1 ", -1)).hasSize(2);
        assertThat(fixture.upstream().requests()).isEmpty();
        // An ordinary chunked request is served as before.
        String plain = "POST /v1/messages HTTP/1.1\r\nHost: localhost\r\nanthropic-version: 2023-06-01\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + chunked;
        assertThat(raw(plain)).startsWith("HTTP/1.1 200");
    }

    private static String post(String host, String headers) {
        return "POST /v1/messages HTTP/1.1\r\nHost: " + host + ":"
                + fixture.gateway().port() + "\r\n" + headers
                + "Content-Type: application/json\r\nContent-Length: " + BODY.length() + "\r\nConnection: close\r\n\r\n"
                + BODY;
    }

    /** Sends {@code request} and reads until the gateway closes the connection (at most 10 s). */
    private static String raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", fixture.gateway().port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
