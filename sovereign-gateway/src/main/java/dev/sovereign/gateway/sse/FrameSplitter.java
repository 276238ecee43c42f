package dev.sovereign.gateway.sse;

import io.vertx.core.buffer.Buffer;

/**
 * Cuts an upstream's streamed answer into whole server-sent events, whatever the chunk boundaries of the transport
 * and whatever the upstream's own framing (SSE itself, or a binary framing re-emitted as SSE). Not thread-safe: one
 * per stream, on the stream's event loop.
 */
public interface FrameSplitter {
    /**
     * Feeds the next chunk; every frame it completes goes to the splitter's sink, in order.
     *
     * @throws FramingException when the bytes cannot be framed; the stream cannot go on
     */
    void feed(Buffer chunk);
}
