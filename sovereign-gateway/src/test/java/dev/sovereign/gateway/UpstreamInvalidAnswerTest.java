package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.testing.Fault;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A provider's 200 whose body is not the JSON its API defines is a 502 to the client, never relayed as a success. */
class UpstreamInvalidAnswerTest {
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
    void anHtmlPageOrATruncatedOrDoubledBodyIsA502InTheClientsFormat() {
        String[] bodies = {
            "<html><body>502 Bad Gateway</body></html>",
            "{\"id\":\"msg_1\",\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"cut",
            "{\"id\":\"msg_1\"}{\"id\":\"msg_2\"}",
            "[]",
        };
        for (String body : bodies) {
            fixture.upstream().enqueue(Fault.status(200, body, Map.of("content-type", "application/json")));
            Http.Response r = Http.send(
                    Http.post(fixture.baseUrl() + "/v1/messages", Http.anthropicBody("claude-sonnet-4-5", "hi", false))
                            .header("anthropic-version", "2023-06-01")
                            .build());
            assertThat(r.status()).as(body).isEqualTo(502);
            assertThat(r.header("x-sovereign-error")).as(body).isEqualTo("sovereign.upstream_invalid_response");
            assertThat(r.json().path("type").asText()).isEqualTo("error");
            assertThat(r.body()).doesNotContain("Bad Gateway</body>");
        }
        fixture.upstream().enqueue(Fault.status(200, "not json", Map.of()));
        Http.Response openAi = Http.send(
                Http.post(fixture.baseUrl() + "/v1/chat/completions", Http.openAiBody("gpt-4o-mini", "hi", false))
                        .build());
        assertThat(openAi.status()).isEqualTo(502);
        assertThat(openAi.json().path("error").path("code").asText()).isEqualTo("sovereign.upstream_invalid_response");
    }

    @Test
    void aStreamEventThatIsNotJsonEndsTheStreamWithAnErrorEventAndIsNotRelayed() {
        fixture.upstream().enqueue(Fault.garbageAfterEvents(3));
        Http.Response r = Http.send(
                Http.post(fixture.baseUrl() + "/v1/messages", Http.anthropicBody("claude-sonnet-4-5", "hi there", true))
                        .header("anthropic-version", "2023-06-01")
                        .build());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).doesNotContain(Fault.GARBAGE).doesNotContain("upstream proxy error");
        assertThat(r.body()).contains("event: message_start");
        assertThat(r.body()).contains("event: error").doesNotContain("event: message_stop");

        fixture.upstream().enqueue(Fault.garbageAfterEvents(2));
        Http.Response o = Http.send(
                Http.post(fixture.baseUrl() + "/v1/chat/completions", Http.openAiBody("gpt-4o-mini", "hi there", true))
                        .build());
        assertThat(o.body()).doesNotContain(Fault.GARBAGE);
        assertThat(o.body()).contains("\"error\"").doesNotContain("data: [DONE]");
    }
}
