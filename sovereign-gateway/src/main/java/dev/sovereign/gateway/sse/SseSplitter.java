package dev.sovereign.gateway.sse;

import io.vertx.core.buffer.Buffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts a byte stream into complete server-sent events, whatever the chunk boundaries of the transport.
 * A frame ends at a blank line ({@code \n\n} or {@code \r\n\r\n}). Each chunk is copied out of the
 * transport buffer once; the frames it completes are views into that copy. Not thread-safe: one per
 * stream, used on the stream's event loop.
 */
public final class SseSplitter implements FrameSplitter {
    private static final byte[] EMPTY = new byte[0];

    private final Consumer<SseFrame> sink;
    private final int maxFrameBytes;
    private byte[] carry = EMPTY;

    /**
     * @param maxFrameBytes a frame longer than this is a protocol error (guards memory against an upstream
     *     that never ends a frame)
     */
    public SseSplitter(Consumer<SseFrame> sink, int maxFrameBytes) {
        this.sink = sink;
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public void feed(Buffer chunk) {
        byte[] in = chunk.getBytes();
        byte[] buf;
        int scanFrom;
        if (carry.length == 0) {
            buf = in;
            scanFrom = 1;
        } else {
            buf = Arrays.copyOf(carry, carry.length + in.length);
            System.arraycopy(in, 0, buf, carry.length, in.length);
            scanFrom = Math.max(1, carry.length);
        }
        int len = buf.length;
        int frameStart = 0;
        for (int i = scanFrom; i < len; i++) {
            if (buf[i] != '\n') continue;
            byte prev = buf[i - 1];
            boolean end = prev == '\n' || (prev == '\r' && i >= 2 + frameStart && buf[i - 2] == '\n');
            if (end && i > frameStart) {
                sink.accept(new SseFrame(buf, frameStart, i + 1 - frameStart));
                frameStart = i + 1;
            }
        }
        carry = frameStart == len ? EMPTY : Arrays.copyOfRange(buf, frameStart, len);
        if (carry.length > maxFrameBytes) {
            throw new FramingException("The upstream provider sent an event larger than the gateway accepts ("
                    + maxFrameBytes + " bytes).");
        }
    }

    /** Bytes of an unfinished frame still held. */
    public int pendingBytes() {
        return carry.length;
    }
}
