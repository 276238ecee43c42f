package dev.sovereign.gateway.provider;

import dev.sovereign.gateway.sse.SseFrame;
import dev.sovereign.gateway.wire.Usage;

/**
 * Follows one streamed answer in its wire format: sees every frame, says which ones the client
 * receives, and keeps the token usage. Not thread-safe; one per stream, on its event loop.
 */
public interface StreamReader {
    /** Returns false to withhold this frame from the client. */
    boolean accept(SseFrame frame);

    Usage usage();

    /** True once the upstream has signalled the normal end of the answer. */
    boolean complete();

    /** True once a frame carried answer content (text, tool input). */
    boolean started();

    /** The error type of an in-stream error event the upstream sent, or {@code null}. */
    String upstreamError();
}
