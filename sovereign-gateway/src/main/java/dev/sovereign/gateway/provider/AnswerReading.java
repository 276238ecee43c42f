package dev.sovereign.gateway.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.wire.Usage;
import io.vertx.core.buffer.Buffer;

/**
 * What forwarding needs of the egress stage, declared here and implemented there ({@code egress.AnswerReaders}): how
 * to read an upstream's answer in its own format, and how to put an upstream's error into the client's.
 */
public interface AnswerReading {
    /** A reader of one streamed answer in {@code upstreamApi}'s format. */
    StreamReader streamReader(WireFormat upstreamApi, boolean hideUsageChunk);

    /** The usage object of a whole answer in {@code upstreamApi}'s format. */
    Usage usageOf(WireFormat upstreamApi, JsonNode usage);

    /** An upstream's error body in the client's format ({@code anthropicType}: the type its error name maps to, or null). */
    Buffer normalisedError(
            WireFormat api, WireFormat upstreamApi, int status, byte[] body, String requestId, String anthropicType);

    /** An error an adapter stated ({@link ProviderError}) in the client's format. */
    Buffer statedError(WireFormat api, ProviderError error, byte[] body, String requestId);
}
