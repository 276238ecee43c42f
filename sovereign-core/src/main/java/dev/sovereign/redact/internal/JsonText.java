package dev.sovereign.redact.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.Arrays;

/**
 * JSON text held in a JSON string, such as OpenAI tool-call arguments: where its string contents and numbers are, so a
 * value found in the raw text can be replaced without breaking the JSON, and the decoding of the values found.
 * Stateless.
 */
public final class JsonText {
    /** Kind of a {@link #tokens} range: the content of a string literal, between its quotes. */
    public static final int STRING = 1;
    /** Kind of a {@link #tokens} range: a number. */
    public static final int NUMBER = 2;
    /** Kind of a {@link #tokens} range: the content of an object key, between its quotes. */
    public static final int KEY = 3;

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonText() {}

    /**
     * The string contents, keys and numbers of {@code text} as triples {@code kind, start, end} in text order, or null when
     * {@code text} is not valid JSON (then it is plain text to its reader, and is redacted as such).
     */
    public static int[] tokens(String text) {
        if (!valid(text)) {
            return null;
        }
        int[] out = new int[24];
        int size = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            int kind;
            int start;
            int end;
            if (c == '"') {
                int j = i + 1;
                while (text.charAt(j) != '"') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                start = i + 1;
                end = j;
                i = j + 1;
                int next = i;
                while (next < n && Character.isWhitespace(text.charAt(next))) {
                    next++;
                }
                kind = next < n && text.charAt(next) == ':' ? KEY : STRING;
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                int j = i + 1;
                while (j < n && isNumberChar(text.charAt(j))) {
                    j++;
                }
                kind = NUMBER;
                start = i;
                end = j;
                i = j;
            } else {
                i++;
                continue;
            }
            if (size + 3 > out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            out[size++] = kind;
            out[size++] = start;
            out[size++] = end;
        }
        return Arrays.copyOf(out, size);
    }

    private static boolean isNumberChar(char c) {
        return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
    }

    private static boolean valid(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                return false;
            }
            while (parser.nextToken() != null) {
                // reads every token, so a syntax error anywhere throws
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * {@code index} moved out of any escape sequence of the string content {@code [start, end)}: to the escape's
     * start when {@code toStart}, else to its end; unchanged when no escape contains it. A span whose boundaries are
     * moved so never splits an escape.
     */
    public static int outsideEscape(String text, int start, int end, int index, boolean toStart) {
        int i = start;
        while (i < end && i < index) {
            int length = escapeLength(text, i, end);
            if (index < i + length) {
                return toStart ? i : i + length;
            }
            i += length;
        }
        return index;
    }

    private static int escapeLength(String text, int i, int end) {
        if (text.charAt(i) != '\\') {
            return 1;
        }
        return Math.min(end - i, text.charAt(i + 1) == 'u' ? 6 : 2);
    }

    /** The value of the raw string content {@code text[start, end)}, escapes decoded. */
    public static String unescape(String text, int start, int end) {
        int backslash = text.indexOf('\\', start);
        if (backslash < 0 || backslash >= end) {
            return text.substring(start, end);
        }
        StringBuilder out = new StringBuilder(end - start);
        int i = start;
        while (i < end) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 >= end) {
                out.append(c);
                i++;
                continue;
            }
            char e = text.charAt(i + 1);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (i + 6 <= end) {
                        out.append((char) Integer.parseInt(text, i + 2, i + 6, 16));
                        i += 6;
                        continue;
                    }
                    out.append(e);
                }
                default -> out.append(e); // \" \\ \/
            }
            i += 2;
        }
        return out.toString();
    }

    /** {@code value} escaped for the inside of a JSON string (quotes, backslashes, control chars); itself if none. */
    public static String escape(String value) {
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                break;
            }
            i++;
        }
        if (i == value.length()) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 8).append(value, 0, i);
        for (; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00")
                                .append(Character.forDigit(c >> 4, 16))
                                .append(Character.forDigit(c & 15, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
