package dev.sovereign.gateway.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.gateway.sse.SseFrame;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stream and body translators on the edges of their formats, which the golden transcripts do not reach. */
class TranslatorStreamTest {
    final ObjectMapper mapper = new ObjectMapper();

    /** The frames the client receives for these upstream frames, as (event name or null, data). */
    private List<String[]> run(AnswerTranslator answer, String... frames) {
        List<String[]> out = new ArrayList<>();
        for (String frame : frames) {
            answer.frame(SseFrame.of(frame), f -> out.add(new String[] {f.event(), f.data()}));
        }
        return out;
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> names(List<String[]> frames) {
        return frames.stream().map(f -> f[0]).toList();
    }

    @Test
    void anOpenAiStreamWithNothingButDoneIsAnEmptyAnthropicMessage() {
        List<String[]> out = run(new OpenAiToAnthropicStream(mapper), "data: [DONE]\n\n");
        assertThat(names(out)).containsExactly("message_start", "message_delta", "message_stop");
        JsonNode delta = json(out.get(1)[1]);
        assertThat(delta.path("delta").path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(delta.path("usage").path("output_tokens").asInt()).isZero();
    }

    @Test
    void anOpenAiStreamWithoutAUsageChunkStillEndsWellFormed() {
        List<String[]> out = run(
                new OpenAiToAnthropicStream(mapper),
                ": keep-alive\n\n",
                "data: {\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n",
                "data: not json\n\n",
                "data: {\"id\":\"c1\",\"choices\":[{\"index\":1,\"delta\":{\"content\":\"other choice\"}}]}\n\n",
                "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"content_filter\"}]}\n\n",
                "data: [DONE]\n\n",
                "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"after the end\"}}]}\n\n");
        assertThat(names(out))
                .containsExactly(
                        "message_start",
                        "content_block_start",
                        "content_block_delta",
                        "content_block_stop",
                        "message_delta",
                        "message_stop");
        assertThat(json(out.get(2)[1]).path("delta").path("text").asText()).isEqualTo("Hi");
        JsonNode delta = json(out.get(4)[1]);
        assertThat(delta.path("delta").path("stop_reason").asText()).isEqualTo("refusal");
        assertThat(delta.path("usage").path("output_tokens").asInt()).isZero();
    }

    @Test
    void aToolCallWithoutAnIdGetsOneFromTheMessage() {
        List<String[]> out = run(
                new OpenAiToAnthropicStream(mapper),
                "data: {\"id\":\"chatcmpl-9\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
                        + "\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}}]}\n\n");
        JsonNode block = json(out.get(1)[1]).path("content_block");
        assertThat(block.path("type").asText()).isEqualTo("tool_use");
        assertThat(block.path("id").asText()).isEqualTo("chatcmpl-9_call_0");
        assertThat(json(out.get(2)[1]).path("delta").path("partial_json").asText())
                .isEqualTo("{}");
    }

    @Test
    void thinkingCitationsAndUnknownEventsHaveNoChunk() {
        List<String[]> out = run(
                new AnthropicToOpenAiStream(mapper, 1, false),
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"c\","
                        + "\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}\n\n",
                "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                        + "{\"type\":\"thinking\",\"thinking\":\"\"}}\n\n",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                        + "{\"type\":\"thinking_delta\",\"thinking\":\"hmm\"}}\n\n",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                        + "{\"type\":\"signature_delta\",\"signature\":\"sig\"}}\n\n",
                "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
                "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":"
                        + "{\"type\":\"text\",\"text\":\"\"}}\n\n",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":"
                        + "{\"type\":\"citations_delta\",\"citation\":{}}}\n\n",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":"
                        + "{\"type\":\"text_delta\",\"text\":\"Answer\"}}\n\n",
                "event: future_event\ndata: {\"type\":\"future_event\"}\n\n",
                "event: ping\ndata: {\"type\":\"ping\"}\n\n",
                "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"pause_turn\"},"
                        + "\"usage\":{\"output_tokens\":9}}\n\n",
                "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        assertThat(names(out)).containsOnlyNulls();
        assertThat(out).hasSize(4);
        assertThat(json(out.get(0)[1])
                        .path("choices")
                        .path(0)
                        .path("delta")
                        .path("role")
                        .asText())
                .isEqualTo("assistant");
        assertThat(json(out.get(1)[1])
                        .path("choices")
                        .path(0)
                        .path("delta")
                        .path("content")
                        .asText())
                .isEqualTo("Answer");
        assertThat(json(out.get(2)[1])
                        .path("choices")
                        .path(0)
                        .path("finish_reason")
                        .asText())
                .isEqualTo("stop");
        assertThat(json(out.get(2)[1]).has("usage"))
                .as("no usage field unless asked for")
                .isFalse();
        assertThat(out.get(3)[1]).isEqualTo("[DONE]");
    }

    @Test
    void theUsageChunkCountsCachedTokensAsPromptTokensAndTakesTheLastCumulativeValues() {
        List<String[]> out = run(
                new AnthropicToOpenAiStream(mapper, 1, true),
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"c\","
                        + "\"usage\":{\"input_tokens\":5,\"cache_read_input_tokens\":100,"
                        + "\"cache_creation_input_tokens\":20,\"output_tokens\":1}}}\n\n",
                "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                        + "\"model_context_window_exceeded\"},\"usage\":{\"output_tokens\":4}}\n\n",
                "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{},\"usage\":{\"input_tokens\":6,"
                        + "\"output_tokens\":7}}\n\n",
                "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        assertThat(json(out.get(1)[1])
                        .path("choices")
                        .path(0)
                        .path("finish_reason")
                        .asText())
                .isEqualTo("length");
        JsonNode usage = json(out.get(2)[1]);
        assertThat(usage.path("choices").isEmpty()).isTrue();
        assertThat(usage.path("usage").path("prompt_tokens").asInt()).isEqualTo(126);
        assertThat(usage.path("usage").path("completion_tokens").asInt()).isEqualTo(7);
        assertThat(usage.path("usage").path("total_tokens").asInt()).isEqualTo(133);
        assertThat(usage.path("usage")
                        .path("prompt_tokens_details")
                        .path("cached_tokens")
                        .asInt())
                .isEqualTo(100);
        assertThat(out.get(3)[1]).isEqualTo("[DONE]");
    }

    @Test
    void anAnthropicEventWithoutAnEventLineIsKnownByItsType() {
        List<String[]> out = run(
                new AnthropicToOpenAiStream(mapper, 1, false),
                "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"c\"}}\n\n",
                "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\","
                        + "\"text\":\"\"}}\n\n",
                "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
                        + "\"text\":\"Hi\"}}\n\n",
                "data: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
                "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"}}\n\n",
                "data: {\"type\":\"message_stop\"}\n\n");
        assertThat(out).hasSize(4);
        assertThat(json(out.get(1)[1])
                        .path("choices")
                        .path(0)
                        .path("delta")
                        .path("content")
                        .asText())
                .isEqualTo("Hi");
        assertThat(out.get(3)[1]).isEqualTo("[DONE]");
    }

    @Test
    void aBodyThatIsNotJsonOrAToolCallThatIsNotAnObjectIsAnInvalidAnswer() {
        byte[] garbage = "<html>bad gateway</html>".getBytes(StandardCharsets.UTF_8);
        for (AnswerTranslator answer :
                List.of(new OpenAiToAnthropicStream(mapper), new AnthropicToOpenAiStream(mapper, 1, false))) {
            assertThatThrownBy(() -> answer.body(garbage))
                    .isInstanceOfSatisfying(
                            GatewayFailure.class,
                            f -> assertThat(f.kind()).isEqualTo(FailureKind.UPSTREAM_INVALID_RESPONSE));
        }
        byte[] brokenCall =
                ("{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                                + "\"content\":null,\"tool_calls\":[{\"id\":\"t\",\"type\":\"function\",\"function\":"
                                + "{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":\"}}]},\"finish_reason\":\"tool_calls\"}]}")
                        .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new OpenAiToAnthropicStream(mapper).body(brokenCall))
                .isInstanceOfSatisfying(
                        GatewayFailure.class,
                        f -> assertThat(f.kind()).isEqualTo(FailureKind.UPSTREAM_INVALID_RESPONSE))
                .hasMessageNotContaining("\"a\"");
    }

    @Test
    void stopReasonsMapBothWays() {
        assertThat(StopReasons.finishReason("end_turn")).isEqualTo("stop");
        assertThat(StopReasons.finishReason("stop_sequence")).isEqualTo("stop");
        assertThat(StopReasons.finishReason("pause_turn")).isEqualTo("stop");
        assertThat(StopReasons.finishReason("max_tokens")).isEqualTo("length");
        assertThat(StopReasons.finishReason("model_context_window_exceeded")).isEqualTo("length");
        assertThat(StopReasons.finishReason("tool_use")).isEqualTo("tool_calls");
        assertThat(StopReasons.finishReason("refusal")).isEqualTo("content_filter");
        assertThat(StopReasons.finishReason("something_new")).isEqualTo("stop");
        assertThat(StopReasons.finishReason(null)).isNull();
        assertThat(StopReasons.stopReason("stop")).isEqualTo("end_turn");
        assertThat(StopReasons.stopReason("length")).isEqualTo("max_tokens");
        assertThat(StopReasons.stopReason("tool_calls")).isEqualTo("tool_use");
        assertThat(StopReasons.stopReason("function_call")).isEqualTo("tool_use");
        assertThat(StopReasons.stopReason("content_filter")).isEqualTo("refusal");
        assertThat(StopReasons.stopReason("eos")).isEqualTo("end_turn");
        assertThat(StopReasons.stopReason(null)).isNull();
    }
}
