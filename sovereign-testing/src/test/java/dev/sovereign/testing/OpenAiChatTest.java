package dev.sovereign.testing;

import static dev.sovereign.testing.Wire.OPENAI;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenAiChatTest {

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
    void answersAChatCompletion() {
        HttpResponse<String> response =
                Wire.post(upstream, "/v1/chat/completions", Wire.openAiBody("hello there", false), OPENAI);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-request-id")).isPresent();
        JsonNode completion = Wire.json(response);
        assertThat(completion.path("id").asText()).startsWith("chatcmpl-");
        assertThat(completion.path("object").asText()).isEqualTo("chat.completion");
        assertThat(completion.path("created").asLong()).isPositive();
        assertThat(completion.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(completion.path("system_fingerprint").asText()).isNotEmpty();
        JsonNode choice = completion.path("choices").get(0);
        assertThat(choice.path("index").asInt()).isZero();
        assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").asText()).isEqualTo("Echo: hello there");
        assertThat(choice.path("message").get("refusal").isNull()).isTrue();
        assertThat(choice.get("logprobs").isNull()).isTrue();
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = completion.path("usage");
        assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(2);
        assertThat(usage.path("completion_tokens").asInt()).isEqualTo(3);
        assertThat(usage.path("total_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void streamsChunksWithAFinalUsageChunkWhenAsked() {
        String body = "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hello there\"}]}]}";

        HttpResponse<String> response = Wire.post(upstream, "/v1/chat/completions", body, OPENAI);

        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
        List<Wire.Sse> events = Wire.events(response.body());
        assertThat(events).allSatisfy(e -> assertThat(e.event()).isNull());
        assertThat(events.get(events.size() - 1).data()).isEqualTo("[DONE]");
        List<JsonNode> chunks = events.subList(0, events.size() - 1).stream()
                .map(Wire.Sse::json)
                .toList();
        assertThat(chunks).hasSize(6); // role, 3 words, finish, usage
        String id = chunks.get(0).path("id").asText();
        for (JsonNode chunk : chunks) {
            assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("id").asText()).isEqualTo(id);
            assertThat(chunk.has("usage")).isTrue();
        }
        JsonNode first = chunks.get(0).path("choices").get(0).path("delta");
        assertThat(first.path("role").asText()).isEqualTo("assistant");
        assertThat(first.path("content").asText()).isEmpty();
        StringBuilder text = new StringBuilder();
        for (JsonNode chunk : chunks.subList(0, 5)) {
            assertThat(chunk.get("usage").isNull()).isTrue();
            text.append(
                    chunk.path("choices").get(0).path("delta").path("content").asText());
        }
        assertThat(text).hasToString("Echo: hello there");
        JsonNode finish = chunks.get(4).path("choices").get(0);
        assertThat(finish.path("delta")).isEmpty();
        assertThat(finish.path("finish_reason").asText()).isEqualTo("stop");
        JsonNode last = chunks.get(5);
        assertThat(last.path("choices").isArray()).isTrue();
        assertThat(last.path("choices")).isEmpty();
        assertThat(last.path("usage").path("prompt_tokens").asInt()).isEqualTo(2);
        assertThat(last.path("usage").path("completion_tokens").asInt()).isEqualTo(3);
        assertThat(last.path("usage").path("total_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void streamsWithoutUsageFieldsByDefault() {
        List<Wire.Sse> events =
                Wire.events(Wire.post(upstream, "/v1/chat/completions", Wire.openAiBody("hi", true), OPENAI)
                        .body());

        assertThat(events).hasSize(5); // role, 2 words, finish, [DONE]
        assertThat(events.subList(0, 4))
                .allSatisfy(e -> assertThat(e.json().has("usage")).isFalse());
        assertThat(events.get(3)
                        .json()
                        .path("choices")
                        .get(0)
                        .path("finish_reason")
                        .asText())
                .isEqualTo("stop");
    }

    @Test
    void callsToolsInTheOpenAiShape() {
        String body = toolRequest(false);

        JsonNode choice = Wire.json(Wire.post(upstream, "/v1/chat/completions", body, OPENAI))
                .path("choices")
                .get(0);

        assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(choice.path("message").get("content").isNull()).isTrue();
        JsonNode call = choice.path("message").path("tool_calls").get(0);
        assertThat(call.path("id").asText()).startsWith("call_");
        assertThat(call.path("type").asText()).isEqualTo("function");
        assertThat(call.path("function").path("name").asText()).isEqualTo("get_weather");
        assertThat(Wire.json(call.path("function").path("arguments").asText())
                        .path("location")
                        .asText())
                .isEqualTo("Paris");
    }

    @Test
    void streamsToolCallsAsIdThenArgumentFragments() {
        List<Wire.Sse> events = Wire.events(Wire.post(upstream, "/v1/chat/completions", toolRequest(true), OPENAI)
                .body());

        JsonNode first = events.get(0).json().path("choices").get(0).path("delta");
        assertThat(first.path("role").asText()).isEqualTo("assistant");
        JsonNode opening = first.path("tool_calls").get(0);
        assertThat(opening.path("index").asInt()).isZero();
        assertThat(opening.path("id").asText()).startsWith("call_");
        assertThat(opening.path("type").asText()).isEqualTo("function");
        assertThat(opening.path("function").path("name").asText()).isEqualTo("get_weather");
        assertThat(opening.path("function").path("arguments").asText()).isEmpty();
        StringBuilder arguments = new StringBuilder();
        for (Wire.Sse event : events.subList(1, events.size() - 2)) {
            JsonNode call = event.json()
                    .path("choices")
                    .get(0)
                    .path("delta")
                    .path("tool_calls")
                    .get(0);
            assertThat(call.path("index").asInt()).isZero();
            assertThat(call.has("id")).isFalse();
            arguments.append(call.path("function").path("arguments").asText());
        }
        assertThat(Wire.json(arguments.toString()).path("location").asText()).isEqualTo("Paris");
        assertThat(events.get(events.size() - 2)
                        .json()
                        .path("choices")
                        .get(0)
                        .path("finish_reason")
                        .asText())
                .isEqualTo("tool_calls");
        assertThat(events.get(events.size() - 1).data()).isEqualTo("[DONE]");
    }

    @Test
    void answersToolResultsWithText() {
        String body = "{\"model\":\"m\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"},{\"role\":\"assistant\",\"content\":null,"
                + "\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                + "\"arguments\":\"{}\"}}]},{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"sunny\"}]}";

        JsonNode choice = Wire.json(Wire.post(upstream, "/v1/chat/completions", body, OPENAI))
                .path("choices")
                .get(0);

        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(choice.path("message").path("content").asText()).isEqualTo("Echo: weather?");
    }

    @Test
    void rejectsAMissingBearerToken() {
        HttpResponse<String> response = Wire.post(
                upstream, "/v1/chat/completions", Wire.openAiBody("x", false), "content-type", "application/json");

        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode error = Wire.json(response).path("error");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("code").asText()).isEqualTo("invalid_api_key");
        assertThat(error.has("param")).isTrue();
        assertThat(error.path("message").asText()).isNotEmpty();
    }

    @Test
    void rejectsInvalidBodiesInTheOpenAiShape() {
        HttpResponse<String> noModel = Wire.post(
                upstream, "/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", OPENAI);
        HttpResponse<String> noMessages =
                Wire.post(upstream, "/v1/chat/completions", "{\"model\":\"gpt-4o-mini\"}", OPENAI);
        HttpResponse<String> emptyMessages =
                Wire.post(upstream, "/v1/chat/completions", "{\"model\":\"gpt-4o-mini\",\"messages\":[]}", OPENAI);

        assertThat(List.of(noModel, noMessages, emptyMessages)).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(Wire.json(r).path("error").path("type").asText()).isEqualTo("invalid_request_error");
        });
        assertThat(Wire.json(noModel).path("error").path("param").asText()).isEqualTo("model");
        assertThat(Wire.json(noMessages).path("error").path("code").asText()).isEqualTo("missing_required_parameter");
        assertThat(Wire.json(emptyMessages).path("error").path("code").asText()).isEqualTo("empty_array");
    }

    @Test
    void answersUnknownPathsWithAnOpenAiNotFound() {
        HttpResponse<String> response = Wire.post(upstream, "/v1/completions", "{}", OPENAI);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Wire.json(response).path("error").path("message").asText()).contains("/v1/completions");
    }

    private static String toolRequest(boolean stream) {
        return "{\"model\":\"gpt-4o-mini\",\"stream\":" + stream + ",\"tools\":[{\"type\":\"function\",\"function\":"
                + "{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\"}}}],"
                + "\"messages\":[{\"role\":\"system\",\"content\":\"s\"},{\"role\":\"user\",\"content\":"
                + "\"What's the Weather like?\"}]}";
    }
}
