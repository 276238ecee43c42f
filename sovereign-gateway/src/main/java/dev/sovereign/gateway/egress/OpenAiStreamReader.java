package dev.sovereign.gateway.egress;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.gateway.provider.StreamReader;
import dev.sovereign.gateway.sse.SseFrame;
import dev.sovereign.gateway.wire.Json;
import dev.sovereign.gateway.wire.Usage;
import java.nio.charset.StandardCharsets;

/**
 * Reads an OpenAI Chat Completions stream: usage from the chunk that carries it (with
 * {@code stream_options.include_usage}, a last chunk with empty {@code choices}), completion at
 * {@code data: [DONE]}. When the gateway asked for the usage chunk on its own account, that chunk is
 * withheld from the client. Only frames that mention {@code "usage":{} are parsed.
 */
public final class OpenAiStreamReader implements StreamReader {
    private final Json json;
    private final boolean hideUsageChunk;
    private long input = -1;
    private long output = -1;
    private long cached = -1;
    private boolean complete;
    private boolean started;
    private String upstreamError;

    public OpenAiStreamReader(Json json, boolean hideUsageChunk) {
        this.json = json;
        this.hideUsageChunk = hideUsageChunk;
    }

    private static final byte[] DONE = ascii("[DONE]");
    private static final byte[] ERROR = ascii("{\"error\"");
    private static final byte[] USAGE = ascii("\"usage\":{");
    private static final byte[] USAGE_SPACED = ascii("\"usage\": {");
    private static final byte[] DELTA = ascii("\"delta\"");

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public boolean accept(SseFrame frame) {
        // Most frames are content deltas: decided on their bytes, never decoded.
        if (frame.dataStartsWith(DONE)) {
            complete = true;
            return true;
        }
        if (frame.dataStartsWith(ERROR)) {
            String data = frame.data();
            JsonNode error = data == null ? null : json.tryParse(data.getBytes(StandardCharsets.UTF_8));
            upstreamError =
                    error == null ? "unknown" : error.path("error").path("type").asText("unknown");
            return true;
        }
        if (!frame.contains(USAGE) && !frame.contains(USAGE_SPACED)) {
            if (!started && frame.contains(DELTA)) started = true;
            return true;
        }
        String data = frame.data();
        JsonNode chunk = data == null ? null : json.tryParse(data.getBytes(StandardCharsets.UTF_8));
        if (chunk == null) return true;
        Usage u = usageOf(chunk.get("usage"));
        if (u.known()) {
            input = u.inputTokens();
            output = u.outputTokens();
            cached = u.cacheReadTokens();
        }
        JsonNode choices = chunk.path("choices");
        boolean usageOnly = choices.isArray() && choices.isEmpty();
        if (!usageOnly) started = true;
        return !(hideUsageChunk && usageOnly);
    }

    @Override
    public Usage usage() {
        return new Usage(input, output, cached, -1);
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

    /** Usage from the {@code usage} object of a chat completion, chunk or embeddings response. */
    public static Usage usageOf(JsonNode usage) {
        if (usage == null || !usage.isObject()) return Usage.UNKNOWN;
        long cachedTokens =
                usage.path("prompt_tokens_details").path("cached_tokens").asLong(-1);
        JsonNode completion = usage.get("completion_tokens");
        return new Usage(
                usage.path("prompt_tokens").asLong(-1),
                completion != null && completion.isNumber() ? completion.asLong() : -1,
                cachedTokens,
                -1);
    }
}
