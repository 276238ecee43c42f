package dev.sovereign.testing;

import static dev.sovereign.testing.Wire.ANTHROPIC;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnthropicMessagesTest {

    static FakeUpstream upstream;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start();
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    @BeforeEach
    void reset() {
        upstream.reset();
    }

    @Test
    void answersAMessageObjectThatEchoesTheLastUserMessage() {
        HttpResponse<String> response =
                Wire.post(upstream, "/v1/messages?beta=true", Wire.anthropicBody("hello there", false), ANTHROPIC);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("request-id"))
                .hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
        JsonNode message = Wire.json(response);
        assertThat(message.path("id").asText()).startsWith("msg_");
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.path("role").asText()).isEqualTo("assistant");
        assertThat(message.path("model").asText()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(message.path("content").get(0).path("type").asText()).isEqualTo("text");
        assertThat(message.path("content").get(0).path("text").asText()).isEqualTo("Echo: hello there");
        assertThat(message.path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(message.get("stop_sequence").isNull()).isTrue();
        JsonNode usage = message.path("usage");
        assertThat(usage.path("input_tokens").asInt()).isEqualTo(2); // 11 bytes / 4
        assertThat(usage.path("output_tokens").asInt()).isEqualTo(3);
        assertThat(usage.path("cache_creation_input_tokens").asInt()).isZero();
        assertThat(usage.path("cache_read_input_tokens").asInt()).isZero();
    }

    @Test
    void echoesTheTextBlocksOfTheLastUserTurn() {
        String body = "{\"model\":\"m\",\"max_tokens\":10,\"system\":\"be brief\",\"messages\":["
                + "{\"role\":\"user\",\"content\":\"first\"},{\"role\":\"assistant\",\"content\":\"ok\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"second turn\"}]}]}";

        JsonNode message = Wire.json(Wire.post(upstream, "/v1/messages", body, ANTHROPIC));

        assertThat(message.path("content").get(0).path("text").asText()).isEqualTo("Echo: second turn");
        assertThat(message.path("model").asText()).isEqualTo("m");
    }

    @Test
    void streamsTheRealEventSequence() {
        HttpResponse<String> response =
                Wire.post(upstream, "/v1/messages", Wire.anthropicBody("hello there", true), ANTHROPIC);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        List<Wire.Sse> events = Wire.events(response.body());
        assertThat(events)
                .extracting(Wire.Sse::event)
                .containsExactly(
                        "message_start",
                        "content_block_start",
                        "ping",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_stop",
                        "message_delta",
                        "message_stop");
        for (Wire.Sse event : events) {
            assertThat(event.json().path("type").asText()).isEqualTo(event.event());
        }
        JsonNode start = events.get(0).json().path("message");
        assertThat(start.path("id").asText()).startsWith("msg_");
        assertThat(start.path("content")).isEmpty();
        assertThat(start.get("stop_reason").isNull()).isTrue();
        assertThat(start.path("usage").path("input_tokens").asInt()).isEqualTo(2);
        assertThat(start.path("usage").path("output_tokens").asInt()).isEqualTo(1);
        assertThat(events.get(1).json().path("content_block").path("type").asText())
                .isEqualTo("text");
        StringBuilder text = new StringBuilder();
        for (Wire.Sse delta : events.subList(3, 6)) {
            assertThat(delta.json().path("delta").path("type").asText()).isEqualTo("text_delta");
            text.append(delta.json().path("delta").path("text").asText());
        }
        assertThat(text).hasToString("Echo: hello there");
        JsonNode messageDelta = events.get(7).json();
        assertThat(messageDelta.path("delta").path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(messageDelta.path("usage").path("output_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void replyWordsMakesAnswersExactlyThatLong() {
        upstream.setReplyWords(25);

        JsonNode message = Wire.json(Wire.post(upstream, "/v1/messages", Wire.anthropicBody("x", false), ANTHROPIC));
        List<Wire.Sse> events =
                Wire.events(Wire.post(upstream, "/v1/messages", Wire.anthropicBody("x", true), ANTHROPIC)
                        .body());
        // a second stream reuses the pre-serialised lorem frames
        List<Wire.Sse> again = Wire.events(Wire.post(upstream, "/v1/messages", Wire.anthropicBody("x", true), ANTHROPIC)
                .body());

        String text = message.path("content").get(0).path("text").asText();
        assertThat(text.split(" ")).hasSize(25).startsWith("lorem", "ipsum");
        assertThat(message.path("usage").path("output_tokens").asInt()).isEqualTo(25);
        assertThat(events)
                .filteredOn(e -> e.event().equals("content_block_delta"))
                .hasSize(25);
        assertThat(again).hasSameSizeAs(events);
    }

    @Test
    void callsTheFirstToolWhenAskedAboutTheWeather() {
        String body = "{\"model\":\"m\",\"max_tokens\":100,\"tools\":[{\"name\":\"get_weather\",\"input_schema\":"
                + "{\"type\":\"object\"}},{\"name\":\"other\",\"input_schema\":{\"type\":\"object\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"What is the weather in Paris?\"}]}";

        JsonNode message = Wire.json(Wire.post(upstream, "/v1/messages", body, ANTHROPIC));

        JsonNode block = message.path("content").get(0);
        assertThat(block.path("type").asText()).isEqualTo("tool_use");
        assertThat(block.path("id").asText()).startsWith("toolu_");
        assertThat(block.path("name").asText()).isEqualTo("get_weather");
        assertThat(block.path("input").path("location").asText()).isEqualTo("Paris");
        assertThat(message.path("stop_reason").asText()).isEqualTo("tool_use");
    }

    @Test
    void streamsToolUseAsInputJsonDeltas() {
        String body = "{\"model\":\"m\",\"max_tokens\":100,\"stream\":true,\"tools\":[{\"name\":\"get_weather\","
                + "\"input_schema\":{\"type\":\"object\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"weather?\"}]}]}";

        List<Wire.Sse> events =
                Wire.events(Wire.post(upstream, "/v1/messages", body, ANTHROPIC).body());

        JsonNode block = events.get(1).json().path("content_block");
        assertThat(block.path("type").asText()).isEqualTo("tool_use");
        assertThat(block.path("id").asText()).startsWith("toolu_");
        assertThat(block.path("name").asText()).isEqualTo("get_weather");
        assertThat(block.path("input").isObject()).isTrue();
        StringBuilder json = new StringBuilder();
        events.stream()
                .filter(e -> e.event().equals("content_block_delta"))
                .map(e -> e.json().path("delta"))
                .forEach(delta -> {
                    assertThat(delta.path("type").asText()).isEqualTo("input_json_delta");
                    json.append(delta.path("partial_json").asText());
                });
        assertThat(Wire.json(json.toString()).path("location").asText()).isEqualTo("Paris");
        assertThat(events.get(events.size() - 2)
                        .json()
                        .path("delta")
                        .path("stop_reason")
                        .asText())
                .isEqualTo("tool_use");
        assertThat(events.get(events.size() - 1).event()).isEqualTo("message_stop");
    }

    @Test
    void answersAToolResultWithText() {
        String body = "{\"model\":\"m\",\"max_tokens\":100,\"tools\":[{\"name\":\"get_weather\",\"input_schema\":{}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"weather in Paris?\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":"
                + "\"get_weather\",\"input\":{}}]},{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\","
                + "\"tool_use_id\":\"toolu_1\",\"content\":\"sunny\"}]}]}";

        JsonNode message = Wire.json(Wire.post(upstream, "/v1/messages", body, ANTHROPIC));

        assertThat(message.path("content").get(0).path("type").asText()).isEqualTo("text");
        assertThat(message.path("stop_reason").asText()).isEqualTo("end_turn");
    }

    @Test
    void acceptsABearerTokenInsteadOfAnApiKey() {
        HttpResponse<String> response = Wire.post(
                upstream,
                "/v1/messages",
                Wire.anthropicBody("hi", false),
                "authorization",
                "Bearer tok",
                "anthropic-version",
                "2023-06-01");

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void rejectsAMissingKeyWithAnAuthenticationError() {
        HttpResponse<String> response =
                Wire.post(upstream, "/v1/messages", Wire.anthropicBody("hi", false), "anthropic-version", "2023-06-01");

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode error = Wire.json(response);
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.path("error").path("type").asText()).isEqualTo("authentication_error");
        assertThat(error.path("request_id").asText())
                .isEqualTo(response.headers().firstValue("request-id").orElseThrow());
    }

    @Test
    void rejectsAMissingVersionHeader() {
        HttpResponse<String> response =
                Wire.post(upstream, "/v1/messages", Wire.anthropicBody("hi", false), "x-api-key", "k");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Wire.json(response).path("error").path("message").asText()).contains("anthropic-version");
    }

    @Test
    void namesTheInvalidField() {
        assertInvalid(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "max_tokens: Field required");
        assertInvalid("{\"max_tokens\":5,\"messages\":[]}", "model: Field required");
        assertInvalid(
                "{\"model\":\"m\",\"max_tokens\":\"5\",\"messages\":[]}",
                "max_tokens: Input should be a valid integer");
        assertInvalid(
                "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[]}", "messages: at least one message is required");
        assertInvalid("{\"model\":\"m\",\"max_tokens\":5}", "messages: Field required");
        assertInvalid("not json", "request body is not valid JSON");
    }

    @Test
    void countsTokensWithTheSameEstimate() {
        HttpResponse<String> response = Wire.post(
                upstream,
                "/v1/messages/count_tokens",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"sixteen bytes!!!\"}]}",
                ANTHROPIC);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Wire.json(response).path("input_tokens").asInt()).isEqualTo(4);
    }

    @Test
    void checksTheRequiredKey() {
        try (FakeUpstream strict = FakeUpstream.start(
                new FakeUpstreamOptions().requiredApiKey("right").eventLoops(1))) {
            HttpResponse<String> wrong = Wire.post(strict, "/v1/messages", Wire.anthropicBody("x", false), ANTHROPIC);
            HttpResponse<String> right = Wire.post(
                    strict,
                    "/v1/messages",
                    Wire.anthropicBody("x", false),
                    "x-api-key",
                    "right",
                    "anthropic-version",
                    "2023-06-01");

            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(right.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void answersUnknownPathsWithAnAnthropicNotFound() {
        HttpResponse<String> response = Wire.post(upstream, "/v1/messages/batches", "{}", ANTHROPIC);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Wire.json(response).path("error").path("type").asText()).isEqualTo("not_found_error");
    }

    private static void assertInvalid(String body, String message) {
        HttpResponse<String> response = Wire.post(upstream, "/v1/messages", body, ANTHROPIC);
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        JsonNode error = Wire.json(response);
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("error").path("message").asText()).as(body).startsWith(message);
    }
}
