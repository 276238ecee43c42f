package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /v1/sovereign/explain: what the gateway would do with a request, without forwarding it. */
class ExplainEndpointTest {
    static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(Map.of("providers.yaml", DefaultPolicyTest.PROVIDERS));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void explainsWithoutForwardingAndWithoutValues() {
        String body = Http.anthropicBody(
                "claude-sonnet-4-5", "My patient Jean has diabetes; mail jean.martin@example.org", false);
        Http.Response r = Http.send(Http.post(
                        fixture.baseUrl() + "/v1/sovereign/explain?api=anthropic",
                        body,
                        "x-sovereign-labels",
                        "Confidential")
                .build());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode e = r.json();
        assertThat(e.path("decision").path("rule").asText()).isEqualTo("special-categories-self-hosted");
        assertThat(e.path("decision").path("provider").asText()).isEqualTo("local");
        assertThat(e.path("decision").path("jurisdiction").asText()).isEqualTo("eu");
        assertThat(e.toString())
                .contains("special.health")
                .contains("pii.email")
                .contains("label.confidential");
        assertThat(e.toString()).doesNotContain("jean.martin@example.org").doesNotContain("diabetes");
        assertThat(e.path("guarantees")).hasSize(3);
        assertThat(fixture.upstream().requests()).isEmpty();
    }

    @Test
    void brokenInputGetsAPreciseError() {
        Http.Response bad = Http.send(Http.post(fixture.openAiBaseUrl() + "/sovereign/explain", "{\"model\":")
                .build());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").path("code").asText()).isEqualTo("sovereign.invalid_json");
        Http.Response api = Http.send(Http.post(fixture.baseUrl() + "/v1/sovereign/explain?api=grpc", "{}")
                .build());
        assertThat(api.status()).isEqualTo(400);
        Http.Response get =
                Http.send(Http.get(fixture.baseUrl() + "/v1/sovereign/explain").build());
        assertThat(get.status()).isEqualTo(405);
    }

    @Test
    void findingsAnywhereInTheBodyAreReportedWithTheirPointerAndForm() {
        String body = """
                {"model":"claude-sonnet-4-5","max_tokens":50,
                 "messages":[{"role":"user","content":"hello"},
                   {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"pay",
                     "input":{"jean.martin@example.org":{"card":4111111111111111}}}]},
                   {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"ok"}]}],
                 "tools":[{"name":"pay","description":"write to ana.lopez@example.org",
                   "input_schema":{"type":"object"}}],
                 "metadata":{"user_id":"https://crm.example.com/?u=bo%40example.org"}}
                """;
        Http.Response r = Http.send(Http.post(fixture.baseUrl() + "/v1/sovereign/explain?api=anthropic", body)
                .build());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode findings = r.json().path("findings");
        assertThat(findings.findValuesAsText("segment"))
                .contains(
                        "/messages/1/content/0/input/*",
                        "/messages/1/content/0/input/*/card",
                        "/tools/0/description",
                        "/metadata/user_id");
        assertThat(findings.findValuesAsText("form")).contains("key", "number", "value");
        // the email is a key, which a placeholder cannot replace: the pseudonymizing rule refuses instead
        assertThat(r.json().path("decision").path("action").asText()).isEqualTo("block");
        assertThat(r.json().path("decision").path("message").asText()).contains("key at /messages/1/content/0/input/*");
        assertThat(r.body()).doesNotContain("jean.martin", "4111111111111111", "ana.lopez", "bo%40");
        assertThat(fixture.upstream().requests()).isEmpty();
    }
}
