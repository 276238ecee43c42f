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

    @Test
    void invalidChunkFramingIs400AndTheConnectionCloses() throws IOException {
        String head = "POST /v1/messages HTTP/1.1\r\nHost: localhost\r\nanthropic-version: 2023-06-01\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        String next = "POST /v1/messages HTTP/1.1\r\nHost: localhost\r\nanthropic-version: 2023-06-01\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + BODY.length() + "\r\n\r\n" + BODY;
        for (String body : new String[] {
            "zz\r\n" + BODY + "\r\n0\r\n\r\n", // not a hexadecimal size
            Integer.toHexString(BODY.length()) + "\r\n" + BODY + "XX\r\n0\r\n\r\n", // data longer than its size
            "-5\r\n" + BODY + "\r\n0\r\n\r\n", // a negative size
        }) {
            String response = raw(head + body + next);
            assertThat(response).as(body).startsWith("HTTP/1.1 400");
            assertThat(response.split("HTTP/1.1 ", -1)).as(body).hasSize(2);
            // In the caller's API format (an Anthropic client: anthropic-version), saying what was wrong.
            assertThat(response)
                    .as(body)
                    .contains("\"type\":\"error\"")
                    .contains("\"invalid_request_error\"")
                    .contains("The chunked body is malformed")
                    .containsIgnoringCase("connection: close");
        }
        assertThat(fixture.upstream().requests()).isEmpty();
    }

    @Test
    void obsoleteLineFoldingAndInvalidHeaderNamesAre400AndTheConnectionCloses() throws IOException {
        String next = "POST /v1/messages HTTP/1.1\r\nHost: localhost\r\nanthropic-version: 2023-06-01\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + BODY.length() + "\r\n\r\n" + BODY;
        for (String header : new String[] {
            "X-Trace: a\r\n b\r\n", // obs-fold (RFC 9112 §5.2)
            "X-Trace: a\r\n\tb\r\n",
            "Bad Name: x\r\n", // a space in a field name
            "X-Trace : x\r\n", // whitespace before the colon (RFC 9112 §5.1)
            "X-Tr@ce(1): x\r\n",
        }) {
            String request = "POST /v1/messages HTTP/1.1\r\nHost: localhost\r\nanthropic-version: 2023-06-01\r\n"
                    + header + "Content-Type: application/json\r\nContent-Length: " + BODY.length() + "\r\n\r\n"
                    + BODY + next;
            String response = raw(request);
            assertThat(response).as(header).startsWith("HTTP/1.1 400");
            assertThat(response.split("HTTP/1.1 ", -1)).as(header).hasSize(2);
            assertThat(response).as(header).contains("\"invalid_request_error\"");
            if (header.contains("\r\n ") || header.contains("\r\n\t")) {
                assertThat(response).as(header).contains("obsolete line folding");
            } else {
                assertThat(response).as(header).contains("not valid HTTP/1.1");
            }
        }
        // A folded head behind a valid request on the same connection, sent in one write: the first is served.
        String first = "POST /v1/messages HTTP/1.1\r\nHost: localhost\r\nanthropic-version: 2023-06-01\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + BODY.length() + "\r\n\r\n" + BODY;
        String folded = "POST /v1/messages HTTP/1.1\r\nHost: localhost\r\nanthropic-version: 2023-06-01\r\n"
                + "X-Trace: a\r\n b\r\nContent-Type: application/json\r\nContent-Length: " + BODY.length()
                + "\r\n\r\n" + BODY;
        String pipelined = raw(first + folded);
        assertThat(pipelined).startsWith("HTTP/1.1 200");
        assertThat(pipelined.split("HTTP/1.1 ", -1)).hasSize(3);
        assertThat(pipelined.substring(pipelined.lastIndexOf("HTTP/1.1 "))).startsWith("HTTP/1.1 400");
        assertThat(fixture.upstream().requests()).hasSize(1);
        fixture.upstream().reset();
        // A request line after empty lines is still served; one that starts with whitespace is not.
        String ok = "\r\n" + post("localhost", "anthropic-version: 2023-06-01\r\n");
        assertThat(raw(ok)).startsWith("HTTP/1.1 200");
        assertThat(raw(" " + post("localhost", "anthropic-version: 2023-06-01\r\n")))
                .startsWith("HTTP/1.1 400")
                .contains("The request line starts with whitespace");
        assertThat(fixture.upstream().requests()).hasSize(1);
        fixture.upstream().reset();
        assertThat(fixture.upstream().requests()).isEmpty();
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
