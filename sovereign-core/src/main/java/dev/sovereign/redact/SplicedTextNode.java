package dev.sovereign.redact;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import java.io.IOException;
import java.io.Reader;

/**
 * A JSON string that is a text with some of its stretches replaced, kept as the original text, the replaced ranges
 * and their replacements until something reads it. Serialising it streams the pieces to the generator, so a
 * rewritten message is copied once, into the output, instead of being assembled into a new string first (and widened
 * to UTF-16 when a replacement is not Latin-1, as a placeholder's brackets are not). {@link #textValue()} builds the
 * string on first use and keeps it.
 *
 * <p>Equal to another node holding the same text only if that node is also a {@code SplicedTextNode}; compare
 * {@link #textValue()} with a {@link TextNode}'s. Immutable once built; safe to share.
 */
public final class SplicedTextNode extends ValueNode {
    private static final long serialVersionUID = 1L;

    private final String text;
    private final int[] ranges; // start, end of each replaced range, in order, not overlapping
    private final String[] replacements;
    private final int length;
    private transient String joined;

    /**
     * @param ranges {@code 2 × n} offsets into {@code text}: the start and end of each replaced range, ascending
     * @param replacements the {@code n} replacements; both arrays are kept, not copied
     */
    SplicedTextNode(String text, int[] ranges, String[] replacements) {
        this.text = text;
        this.ranges = ranges;
        this.replacements = replacements;
        int len = text.length();
        for (int k = 0; k < replacements.length; k++)
            len += replacements[k].length() - (ranges[2 * k + 1] - ranges[2 * k]);
        this.length = len;
    }

    @Override
    public JsonNodeType getNodeType() {
        return JsonNodeType.STRING;
    }

    @Override
    public JsonToken asToken() {
        return JsonToken.VALUE_STRING;
    }

    @Override
    public String textValue() {
        String s = joined;
        if (s == null) {
            StringBuilder sb = new StringBuilder(length);
            int copied = 0;
            for (int k = 0; k < replacements.length; k++) {
                sb.append(text, copied, ranges[2 * k]).append(replacements[k]);
                copied = ranges[2 * k + 1];
            }
            s = sb.append(text, copied, text.length()).toString();
            joined = s;
        }
        return s;
    }

    @Override
    public String asText() {
        return textValue();
    }

    /** Length of the text in chars. */
    public int length() {
        return length;
    }

    @Override
    public void serialize(JsonGenerator g, SerializerProvider provider) throws IOException {
        String s = joined;
        if (s != null) {
            g.writeString(s);
        } else {
            g.writeString(new PieceReader(), length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o == this
                || (o instanceof SplicedTextNode other && other.textValue().equals(textValue()));
    }

    @Override
    public int hashCode() {
        return textValue().hashCode();
    }

    /** Where piece {@code p} (alternately a stretch of the text and a replacement, ending with the tail) is. */
    private String source(int p) {
        return (p & 1) == 0 ? text : replacements[p >> 1];
    }

    private int from(int p) {
        int k = p >> 1;
        return (p & 1) == 1 ? 0 : k == 0 ? 0 : ranges[2 * k - 1];
    }

    private int to(int p) {
        int k = p >> 1;
        return (p & 1) == 1 ? replacements[k].length() : k < replacements.length ? ranges[2 * k] : text.length();
    }

    /**
     * Reads the pieces in order. A read never ends between the two halves of a surrogate pair while more text
     * follows, because the generator encodes each chunk on its own.
     */
    private final class PieceReader extends Reader {
        private final int pieces = 2 * replacements.length + 1;
        private int piece;
        private int at; // offset within the current piece
        private int pos; // chars read so far

        @Override
        public int read(char[] buf, int off, int len) {
            if (pos == length) return -1;
            int n = 0;
            while (n < len && piece < pieces) {
                int from = from(piece) + at;
                int avail = to(piece) - from;
                if (avail <= 0) {
                    piece++;
                    at = 0;
                    continue;
                }
                int take = Math.min(avail, len - n);
                source(piece).getChars(from, from + take, buf, off + n);
                n += take;
                at += take;
            }
            pos += n;
            if (n > 1 && pos < length && Character.isHighSurrogate(buf[off + n - 1])) {
                n--;
                pos--;
                at--;
            }
            return n;
        }

        @Override
        public void close() {}
    }
}
