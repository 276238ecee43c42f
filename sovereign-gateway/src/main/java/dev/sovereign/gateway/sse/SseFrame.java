package dev.sovereign.gateway.sse;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * One complete server-sent event as it came off the wire, kept byte for byte so that it can be relayed
 * unchanged; its {@code event:} name and {@code data:} payload are decoded on demand.
 */
public final class SseFrame {
    private final byte[] bytes;
    private final int offset;
    private final int length;
    private String event;
    private String data;
    private boolean decoded;

    /** A frame over {@code length} bytes of {@code bytes} from {@code offset}; the array is not copied. */
    public SseFrame(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
    }

    /** The exact bytes of the frame, including its terminating blank line, as a new buffer. */
    public Buffer raw() {
        return Buffer.buffer(java.util.Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /** Appends the exact bytes of the frame to {@code out}. */
    public void appendTo(Buffer out) {
        out.appendBytes(bytes, offset, length);
    }

    public int length() {
        return length;
    }

    /**
     * The {@code event:} field, or {@code null} when the frame has none (OpenAI streams). When it is the
     * first line, as upstreams write it, only that line is decoded.
     */
    public String event() {
        if (!decoded && event == null && startsWith(0, EVENT)) {
            int end = indexOf((byte) '\n', EVENT.length);
            if (end < 0) end = length;
            int from = EVENT.length < length && byteAt(EVENT.length) == ' ' ? EVENT.length + 1 : EVENT.length;
            int to = end > from && byteAt(end - 1) == '\r' ? end - 1 : end;
            event = new String(bytes, offset + from, to - from, StandardCharsets.UTF_8);
            return event;
        }
        decode();
        return event;
    }

    private static final byte[] EVENT = "event:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

    /**
     * True when the frame is a single {@code data:} field starting with {@code prefix}, checked on the
     * bytes without decoding the frame.
     */
    public boolean dataStartsWith(byte[] prefix) {
        if (!startsWith(0, DATA)) return false;
        int at = DATA.length < length && byteAt(DATA.length) == ' ' ? DATA.length + 1 : DATA.length;
        return startsWith(at, prefix);
    }

    /** True when the frame's bytes contain {@code needle}, checked without decoding the frame. */
    public boolean contains(byte[] needle) {
        int last = offset + length - needle.length;
        byte first = needle[0];
        outer:
        for (int i = offset; i <= last; i++) {
            if (bytes[i] != first) continue;
            for (int j = 1; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) continue outer;
            }
            return true;
        }
        return false;
    }

    private boolean startsWith(int at, byte[] prefix) {
        if (length < at + prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + at + i] != prefix[i]) return false;
        }
        return true;
    }

    private int indexOf(byte b, int from) {
        for (int i = from; i < length; i++) {
            if (bytes[offset + i] == b) return i;
        }
        return -1;
    }

    private byte byteAt(int i) {
        return bytes[offset + i];
    }

    /** The {@code data:} lines joined by newlines, or {@code null} when the frame has none. */
    public String data() {
        decode();
        return data;
    }

    private void decode() {
        if (decoded) return;
        decoded = true;
        String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
        StringBuilder dataLines = null;
        int start = 0;
        int n = text.length();
        while (start < n) {
            int end = text.indexOf('\n', start);
            if (end < 0) end = n;
            int lineEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            String line = text.substring(start, lineEnd);
            if (line.startsWith("event:")) {
                event = value(line, 6);
            } else if (line.startsWith("data:")) {
                if (dataLines == null) dataLines = new StringBuilder();
                else dataLines.append('\n');
                dataLines.append(value(line, 5));
            }
            start = end + 1;
        }
        data = dataLines == null ? null : dataLines.toString();
    }

    private static String value(String line, int from) {
        return line.length() > from && line.charAt(from) == ' ' ? line.substring(from + 1) : line.substring(from);
    }

    /** A frame built by the gateway itself. */
    public static SseFrame of(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new SseFrame(b, 0, b.length);
    }
}
