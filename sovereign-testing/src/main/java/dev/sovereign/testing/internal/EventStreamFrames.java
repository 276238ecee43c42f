package dev.sovereign.testing.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.testing.BedrockException;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * Bedrock's {@code InvokeModelWithResponseStream} frames, encoded by AWS's own event-stream codec (prelude, headers,
 * payload and both CRC32 checksums): a {@code chunk} event carries one Anthropic event as {@code {"bytes":
 * "<base64>", "p": "<padding>"}} (Bedrock pads chunks with a random-length {@code p} so that their size says nothing
 * of their content); an exception frame carries {@code {"message"}}. Stateless and thread-safe.
 */
final class EventStreamFrames {
    static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";
    private static final String PADDING = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private EventStreamFrames() {}

    /** The chunk event that carries {@code anthropicEventJson}. */
    static Buffer chunk(String anthropicEventJson) {
        ObjectNode payload = Json.object()
                .put("bytes", Base64.getEncoder().encodeToString(anthropicEventJson.getBytes(StandardCharsets.UTF_8)))
                .put("p", PADDING.substring(0, ThreadLocalRandom.current().nextInt(1, PADDING.length())));
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":event-type", HeaderValue.fromString("chunk"));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("event"));
        return encode(headers, Json.string(payload));
    }

    /** The exception frame that ends a stream with {@code exception}. */
    static Buffer exception(BedrockException exception) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":exception-type", HeaderValue.fromString(exception.eventType()));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("exception"));
        return encode(headers, Json.string(Json.object().put("message", exception.message())));
    }

    private static Buffer encode(Map<String, HeaderValue> headers, String payload) {
        ByteBuffer encoded = new Message(headers, payload.getBytes(StandardCharsets.UTF_8)).toByteBuffer();
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return Buffer.buffer(bytes);
    }
}
