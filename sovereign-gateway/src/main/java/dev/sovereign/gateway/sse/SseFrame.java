package dev.sovereign.gateway.sse;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * One complete server-sent event as it came off the wire, kept byte for byte so that it can be relayed
 * unchanged; its {@code event:} name and {@code data:} payload are decoded on demand.
 */
public final class SseFrame {
    private final Buffer raw;
    private String event;
    private String data;
    private boolean decoded;

    public SseFrame(Buffer raw) {
        this.raw = raw;
    }

    /** The exact bytes of the frame, including its terminating blank line. */
    public Buffer raw() {
        return raw;
    }

    /** The {@code event:} field, or {@code null} when the frame has none (OpenAI streams). */
    public String event() {
        decode();
        return event;
    }

    /** The {@code data:} lines joined by newlines, or {@code null} when the frame has none. */
    public String data() {
        decode();
        return data;
    }

    private void decode() {
        if (decoded) return;
        decoded = true;
        String text = raw.toString(StandardCharsets.UTF_8);
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
        return new SseFrame(Buffer.buffer(text, "UTF-8"));
    }
}
