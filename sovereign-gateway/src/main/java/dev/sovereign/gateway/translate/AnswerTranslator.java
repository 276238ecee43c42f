package dev.sovereign.gateway.translate;

import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.sse.SseFrame;
import dev.sovereign.gateway.wire.GatewayFailure;
import java.util.function.Consumer;

/**
 * Turns an answer that arrives in the upstream's wire format into the client's, for a request the gateway
 * translated: stream events one by one as they come, or a whole body. The {@link Forwarder} reads usage and
 * completion from the upstream's frames before they pass here, and restores pseudonyms after, in the client's
 * format. Error responses (HTTP status 400 and above) do not pass here: {@code UpstreamErrors} rewrites them. Not
 * thread-safe: one per answer, on its event loop.
 */
public interface AnswerTranslator {
    /** The wire format the answer arrives in. */
    WireFormat upstream();

    /**
     * Sends to {@code out}, in order, the client's frames for one upstream frame: none, one or several (an upstream
     * frame the client's format has no equivalent for is left out; the end of an answer may take several).
     */
    void frame(SseFrame frame, Consumer<SseFrame> out);

    /**
     * A whole successful non-streamed answer in the client's format.
     *
     * @throws GatewayFailure when the upstream's answer cannot be expressed in the client's format
     */
    byte[] body(byte[] body);
}
