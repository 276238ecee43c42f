package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Slow, silent and too many clients over raw sockets: each is answered or disconnected by a configured limit, and the
 * probes keep answering. Timeouts are set to a second here so that the test is quick; each wait below allows several.
 */
class ClientLimitsTest {
    private static final String BODY =
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static final String QUICK = """
            limits:
              max_body_bytes: 2048
              header_timeout: 1s
              body_idle_timeout: 1s
              keep_alive_timeout: 1s
            """;

    @Test
    void silentClientsPartialHeadsStalledBodiesAndIdleKeepAlivesAreDisconnected() throws IOException {
        try (GatewayFixture fixture = GatewayFixture.start(Map.of("sovereign.yaml", QUICK))) {
            int port = fixture.gateway().port();
            try (Socket silent = connect(port)) {
                assertThat(readUntilClosed(silent))
                        .as("a connection that sends nothing")
                        .isEmpty();
            }
            try (Socket partialHead = connect(port)) {
                send(partialHead, "POST /v1/messages HTTP/1.1\r\nHost: localhost\r\nContent-Type: applic");
                assertThat(readUntilClosed(partialHead))
                        .as("a head that never ends")
                        .isEmpty();
            }
            try (Socket stalled = connect(port)) {
                send(stalled, head(1000) + BODY.substring(0, 20));
                String answer = readUntilClosed(stalled);
                assertThat(answer).startsWith("HTTP/1.1 408");
                assertThat(answer).contains("sovereign.request_timeout").contains("stopped arriving");
            }
            try (Socket keptAlive = connect(port)) {
                send(keptAlive, head(BODY.length()) + BODY);
                String answer = readUntilClosed(keptAlive);
                assertThat(answer).as("answered, then closed when idle").startsWith("HTTP/1.1 200");
            }
            try (Socket tooLarge = connect(port)) {
                String big = "x".repeat(3000);
                send(tooLarge, head(big.length()) + big.substring(0, 2500));
                assertThat(readUntilClosed(tooLarge)).as("closed after its 413").startsWith("HTTP/1.1 413");
            }
            assertThat(fixture.upstream().requests()).hasSize(1);
        }
    }

    /** The explain endpoint reads its body within the same limits as a prompt: stalled, too large, over the budget. */
    @Test
    void anExplanationsBodyIsHeldToTheSameLimits() throws IOException {
        try (GatewayFixture fixture = GatewayFixture.start(Map.of("sovereign.yaml", QUICK))) {
            int port = fixture.gateway().port();
            try (Socket stalled = connect(port)) {
                send(stalled, head("/v1/sovereign/explain", 1000) + BODY.substring(0, 20));
                String answer = readUntilClosed(stalled);
                assertThat(answer).startsWith("HTTP/1.1 408");
                assertThat(answer).contains("sovereign.request_timeout").contains("stopped arriving");
            }
            try (Socket declaredTooLarge = connect(port)) {
                send(declaredTooLarge, head("/v1/sovereign/explain", 3000));
                String answer = readUntilClosed(declaredTooLarge);
                assertThat(answer).startsWith("HTTP/1.1 413").contains("sovereign.body_too_large");
            }
            try (Socket explained = connect(port)) {
                send(explained, head("/v1/sovereign/explain", BODY.length()) + BODY);
                assertThat(readHead(explained))
                        .as("and a body within the limits is explained")
                        .startsWith("HTTP/1.1 200");
            }
            assertThat(fixture.upstream().requests()).isEmpty();
        }
    }

    @Test
    void beyondTheConnectionLimitOnlyTheProbesAreServed() throws IOException {
        String limited = "limits: {max_connections: 3, header_timeout: 30s}\n";
        try (GatewayFixture fixture = GatewayFixture.start(Map.of("sovereign.yaml", limited))) {
            int port = fixture.gateway().port();
            List<Socket> held = new ArrayList<>();
            try {
                // Each held connection is answered once and kept alive, so the gateway has counted it before the
                // next one opens.
                for (int i = 0; i < 3; i++) {
                    Socket s = connect(port);
                    held.add(s);
                    send(s, "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
                    assertThat(readHead(s)).startsWith("HTTP/1.1 200");
                }
                try (Socket probe = connect(port)) {
                    send(probe, "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
                    assertThat(readUntilClosed(probe))
                            .startsWith("HTTP/1.1 200")
                            .contains("\"status\":\"ok\"");
                }
                try (Socket client = connect(port)) {
                    send(client, head(BODY.length()) + BODY);
                    String answer = readUntilClosed(client);
                    assertThat(answer).startsWith("HTTP/1.1 503");
                    assertThat(answer).contains("sovereign.too_many_connections");
                }
                assertThat(fixture.upstream().requests()).isEmpty();
            } finally {
                for (Socket s : held) s.close();
            }
            // Once the held connections are gone, clients are served again.
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> {
                        try (Socket client = connect(port)) {
                            send(client, head(BODY.length()).replace("keep-alive", "close") + BODY);
                            return readUntilClosed(client).startsWith("HTTP/1.1 200");
                        }
                    });
        }
    }

    @Test
    void bodiesBeyondTheMemoryBudgetAre503WithRetryAfterAndTheBudgetComesBack() throws IOException {
        String budgeted = "limits: {max_body_bytes: 40000, body_memory_bytes: 200000, body_idle_timeout: 30s}\n";
        try (GatewayFixture fixture = GatewayFixture.start(Map.of("sovereign.yaml", budgeted))) {
            int port = fixture.gateway().port();
            List<Socket> stalled = new ArrayList<>();
            try {
                // Two stalled 40 KB bodies cost 160 KB of the 200 KB budget (each byte counts twice while read).
                for (int i = 0; i < 2; i++) {
                    Socket s = connect(port);
                    stalled.add(s);
                    send(s, head(40000) + "{\"model\"");
                }
                // Both are being read (their reservations made) before the third arrives.
                org.awaitility.Awaitility.await()
                        .atMost(java.time.Duration.ofSeconds(10))
                        .until(() -> Http.send(
                                        Http.get(fixture.baseUrl() + "/metrics").build())
                                .body()
                                .contains("sovereign_requests_in_flight 2.0"));
                try (Socket third = connect(port)) {
                    send(third, head(40000) + "{\"model\"");
                    String answer = readUntilClosed(third);
                    assertThat(answer).startsWith("HTTP/1.1 503");
                    assertThat(answer).containsIgnoringCase("retry-after: 1").contains("sovereign.overloaded");
                }
                try (Socket probe = connect(port)) {
                    send(probe, "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
                    assertThat(readUntilClosed(probe)).startsWith("HTTP/1.1 200");
                }
            } finally {
                for (Socket s : stalled) s.close();
            }
            // The client gone, its reservation is given back: a small request fits again.
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> {
                        try (Socket client = connect(port)) {
                            send(client, head(BODY.length()).replace("keep-alive", "close") + BODY);
                            String a = readUntilClosed(client);
                            try (Socket big = connect(port)) {
                                send(big, head(39000).replace("keep-alive", "close") + "x".repeat(39000));
                                String b = readUntilClosed(big);
                                return a.startsWith("HTTP/1.1 200") && b.startsWith("HTTP/1.1 400");
                            }
                        }
                    });
        }
    }

    private static String head(int length) {
        return head("/v1/messages", length);
    }

    private static String head(String path, int length) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nanthropic-version: 2023-06-01\r\n"
                + "Content-Type: application/json\r\nConnection: keep-alive\r\nContent-Length: " + length + "\r\n\r\n";
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(8000);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
    }

    /** The status line and headers of one answer (its body, under 1 KB here, is left unread). */
    private static String readHead(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new AssertionError("closed before the end of the head: " + head);
            head.append((char) b);
        }
        return head.toString();
    }

    /** Everything the gateway sends until it closes the connection; fails when it is still open after 8 s. */
    private static String readUntilClosed(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the gateway kept the connection open for 8 s", e);
        }
    }
}
