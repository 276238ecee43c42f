package dev.sovereign.gateway.provider;

import dev.sovereign.gateway.sse.SseFrame;
import dev.sovereign.redact.RestoreCounts;
import io.vertx.core.buffer.Buffer;

/**
 * Puts pseudonymized values back into an answer, in its wire format, before the client sees it. For a stream,
 * each frame is rewritten as it passes: text that cannot be part of a placeholder leaves at once, only a possible
 * placeholder cut by the end of a delta waits for the next one, and what is held when a block or choice ends is
 * sent just before its end. Not thread-safe: one per answer, on its event loop.
 */
public interface AnswerRestorer {
    /** Appends to {@code out} what the client receives for {@code frame}: the frame rewritten, more, or nothing. */
    void frame(SseFrame frame, Buffer out);

    /** A whole non-streamed answer (a JSON body), restored. */
    byte[] body(byte[] body);

    /** What was restored, and placeholders that could not be. */
    RestoreCounts counts();
}
