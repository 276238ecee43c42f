package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.audit.AuditEvent;
import dev.sovereign.audit.AuditQuery;
import dev.sovereign.audit.StoredEvent;
import dev.sovereign.config.AuditConfig;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.ops.AccessLog;
import dev.sovereign.gateway.provider.RouteAttempts;
import dev.sovereign.gateway.wire.Exchange;
import dev.sovereign.gateway.wire.Trip;
import dev.sovereign.policy.Decision;
import dev.sovereign.store.AuditStores;
import dev.sovereign.testing.Fault;
import dev.sovereign.testing.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Translation in a running gateway under its built-in default policy: fields a provider's format cannot express
 * are refused by name in the client's format (or dropped and named where configured), upstream errors and failures
 * reach the client in its own format, personal data is pseudonymized before translation and restored after, and
 * the audit trail records the translation.
 */
class TranslationGatewayTest {
    static final String PROVIDERS = """
            providers:
              - id: claude
                kind: anthropic
                endpoint: ${UPSTREAM}
                api_key_env: ANTHROPIC_API_KEY
                region: eu
                profile: anthropic
                formats: [anthropic]
                models: [{pattern: "claude-*"}]
              - id: local
                kind: openai-compatible
                endpoint: ${UPSTREAM}/v1
                api_key_env: OPENAI_API_KEY
                region: local
                profile: self-hosted-open-weights
                models: [{pattern: "llama*"}]
              - id: lenient
                kind: openai-compatible
                endpoint: ${UPSTREAM}/v1
                api_key_env: OPENAI_API_KEY
                region: local
                profile: self-hosted-open-weights
                translation: {drop_unsupported: true}
                models: [{pattern: "qwen*"}]
            """;
    static final String EMAIL = "jane.doe@example.org";

    static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(Map.of("providers.yaml", PROVIDERS));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void reset() {
        fixture.upstream().reset();
    }

    static Http.Response anthropic(String body) {
        return Http.send(Http.post(fixture.baseUrl() + "/v1/messages", body, "anthropic-version", "2023-06-01")
                .build());
    }

    static Http.Response openAi(String body) {
        return Http.send(
                Http.post(fixture.openAiBaseUrl() + "/chat/completions", body).build());
    }

    @Test
    void aFieldTheProviderCannotExpressIsRefusedByNameInTheClientsFormat() {
        Http.Response a = anthropic("""
                {"model":"llama3.1-8b","max_tokens":64,"top_k":40,"messages":[{"role":"user","content":"hi"}]}""");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.header(Exchange.ERROR_KEY)).isEqualTo("sovereign.untranslatable");
        assertThat(a.json().path("type").asText()).isEqualTo("error");
        assertThat(a.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(a.json().path("error").path("message").asText())
                .isEqualTo("top_k cannot be sent to an OpenAI-format provider.");

        Http.Response o = openAi("""
                {"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"hi"},
                 {"role":"assistant","content":"hello"},
                 {"role":"user","content":[{"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}}]}]}""");
        assertThat(o.status()).isEqualTo(400);
        assertThat(o.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(o.json().path("error").path("code").asText()).isEqualTo("sovereign.untranslatable");
        assertThat(o.json().path("error").path("message").asText())
                .isEqualTo("messages[2].content[0].type 'input_audio' cannot be sent to an Anthropic-format provider.");
        assertThat(fixture.upstream().requests()).isEmpty();
    }

    @Test
    void aRefusalNeverEchoesRequestText() {
        Http.Response r = anthropic("""
                {"model":"llama3.1-8b","max_tokens":64,"messages":[{"role":"user","content":[
                 {"type":"the patient Jane has diabetes","text":"x"}]}]}""");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("error").path("message").asText())
                .isEqualTo("messages[0].content[0].type of another kind cannot be sent to an OpenAI-format provider.")
                .doesNotContain("diabetes");
    }

    @Test
    void withDropConfiguredTheFieldsAreLeftOutAndNamed() {
        Http.Response r = anthropic("""
                {"model":"qwen2.5-72b","max_tokens":64,"top_k":40,"messages":[{"role":"user","content":[
                 {"type":"text","text":"Summarise"},
                 {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0xLjQK"}}]}]}""");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("content").path(0).path("text").asText()).isEqualTo("Echo: Summarise");
        assertThat(r.header(RouteAttempts.DROPPED_HEADER)).isEqualTo("messages[0].content[1], top_k");
        JsonNode sent = fixture.upstream().takeRequest(Duration.ofSeconds(5)).json();
        assertThat(sent.has("top_k")).isFalse();
        assertThat(sent.path("messages").path(0).path("content").asText()).isEqualTo("Summarise");
        assertThat(sent.toString()).doesNotContain("JVBERi0xLjQK");
    }

    @Test
    void upstreamErrorsReachTheClientInItsOwnFormatWithRetryHeaders() {
        fixture.upstream().enqueue(Fault.rateLimited(Duration.ofSeconds(7)));
        Http.Response limited = openAi(Http.openAiBody("claude-sonnet-4-5", "too fast", false));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("retry-after")).isEqualTo("7");
        assertThat(limited.header("x-should-retry")).isEqualTo("true");
        assertThat(limited.json().has("type")).as("no Anthropic envelope").isFalse();
        assertThat(limited.json().path("error").path("type").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(limited.json().path("error").path("code").asText()).isEqualTo("upstream.429");

        fixture.upstream().enqueue(Fault.overloaded());
        Http.Response overloaded = openAi(Http.openAiBody("claude-sonnet-4-5", "busy", false));
        assertThat(overloaded.status()).isEqualTo(529);
        assertThat(overloaded.json().path("error").path("type").asText()).isEqualTo("server_error");

        fixture.upstream().enqueue(Fault.mistralValidation());
        Http.Response invalid = anthropic(Http.anthropicBody("llama3.1-8b", "the secret prompt", false));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().path("type").asText()).isEqualTo("error");
        assertThat(invalid.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(invalid.body()).doesNotContain("the secret prompt");
    }

    @Test
    void anErrorInTheUpstreamsStreamIsTheClientsInStreamError() {
        fixture.upstream().enqueue(Fault.errorEventAfterEvents(3));
        SseEvents openAi = SseEvents.parse(openAi(Http.openAiBody("claude-sonnet-4-5", "one two three four", true))
                .body());
        JsonNode error = openAi.last().json().path("error");
        assertThat(error.path("type").asText()).isEqualTo("server_error");
        assertThat(error.path("message").asText()).isEqualTo("Overloaded");
        assertThat(openAi.events()).noneMatch(SseEvents.Event::done);

        fixture.upstream().enqueue(Fault.errorEventAfterEvents(3));
        SseEvents anthropic = SseEvents.parse(anthropic(Http.anthropicBody("llama3.1-8b", "one two three four", true))
                .body());
        assertThat(anthropic.last().name()).isEqualTo("error");
        assertThat(anthropic.last().json().path("error").path("type").asText()).isEqualTo("api_error");
        assertThat(anthropic.names()).doesNotContain("message_stop");
    }

    @Test
    void anUpstreamThatDisconnectsMidStreamIsAnErrorInTheClientsFormat() {
        fixture.upstream().enqueue(Fault.disconnectAfterEvents(3));
        SseEvents events = SseEvents.parse(anthropic(Http.anthropicBody("llama3.1-8b", "cut the wire now please", true))
                .body());
        assertThat(events.names().get(0)).isEqualTo("message_start");
        assertThat(events.last().name()).isEqualTo("error");
        assertThat(events.last().json().path("error").path("code").asText())
                .isEqualTo("sovereign.upstream_disconnected");
    }

    @Test
    void personalDataIsPseudonymizedBeforeTranslationAndRestoredAfter() {
        String prompt = "Please write to " + EMAIL + " and cc " + EMAIL + ".";
        Http.Response whole = openAi(Http.openAiBody("claude-sonnet-4-5", prompt, false));
        assertThat(whole.status()).as(whole.body()).isEqualTo(200);
        assertThat(whole.header(Exchange.RULE)).isEqualTo("personal-data-pseudonymized");
        assertThat(whole.json()
                        .path("choices")
                        .path(0)
                        .path("message")
                        .path("content")
                        .asText())
                .isEqualTo("Echo: " + prompt);
        upstreamSawPlaceholdersInAnthropicFormat();

        SseEvents stream = SseEvents.parse(
                openAi(Http.openAiBody("claude-sonnet-4-5", prompt, true)).body());
        StringBuilder text = new StringBuilder();
        for (JsonNode chunk : stream.chunks()) {
            for (JsonNode choice : chunk.path("choices"))
                text.append(choice.path("delta").path("content").asText(""));
        }
        assertThat(text.toString()).isEqualTo("Echo: " + prompt);
        assertThat(stream.last().done()).isTrue();
        upstreamSawPlaceholdersInAnthropicFormat();
    }

    private static void upstreamSawPlaceholdersInAnthropicFormat() {
        RecordedRequest up = fixture.upstream().takeRequest(Duration.ofSeconds(5));
        assertThat(up.path()).isEqualTo("/v1/messages");
        assertThat(up.bodyAsString()).doesNotContain(EMAIL).contains("⟦EMAIL_1⟧");
    }

    @Test
    void aToolRoundTripArrivesAsTheProvidersToolBlocks() {
        Http.Response r = openAi("""
                {"model":"claude-sonnet-4-5","messages":[
                 {"role":"user","content":"Weather in Paris?"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                  "function":{"name":"get_weather","arguments":"{\\"location\\":\\"Paris\\"}"}}]},
                 {"role":"tool","tool_call_id":"call_1","content":"18°C"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}]}""");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("choices").path(0).path("finish_reason").asText())
                .isEqualTo("stop");
        JsonNode messages =
                fixture.upstream().takeRequest(Duration.ofSeconds(5)).json().path("messages");
        assertThat(messages.path(1).path("content").path(0).path("type").asText())
                .isEqualTo("tool_use");
        assertThat(messages.path(1)
                        .path("content")
                        .path(0)
                        .path("input")
                        .path("location")
                        .asText())
                .isEqualTo("Paris");
        JsonNode result = messages.path(2).path("content").path(0);
        assertThat(result.path("type").asText()).isEqualTo("tool_result");
        assertThat(result.path("tool_use_id").asText()).isEqualTo("call_1");
        assertThat(result.path("content").asText()).isEqualTo("18°C");
    }

    @Test
    void countTokensForAnOpenAiFormatProviderIsEstimatedByTheGateway() {
        Http.Response r = Http.send(Http.post(
                        fixture.baseUrl() + "/v1/messages/count_tokens",
                        "{\"model\":\"llama3.1-8b\",\"messages\":[{\"role\":\"user\",\"content\":\"count me\"}]}",
                        "anthropic-version",
                        "2023-06-01")
                .build());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("x-sovereign-estimate")).isEqualTo("true");
        assertThat(r.json().path("input_tokens").asInt()).isPositive();
        assertThat(fixture.upstream().requests()).isEmpty();
    }

    @Test
    void theAuditTrailRecordsTheFormatTheRequestWasTranslatedInto() {
        String translated =
                openAi(Http.openAiBody("claude-sonnet-4-5", "audited", false)).header(Exchange.REQUEST_ID);
        String relayed = anthropic(Http.anthropicBody("claude-sonnet-4-5", "audited", false))
                .header(Exchange.REQUEST_ID);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> events(translated).containsKey("completion")
                        && events(relayed).containsKey("completion"));
        assertThat(events(translated).get("decision").route().upstreamApi()).isEqualTo("anthropic");
        assertThat(events(translated).get("completion").route().upstreamApi()).isEqualTo("anthropic");
        assertThat(events(translated).get("decision").request().api()).isEqualTo("openai");
        assertThat(events(relayed).get("decision").route().upstreamApi()).isNull();
    }

    @Test
    void theAccessLogLineNamesTheFormatTheRequestWasTranslatedInto() throws Exception {
        Decision decision = Decision.forward("everything-else", "claude", "claude-sonnet-4-5");
        Trip decided =
                Trip.started("sgw_test", System.nanoTime(), WireFormat.OPENAI).decided(decision);
        AccessLog log = new AccessLog(true, Clock.systemUTC());
        JsonNode relayed = Http.JSON.readTree(log.line(decided, "chat_completions", "m", 200, null, System.nanoTime()));
        assertThat(relayed.has("upstream_api")).isFalse();
        JsonNode translated = Http.JSON.readTree(log.line(
                decided.routed(decision, WireFormat.ANTHROPIC), "chat_completions", "m", 200, null, System.nanoTime()));
        assertThat(translated.path("api").asText()).isEqualTo("openai");
        assertThat(translated.path("upstream_api").asText()).isEqualTo("anthropic");
    }

    private static Map<String, AuditEvent> events(String requestId) {
        Map<String, AuditEvent> byType = new HashMap<>();
        try (var store = AuditStores.open(AuditConfig.defaults(fixture.dataDir()))) {
            List<StoredEvent> events = store.query(new AuditQuery(
                            null, null, null, requestId, null, null, null, null, null, null, null, 100, null))
                    .events();
            for (StoredEvent e : events) byType.put(e.columns().type(), e.event());
        }
        return byType;
    }
}
