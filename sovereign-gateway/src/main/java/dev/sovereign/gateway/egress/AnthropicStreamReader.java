package dev.sovereign.gateway.egress;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.gateway.provider.StreamReader;
import dev.sovereign.gateway.sse.SseFrame;
import dev.sovereign.gateway.wire.Json;
import dev.sovereign.gateway.wire.Usage;
import java.nio.charset.StandardCharsets;

/**
 * Reads an Anthropic Messages stream: usage from {@code message_start} and {@code message_delta} (whose
 * usage is cumulative: the last value counts), completion at {@code message_stop}. Every frame is
 * relayed. Only those two event types are parsed, so the cost per frame stays a line scan.
 */
public final class AnthropicStreamReader implements StreamReader {
    private final Json json;
    private long input = -1;
    private long output = -1;
    private long cacheRead = -1;
    private long cacheWrite = -1;
    private boolean complete;
    private boolean started;
    private String upstreamError;

    public AnthropicStreamReader(Json json) {
        this.json = json;
    }

    @Override
    public boolean accept(SseFrame frame) {
        String event = frame.event();
        if (event == null) return true;
        switch (event) {
            case "message_start" -> {
                JsonNode data = parse(frame);
                if (data != null) read(data.path("message").path("usage"));
            }
            case "message_delta" -> {
                JsonNode data = parse(frame);
                if (data != null) read(data.path("usage"));
            }
            case "content_block_delta", "content_block_start" -> started = true;
            case "message_stop" -> complete = true;
            case "error" -> {
                JsonNode data = parse(frame);
                upstreamError = data == null
                        ? "unknown"
                        : data.path("error").path("type").asText("unknown");
            }
            default -> {}
        }
        return true;
    }

    private JsonNode parse(SseFrame frame) {
        String data = frame.data();
        return data == null ? null : json.tryParse(data.getBytes(StandardCharsets.UTF_8));
    }

    private void read(JsonNode usage) {
        if (!usage.isObject()) return;
        input = pick(usage, "input_tokens", input);
        output = pick(usage, "output_tokens", output);
        cacheRead = pick(usage, "cache_read_input_tokens", cacheRead);
        cacheWrite = pick(usage, "cache_creation_input_tokens", cacheWrite);
    }

    static long pick(JsonNode usage, String field, long previous) {
        JsonNode n = usage.get(field);
        return n != null && n.isNumber() ? n.asLong() : previous;
    }

    @Override
    public Usage usage() {
        return new Usage(input, output, cacheRead, cacheWrite);
    }

    @Override
    public boolean complete() {
        return complete;
    }

    @Override
    public String upstreamError() {
        return upstreamError;
    }

    @Override
    public boolean started() {
        return started;
    }

    /** Usage from the {@code usage} object of a Messages response. */
    public static Usage usageOf(JsonNode usage) {
        if (usage == null || !usage.isObject()) return Usage.UNKNOWN;
        return new Usage(
                pick(usage, "input_tokens", -1),
                pick(usage, "output_tokens", -1),
                pick(usage, "cache_read_input_tokens", -1),
                pick(usage, "cache_creation_input_tokens", -1));
    }
}
