package dev.sovereign.gateway.sse;

import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/**
 * Cuts a byte stream into complete server-sent events, whatever the chunk boundaries of the transport.
 * A frame ends at a blank line ({@code \n\n} or {@code \r\n\r\n}). Not thread-safe: one per stream, used
 * on the stream's event loop.
 */
public final class SseSplitter {
    private final Consumer<SseFrame> sink;
    private final int maxFrameBytes;
    private Buffer pending = Buffer.buffer();
    private int scanFrom;

    /**
     * @param maxFrameBytes a frame longer than this is a protocol error (guards memory against an upstream
     *     that never ends a frame)
     */
    public SseSplitter(Consumer<SseFrame> sink, int maxFrameBytes) {
        this.sink = sink;
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Feeds the next chunk; every frame it completes goes to the sink, in order. */
    public void feed(Buffer chunk) {
        if (pending.length() == 0 && scanFrom == 0) {
            pending = chunk.copy();
        } else {
            pending.appendBuffer(chunk);
        }
        int len = pending.length();
        int frameStart = 0;
        for (int i = Math.max(scanFrom, 1); i < len; i++) {
            if (pending.getByte(i) != '\n') continue;
            byte prev = pending.getByte(i - 1);
            boolean end = prev == '\n' || (prev == '\r' && i >= 2 + frameStart && pending.getByte(i - 2) == '\n');
            if (end && i > frameStart) {
                sink.accept(new SseFrame(pending.getBuffer(frameStart, i + 1)));
                frameStart = i + 1;
            }
        }
        if (frameStart == len) {
            pending = Buffer.buffer();
            scanFrom = 0;
        } else {
            if (frameStart > 0) pending = pending.getBuffer(frameStart, len);
            scanFrom = pending.length();
            if (pending.length() > maxFrameBytes) {
                throw new IllegalStateException("an event-stream frame exceeds " + maxFrameBytes + " bytes");
            }
        }
    }

    /** Bytes of an unfinished frame still held. */
    public int pendingBytes() {
        return pending.length();
    }
}
