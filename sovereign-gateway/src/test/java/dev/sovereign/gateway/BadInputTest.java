package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken requests get a precise 4xx in the format of the API called, never reach the upstream, and leave
 * the gateway serving.
 */
class BadInputTest {
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

    static Stream<Arguments> brokenBodies() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        return Stream.of(
                Arguments.of("/v1/messages", "{\"model\":", 400, "sovereign.invalid_json", "not valid JSON at line 1"),
                Arguments.of("/v1/messages", "", 400, "sovereign.invalid_json", "empty"),
                Arguments.of(
                        "/v1/messages",
                        "[1,2]",
                        400,
                        "sovereign.invalid_request",
                        "must be a JSON object, not an array"),
                Arguments.of(
                        "/v1/messages",
                        "{\"model\":7,\"max_tokens\":1,\"messages\":[]}",
                        400,
                        "sovereign.invalid_request",
                        "model: expected a string, got a number"),
                Arguments.of(
                        "/v1/messages",
                        "{\"model\":\"claude-x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                        400,
                        "sovereign.invalid_request",
                        "max_tokens: required"),
                Arguments.of(
                        "/v1/messages",
                        "{\"model\":\"claude-x\",\"max_tokens\":\"many\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                        400,
                        "sovereign.invalid_request",
                        "max_tokens: expected an integer, got a string"),
                Arguments.of(
                        "/v1/messages",
                        "{\"model\":\"claude-x\",\"max_tokens\":5,\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                        400,
                        "sovereign.invalid_request",
                        "stream: expected a boolean"),
                Arguments.of(
                        "/v1/messages",
                        "{\"model\":\"claude-x\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":42}]}",
                        400,
                        "sovereign.invalid_request",
                        "messages.0.content: expected a string or an array"),
                Arguments.of(
                        "/v1/messages",
                        "{\"model\":\"claude-x\",\"max_tokens\":5,\"messages\":" + deep + "}",
                        400,
                        "sovereign.invalid_json",
                        "nested too deeply"),
                Arguments.of(
                        "/v1/chat/completions",
                        "{\"model\":\"gpt-4o\",\"messages\":\"hello\"}",
                        400,
                        "sovereign.invalid_request",
                        "messages: expected an array, got a string"),
                Arguments.of(
                        "/v1/chat/completions",
                        "{\"model\":\"gpt-4o\",\"messages\":[{\"content\":\"x\"}]}",
                        400,
                        "sovereign.invalid_request",
                        "messages.0.role: required"),
                Arguments.of(
                        "/v1/chat/completions",
                        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream_options\":{\"include_usage\":1}}",
                        400,
                        "sovereign.invalid_request",
                        "stream_options.include_usage: expected a boolean"),
                Arguments.of(
                        "/v1/embeddings",
                        "{\"model\":\"e\",\"input\":5}",
                        400,
                        "sovereign.invalid_request",
                        "input: expected a string or an array"),
                Arguments.of(
                        "/v1/embeddings",
                        "{\"model\":\"e\",\"input\":\"x\",\"encoding_format\":\"hex\"}",
                        400,
                        "sovereign.invalid_request",
                        "encoding_format"));
    }

    @ParameterizedTest(name = "{0} {3}: {4}")
    @MethodSource("brokenBodies")
    void brokenBodyGetsAPreciseErrorInTheCallersFormat(
            String path, String body, int status, String key, String message) {
        boolean anthropic = path.startsWith("/v1/messages");
        Http.Response r = anthropic
                ? Http.send(Http.post(
                                fixture.baseUrl() + path,
                                body,
                                "anthropic-version",
                                "2023-06-01",
                                "content-type",
                                "application/json")
                        .build())
                : Http.send(Http.post(fixture.baseUrl() + path, body, "content-type", "application/json")
                        .build());
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.header("x-sovereign-error")).isEqualTo(key);
        JsonNode json = r.json();
        if (anthropic) {
            assertThat(json.path("type").asText()).isEqualTo("error");
            assertThat(json.path("error").path("type").asText()).isEqualTo("invalid_request_error");
        } else {
            assertThat(json.path("error").path("type").asText()).isEqualTo("invalid_request_error");
        }
        assertThat(json.path("error").path("message").asText()).contains(message);
        assertThat(json.path("error").path("code").asText()).isEqualTo(key);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(fixture.upstream().requests()).isEmpty();
    }

    @Test
    void invalidJsonErrorNeverEchoesTheBody() {
        Http.Response r = Http.send(
                Http.post(fixture.openAiBaseUrl() + "/chat/completions", "{\"model\":\"gpt\", SECRET-PROMPT-TEXT }")
                        .build());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).doesNotContain("SECRET-PROMPT-TEXT");
    }

    @Test
    void wrongMethodIs405WithAllow() {
        Http.Response r =
                Http.send(Http.get(fixture.baseUrl() + "/v1/chat/completions").build());
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("allow")).isEqualTo("POST");
        assertThat(r.json().path("error").path("code").asText()).isEqualTo("sovereign.method_not_allowed");
    }

    @Test
    void unknownPathIs404InTheGuessedFormat() {
        Http.Response anthropic =
                Http.send(Http.post(fixture.baseUrl() + "/v1/complete", "{}", "anthropic-version", "2023-06-01")
                        .build());
        assertThat(anthropic.status()).isEqualTo(404);
        assertThat(anthropic.json().path("error").path("type").asText()).isEqualTo("not_found_error");
        Http.Response openai =
                Http.send(Http.get(fixture.baseUrl() + "/v1/files").build());
        assertThat(openai.status()).isEqualTo(404);
        assertThat(openai.json().path("error").path("code").asText()).isEqualTo("sovereign.not_found");
    }

    @Test
    void gatewayStillServesAfterBadInput() {
        for (int i = 0; i < 20; i++) {
            Http.send(Http.post(fixture.baseUrl() + "/v1/messages", "{{{{", "anthropic-version", "2023-06-01")
                    .build());
        }
        Http.Response ok = Http.send(Http.post(
                        fixture.baseUrl() + "/v1/messages",
                        Http.anthropicBody("claude-sonnet-4-5", "still here", false),
                        "anthropic-version",
                        "2023-06-01")
                .build());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("content").get(0).path("text").asText()).isEqualTo("Echo: still here");
    }
}
