package dev.sovereign.gateway.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.gateway.provider.AnswerFormat.ErrorMeaning;
import dev.sovereign.gateway.sse.FrameSplitter;
import dev.sovereign.gateway.sse.FramingException;
import dev.sovereign.gateway.sse.SseFrame;
import dev.sovereign.gateway.wire.Json;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;

/**
 * Turns Bedrock's {@code InvokeModelWithResponseStream} answer into the Anthropic server-sent events it carries.
 *
 * <p>Design: AWS's own {@link MessageDecoder} cuts the bytes into event-stream messages, whatever the chunk
 * boundaries, and checks both CRCs of each. A {@code chunk} event's payload is {@code {"bytes":"<base64>"}} holding
 * one Anthropic event as JSON, re-emitted as {@code event: <type>\ndata: <json>\n\n}, so that the rest of the egress
 * reads a Bedrock stream as it reads Anthropic's own. An exception frame ({@code :message-type: exception}) becomes
 * the Anthropic in-stream {@code event: error} with the mapped error type (see {@link BedrockErrors}). A frame whose
 * checksum or layout is wrong, or whose chunk is not JSON, is a {@link FramingException}: the stream cannot go on,
 * and every later chunk is ignored. Not thread-safe: one per stream, on its event loop.
 */
public final class EventStreamSplitter implements FrameSplitter {
    private static final int MAX_MESSAGE = 500;

    private final Consumer<SseFrame> sink;
    private final Json json;
    private final int maxFrameBytes;
    private final MessageDecoder decoder;
    private boolean broken;

    /**
     * @param maxFrameBytes an Anthropic event longer than this is a protocol error (the decoder itself refuses
     *     frames beyond the event-stream limits)
     */
    public EventStreamSplitter(Consumer<SseFrame> sink, Json json, int maxFrameBytes) {
        this.sink = sink;
        this.json = json;
        this.maxFrameBytes = maxFrameBytes;
        this.decoder = new MessageDecoder(this::message);
    }

    @Override
    public void feed(Buffer chunk) {
        if (broken) return;
        try {
            decoder.feed(chunk.getBytes());
        } catch (FramingException e) {
            broken = true;
            throw e;
        } catch (RuntimeException e) {
            // The decoder's checksum and length checks throw IllegalArgumentException; their text is not shown.
            broken = true;
            throw new FramingException("The upstream provider sent a corrupt event-stream frame.");
        }
    }

    private void message(Message message) {
        Map<String, HeaderValue> headers = message.getHeaders();
        String type = text(headers, ":message-type");
        if ("event".equals(type)) {
            if ("chunk".equals(text(headers, ":event-type"))) chunk(message.getPayload());
        } else if ("exception".equals(type)) {
            String name = text(headers, ":exception-type");
            ErrorMeaning meaning = BedrockErrors.of(name);
            error(meaning != null ? meaning : BedrockErrors.unknown(), messageOf(message.getPayload()));
        } else if ("error".equals(type)) {
            String text = text(headers, ":error-message");
            error(
                    BedrockErrors.unknown(),
                    text != null ? text : "The upstream provider ended the stream with an error.");
        }
        // Other messages (none today) are not part of the answer.
    }

    private void chunk(byte[] payload) {
        JsonNode part = json.tryParse(payload);
        JsonNode bytes = part == null ? null : part.get("bytes");
        if (bytes == null || !bytes.isTextual()) {
            throw new FramingException("The upstream provider sent an event-stream chunk without its bytes.");
        }
        byte[] event;
        try {
            event = Base64.getDecoder().decode(bytes.asText());
        } catch (IllegalArgumentException e) {
            throw new FramingException("The upstream provider sent an event-stream chunk that is not base64.");
        }
        if (event.length > maxFrameBytes) {
            throw new FramingException("The upstream provider sent an event larger than the gateway accepts ("
                    + maxFrameBytes + " bytes).");
        }
        JsonNode eventType = json.topLevelField(event, "type");
        if (eventType == null || !eventType.isTextual()) {
            throw new FramingException("The upstream provider sent an event-stream chunk that is not an event.");
        }
        if (hasLineBreak(event)) {
            // A data: line cannot hold one; JSON allows them only between tokens, so a compact copy means the same.
            JsonNode tree = json.tryParse(event);
            if (tree == null) throw new FramingException("The upstream provider sent an event that is not JSON.");
            event = json.string(tree).getBytes(StandardCharsets.UTF_8);
        }
        emit(eventType.asText(), event);
    }

    private void error(ErrorMeaning meaning, String message) {
        ObjectNode root = json.mapper().createObjectNode();
        root.put("type", "error");
        ObjectNode error = root.putObject("error");
        error.put("type", meaning.anthropicType());
        error.put("message", message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message);
        emit("error", json.string(root).getBytes(StandardCharsets.UTF_8));
    }

    private void emit(String event, byte[] data) {
        byte[] head = ("event: " + event + "\ndata: ").getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[head.length + data.length + 2];
        System.arraycopy(head, 0, frame, 0, head.length);
        System.arraycopy(data, 0, frame, head.length, data.length);
        frame[frame.length - 2] = '\n';
        frame[frame.length - 1] = '\n';
        sink.accept(new SseFrame(frame, 0, frame.length));
    }

    private String messageOf(byte[] payload) {
        JsonNode node = json.tryParse(payload);
        JsonNode message = node == null ? null : node.has("message") ? node.get("message") : node.get("Message");
        return message != null && message.isTextual()
                ? message.asText()
                : "The upstream provider ended the stream with an error.";
    }

    private static String text(Map<String, HeaderValue> headers, String name) {
        HeaderValue value = headers.get(name);
        if (value == null) return null;
        try {
            return value.getString();
        } catch (IllegalStateException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static boolean hasLineBreak(byte[] bytes) {
        for (byte b : bytes) if (b == '\n' || b == '\r') return true;
        return false;
    }
}
