package dev.sovereign.gateway.egress;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.provider.AnswerReading;
import dev.sovereign.gateway.provider.ProviderError;
import dev.sovereign.gateway.provider.StreamReader;
import dev.sovereign.gateway.wire.Json;
import dev.sovereign.gateway.wire.Usage;
import io.vertx.core.buffer.Buffer;

/** The egress stage as forwarding sees it: the stream readers of each format and {@link UpstreamErrors}. */
public final class AnswerReaders implements AnswerReading {
    private final Json json;
    private final UpstreamErrors errors;

    public AnswerReaders(Json json, UpstreamErrors errors) {
        this.json = json;
        this.errors = errors;
    }

    @Override
    public StreamReader streamReader(WireFormat upstreamApi, boolean hideUsageChunk) {
        return upstreamApi == WireFormat.ANTHROPIC
                ? new AnthropicStreamReader(json)
                : new OpenAiStreamReader(json, hideUsageChunk);
    }

    @Override
    public Usage usageOf(WireFormat upstreamApi, JsonNode usage) {
        return upstreamApi == WireFormat.ANTHROPIC
                ? AnthropicStreamReader.usageOf(usage)
                : OpenAiStreamReader.usageOf(usage);
    }

    @Override
    public Buffer normalisedError(
            WireFormat api, WireFormat upstreamApi, int status, byte[] body, String requestId, String anthropicType) {
        return errors.normalise(api, upstreamApi, status, body, requestId, anthropicType);
    }

    @Override
    public Buffer statedError(WireFormat api, ProviderError error, byte[] body, String requestId) {
        return errors.body(api, error, body, requestId);
    }
}
