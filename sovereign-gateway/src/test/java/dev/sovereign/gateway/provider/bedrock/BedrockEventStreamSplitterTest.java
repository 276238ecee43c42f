package dev.sovereign.gateway.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sovereign.gateway.sse.FramingException;
import dev.sovereign.gateway.sse.SseFrame;
import dev.sovereign.gateway.wire.Json;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/** Event-stream frames, encoded by AWS's codec, into Anthropic server-sent events, whatever the reads. */
class BedrockEventStreamSplitterTest {
    final Json json = new Json(64);
    final List<SseFrame> frames = new ArrayList<>();
    final EventStreamSplitter splitter = new EventStreamSplitter(frames::add, json, 1 << 20);

    static byte[] encode(Map<String, String> headers, String payload) {
        Map<String, HeaderValue> h = new LinkedHashMap<>();
        headers.forEach((k, v) -> h.put(k, HeaderValue.fromString(v)));
        ByteBuffer b = new Message(h, payload.getBytes(StandardCharsets.UTF_8)).toByteBuffer();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }

    static byte[] chunk(String eventJson) {
        String b64 = Base64.getEncoder().encodeToString(eventJson.getBytes(StandardCharsets.UTF_8));
        return encode(
                Map.of(":message-type", "event", ":event-type", "chunk", ":content-type", "application/json"),
                "{\"bytes\":\"" + b64 + "\",\"p\":\"abcdefgh\"}");
    }

    static byte[] exception(String type, String message) {
        return encode(
                Map.of(":message-type", "exception", ":exception-type", type, ":content-type", "application/json"),
                "{\"message\":\"" + message + "\"}");
    }

    static byte[] concat(byte[]... parts) {
        Buffer all = Buffer.buffer();
        for (byte[] p : parts) all.appendBytes(p);
        return all.getBytes();
    }

    static final String START = "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_bdrk_1\",\"usage\":"
            + "{\"input_tokens\":7,\"output_tokens\":1}}}";
    static final String DELTA =
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hé\"}}";

    @Test
    void eachChunkBecomesTheAnthropicEventItCarries() {
        splitter.feed(Buffer.buffer(concat(chunk(START), chunk(DELTA))));
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).event()).isEqualTo("message_start");
        assertThat(frames.get(0).data()).isEqualTo(START);
        assertThat(frames.get(1).raw().toString(StandardCharsets.UTF_8))
                .isEqualTo("event: content_block_delta\ndata: " + DELTA + "\n\n");
    }

    @Test
    void framesSplitAcrossReadsComeOutWholeAndInOrder() {
        byte[] stream = concat(chunk(START), chunk(DELTA), chunk("{\"type\":\"message_stop\"}"));
        for (byte b : stream) splitter.feed(Buffer.buffer(new byte[] {b}));
        assertThat(frames)
                .extracting(SseFrame::event)
                .containsExactly("message_start", "content_block_delta", "message_stop");
        assertThat(frames.get(1).data()).isEqualTo(DELTA);
    }

    @Test
    void aCorruptChecksumIsACleanFramingErrorAndTheRestIsIgnored() {
        byte[] good = chunk(START);
        byte[] bad = chunk(DELTA);
        bad[bad.length - 20] ^= 0x01; // a payload byte: the message CRC no longer matches
        assertThatThrownBy(() -> splitter.feed(Buffer.buffer(concat(good, bad))))
                .isInstanceOf(FramingException.class)
                .hasMessage("The upstream provider sent a corrupt event-stream frame.");
        assertThat(frames).extracting(SseFrame::event).containsExactly("message_start");
        splitter.feed(Buffer.buffer(chunk(DELTA)));
        assertThat(frames).hasSize(1);
    }

    @Test
    void aCorruptPreludeIsAFramingErrorToo() {
        byte[] bad = chunk(START);
        bad[9] ^= 0x40; // inside the prelude CRC
        assertThatThrownBy(() -> splitter.feed(Buffer.buffer(bad))).isInstanceOf(FramingException.class);
    }

    @Test
    void exceptionFramesBecomeAnthropicErrorEventsOfTheMappedType() {
        splitter.feed(Buffer.buffer(concat(
                chunk(START),
                exception("throttlingException", "Too many requests, please wait before trying again."))));
        SseFrame error = frames.get(1);
        assertThat(error.event()).isEqualTo("error");
        assertThat(json.tryParse(error.data().getBytes(StandardCharsets.UTF_8)).toString())
                .isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
                        + "\"message\":\"Too many requests, please wait before trying again.\"}}");
    }

    @Test
    void everyStreamExceptionHasAnAnthropicMeaning() {
        Map<String, String> expected = Map.of(
                "throttlingException", "rate_limit_error",
                "validationException", "invalid_request_error",
                "modelTimeoutException", "timeout_error",
                "modelStreamErrorException", "api_error",
                "serviceUnavailableException", "overloaded_error",
                "internalServerException", "api_error",
                "somethingNewException", "api_error");
        expected.forEach((name, type) -> {
            frames.clear();
            new EventStreamSplitter(frames::add, json, 1 << 20).feed(Buffer.buffer(exception(name, "m")));
            assertThat(json.tryParse(frames.get(0).data().getBytes(StandardCharsets.UTF_8))
                            .path("error")
                            .path("type")
                            .asText())
                    .as(name)
                    .isEqualTo(type);
        });
    }

    @Test
    void anEventWithLineBreaksIsSentCompactSoItFitsOneDataLine() {
        splitter.feed(Buffer.buffer(chunk("{\n  \"type\": \"message_stop\"\n}")));
        assertThat(frames.get(0).raw().toString(StandardCharsets.UTF_8))
                .isEqualTo("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    }

    @Test
    void aChunkThatIsNotAnEventIsAFramingError() {
        byte[] noBytes = encode(Map.of(":message-type", "event", ":event-type", "chunk"), "{\"other\":1}");
        assertThatThrownBy(() -> splitter.feed(Buffer.buffer(noBytes)))
                .isInstanceOf(FramingException.class)
                .hasMessageNotContaining("other");
    }
}
