package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.testing.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every inbound API against every provider kind, streamed and not, with and without a tool call, over real sockets
 * through the fake upstream: the client always gets a correct answer in its own format, and the upstream always
 * receives its own. Where the formats differ the gateway translates; where they match it relays.
 */
class TranslationMatrixTest {
    enum Api {
        ANTHROPIC,
        OPENAI
    }

    /** A provider kind, the model the matrix asks it for, and the path its format is served at. */
    enum Kind {
        ANTHROPIC("claude-sonnet-4-5", "/v1/messages", "claude"),
        OPENAI_COMPATIBLE("llama3.1-8b", "/v1/chat/completions", "local");

        final String model;
        final String path;
        final String provider;

        Kind(String model, String path, String provider) {
            this.model = model;
            this.path = path;
            this.provider = provider;
        }
    }

    static final String PROVIDERS = """
            providers:
              - id: claude
                kind: anthropic
                endpoint: ${UPSTREAM}
                api_key_env: ANTHROPIC_API_KEY
                formats: [anthropic]
                models: [{pattern: "claude-*"}]
              - id: local
                kind: openai-compatible
                endpoint: ${UPSTREAM}/v1
                api_key_env: OPENAI_API_KEY
                models: [{pattern: "llama*"}]
            """;

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

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (Api api : Api.values()) {
            for (Kind kind : Kind.values()) {
                for (boolean stream : new boolean[] {false, true}) {
                    for (boolean tools : new boolean[] {false, true}) cells.add(Arguments.of(api, kind, stream, tools));
                }
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} client, {1} provider, stream={2}, tools={3}")
    @MethodSource("cells")
    void theClientGetsACorrectAnswerInItsOwnFormat(Api api, Kind kind, boolean stream, boolean tools) {
        String prompt = tools ? "What is the weather in Paris?" : "Bonjour from the matrix";
        Http.Response response = api == Api.ANTHROPIC
                ? Http.send(Http.post(
                                fixture.baseUrl() + "/v1/messages",
                                anthropicRequest(kind.model, prompt, stream, tools),
                                "anthropic-version",
                                "2023-06-01")
                        .build())
                : Http.send(Http.post(
                                fixture.openAiBaseUrl() + "/chat/completions",
                                openAiRequest(kind.model, prompt, stream, tools))
                        .build());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("x-sovereign-route")).isEqualTo(kind.provider);
        if (api == Api.ANTHROPIC) {
            if (stream) assertAnthropicStream(SseEvents.parse(response.body()), prompt, tools);
            else assertAnthropicMessage(response.json(), prompt, tools);
        } else {
            if (stream) assertOpenAiStream(SseEvents.parse(response.body()), prompt, tools);
            else assertOpenAiCompletion(response.json(), prompt, tools);
        }

        RecordedRequest upstream = fixture.upstream().takeRequest(Duration.ofSeconds(5));
        assertThat(upstream.path()).isEqualTo(kind.path);
        JsonNode sent = upstream.json();
        if (kind == Kind.ANTHROPIC) {
            assertThat(upstream.header("anthropic-version")).isEqualTo("2023-06-01");
            assertThat(sent.path("system").asText()).isEqualTo("Be brief.");
            assertThat(sent.path("max_tokens").asInt()).isPositive();
            if (tools)
                assertThat(sent.path("tools")
                                .path(0)
                                .path("input_schema")
                                .path("type")
                                .asText())
                        .isEqualTo("object");
        } else {
            assertThat(sent.path("messages").path(0).path("role").asText()).isEqualTo("system");
            if (stream)
                assertThat(sent.path("stream_options").path("include_usage").asBoolean())
                        .isTrue();
            if (tools) {
                assertThat(sent.path("tools")
                                .path(0)
                                .path("function")
                                .path("parameters")
                                .path("type")
                                .asText())
                        .isEqualTo("object");
            }
        }
    }

    static String anthropicRequest(String model, String prompt, boolean stream, boolean tools) {
        ObjectNode body = Http.JSON.createObjectNode().put("model", model).put("max_tokens", 256);
        body.put("stream", stream).put("system", "Be brief.");
        ObjectNode user = body.putArray("messages").addObject().put("role", "user");
        user.putArray("content").addObject().put("type", "text").put("text", prompt);
        if (tools) {
            ObjectNode tool = body.putArray("tools").addObject().put("name", "get_weather");
            tool.put("description", "Current weather");
            tool.set("input_schema", schema());
        }
        return body.toString();
    }

    static String openAiRequest(String model, String prompt, boolean stream, boolean tools) {
        ObjectNode body = Http.JSON.createObjectNode().put("model", model).put("stream", stream);
        if (stream) body.putObject("stream_options").put("include_usage", true);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", "Be brief.");
        messages.addObject().put("role", "user").put("content", prompt);
        if (tools) {
            ObjectNode function = body.putArray("tools")
                    .addObject()
                    .put("type", "function")
                    .putObject("function")
                    .put("name", "get_weather")
                    .put("description", "Current weather");
            function.set("parameters", schema());
        }
        return body.toString();
    }

    static ObjectNode schema() {
        ObjectNode schema = Http.JSON.createObjectNode().put("type", "object");
        schema.putObject("properties").putObject("location").put("type", "string");
        schema.putArray("required").add("location");
        return schema;
    }

    static void assertAnthropicMessage(JsonNode message, String prompt, boolean tools) {
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.path("role").asText()).isEqualTo("assistant");
        assertThat(message.path("id").asText()).isNotEmpty();
        assertThat(message.path("content").size()).isEqualTo(1);
        JsonNode block = message.path("content").path(0);
        if (tools) {
            assertThat(block.path("type").asText()).isEqualTo("tool_use");
            assertThat(block.path("name").asText()).isEqualTo("get_weather");
            assertThat(block.path("id").asText()).isNotEmpty();
            assertThat(block.path("input")).isEqualTo(paris());
            assertThat(message.path("stop_reason").asText()).isEqualTo("tool_use");
        } else {
            assertThat(block.path("type").asText()).isEqualTo("text");
            assertThat(block.path("text").asText()).isEqualTo("Echo: " + prompt);
            assertThat(message.path("stop_reason").asText()).isEqualTo("end_turn");
        }
        assertThat(message.path("usage").path("input_tokens").asInt()).isPositive();
        assertThat(message.path("usage").path("output_tokens").asInt()).isPositive();
    }

    static void assertAnthropicStream(SseEvents events, String prompt, boolean tools) {
        assertThat(events.names().stream().filter(n -> !"ping".equals(n) && !"content_block_delta".equals(n)))
                .containsExactly(
                        "message_start", "content_block_start", "content_block_stop", "message_delta", "message_stop");
        JsonNode start = events.data("content_block_start").get(0).path("content_block");
        StringBuilder streamed = new StringBuilder();
        for (JsonNode delta : events.data("content_block_delta")) {
            assertThat(delta.path("index").asInt()).isZero();
            JsonNode d = delta.path("delta");
            streamed.append(
                    tools ? d.path("partial_json").asText() : d.path("text").asText());
        }
        JsonNode messageDelta = events.data("message_delta").get(0);
        if (tools) {
            assertThat(start.path("type").asText()).isEqualTo("tool_use");
            assertThat(start.path("name").asText()).isEqualTo("get_weather");
            assertThat(events.data("content_block_delta")).hasSizeGreaterThan(1);
            assertThat(json(streamed.toString())).isEqualTo(paris());
            assertThat(messageDelta.path("delta").path("stop_reason").asText()).isEqualTo("tool_use");
        } else {
            assertThat(start.path("type").asText()).isEqualTo("text");
            assertThat(streamed.toString()).isEqualTo("Echo: " + prompt);
            assertThat(messageDelta.path("delta").path("stop_reason").asText()).isEqualTo("end_turn");
        }
        assertThat(messageDelta.path("usage").path("output_tokens").asInt()).isPositive();
    }

    static void assertOpenAiCompletion(JsonNode completion, String prompt, boolean tools) {
        assertThat(completion.path("object").asText()).isEqualTo("chat.completion");
        assertThat(completion.path("id").asText()).isNotEmpty();
        JsonNode choice = completion.path("choices").path(0);
        JsonNode message = choice.path("message");
        assertThat(message.path("role").asText()).isEqualTo("assistant");
        if (tools) {
            JsonNode call = message.path("tool_calls").path(0);
            assertThat(call.path("type").asText()).isEqualTo("function");
            assertThat(call.path("id").asText()).isNotEmpty();
            assertThat(call.path("function").path("name").asText()).isEqualTo("get_weather");
            assertThat(json(call.path("function").path("arguments").asText())).isEqualTo(paris());
            assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
        } else {
            assertThat(message.path("content").asText()).isEqualTo("Echo: " + prompt);
            assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        }
        assertThat(completion.path("usage").path("prompt_tokens").asInt()).isPositive();
        assertThat(completion.path("usage").path("completion_tokens").asInt()).isPositive();
    }

    static void assertOpenAiStream(SseEvents events, String prompt, boolean tools) {
        assertThat(events.last().done()).isTrue();
        assertThat(events.names()).containsOnlyNulls();
        List<JsonNode> chunks = events.chunks();
        assertThat(chunks).allSatisfy(c -> assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk"));
        StringBuilder content = new StringBuilder();
        StringBuilder arguments = new StringBuilder();
        List<String> finish = new ArrayList<>();
        JsonNode firstCall = null;
        for (JsonNode chunk : chunks) {
            for (JsonNode choice : chunk.path("choices")) {
                JsonNode delta = choice.path("delta");
                content.append(delta.path("content").asText(""));
                for (JsonNode call : delta.path("tool_calls")) {
                    assertThat(call.path("index").asInt()).isZero();
                    if (firstCall == null) firstCall = call;
                    arguments.append(call.path("function").path("arguments").asText(""));
                }
                if (!choice.path("finish_reason").isNull())
                    finish.add(choice.path("finish_reason").asText());
            }
        }
        if (tools) {
            assertThat(firstCall).isNotNull();
            assertThat(firstCall.path("id").asText()).isNotEmpty();
            assertThat(firstCall.path("function").path("name").asText()).isEqualTo("get_weather");
            assertThat(json(arguments.toString())).isEqualTo(paris());
            assertThat(finish).containsExactly("tool_calls");
        } else {
            assertThat(content.toString()).isEqualTo("Echo: " + prompt);
            assertThat(finish).containsExactly("stop");
        }
        JsonNode usage = chunks.get(chunks.size() - 1);
        assertThat(usage.path("choices").isEmpty()).isTrue();
        assertThat(usage.path("usage").path("completion_tokens").asInt()).isPositive();
        assertThat(usage.path("usage").path("prompt_tokens").asInt()).isPositive();
    }

    static JsonNode paris() {
        return Http.JSON.createObjectNode().put("location", "Paris");
    }

    static JsonNode json(String text) {
        try {
            return Http.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }
}
