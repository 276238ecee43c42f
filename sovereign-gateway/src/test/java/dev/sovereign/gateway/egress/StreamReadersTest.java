package dev.sovereign.gateway.egress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.gateway.sse.SseFrame;
import dev.sovereign.gateway.wire.Json;
import org.junit.jupiter.api.Test;

class StreamReadersTest {
    private final Json json = new Json(64);

    @Test
    void anthropicUsageIsCumulativeAndTheLastValueCounts() {
        AnthropicStreamReader r = new AnthropicStreamReader(json);
        r.accept(
                SseFrame.of(
                        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":12,\"output_tokens\":1,\"cache_read_input_tokens\":4}}}\n\n"));
        assertThat(r.started()).isFalse();
        r.accept(SseFrame.of("event: content_block_delta\ndata: {\"type\":\"content_block_delta\"}\n\n"));
        r.accept(SseFrame.of(
                "event: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":7}}\n\n"));
        r.accept(SseFrame.of(
                "event: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":15}}\n\n"));
        assertThat(r.complete()).isFalse();
        r.accept(SseFrame.of("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
        assertThat(r.started()).isTrue();
        assertThat(r.complete()).isTrue();
        assertThat(r.usage().inputTokens()).isEqualTo(12);
        assertThat(r.usage().outputTokens()).isEqualTo(15);
        assertThat(r.usage().cacheReadTokens()).isEqualTo(4);
        assertThat(r.upstreamError()).isNull();
    }

    @Test
    void anthropicErrorEventIsRecordedAndRelayed() {
        AnthropicStreamReader r = new AnthropicStreamReader(json);
        assertThat(
                        r.accept(
                                SseFrame.of(
                                        "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"x\"}}\n\n")))
                .isTrue();
        assertThat(r.upstreamError()).isEqualTo("overloaded_error");
    }

    @Test
    void openAiUsageChunkIsReadAndHiddenOnlyWhenTheGatewayAskedForIt() {
        String usageChunk =
                "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3,\"total_tokens\":12}}\n\n";
        OpenAiStreamReader hidden = new OpenAiStreamReader(json, true);
        assertThat(hidden.accept(
                        SseFrame.of("data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}],\"usage\":null}\n\n")))
                .isTrue();
        assertThat(hidden.accept(SseFrame.of(usageChunk))).isFalse();
        assertThat(hidden.accept(SseFrame.of("data: [DONE]\n\n"))).isTrue();
        assertThat(hidden.usage().inputTokens()).isEqualTo(9);
        assertThat(hidden.usage().outputTokens()).isEqualTo(3);
        assertThat(hidden.complete()).isTrue();
        assertThat(hidden.started()).isTrue();

        OpenAiStreamReader shown = new OpenAiStreamReader(json, false);
        assertThat(shown.accept(SseFrame.of(usageChunk))).isTrue();
    }

    @Test
    void openAiInStreamErrorIsRecorded() {
        OpenAiStreamReader r = new OpenAiStreamReader(json, false);
        r.accept(SseFrame.of("data: {\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}\n\n"));
        assertThat(r.upstreamError()).isEqualTo("server_error");
        assertThat(r.complete()).isFalse();
    }
}
