package dev.sovereign.classify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sovereign.classify.internal.ApiVocabulary;
import java.io.IOException;

/**
 * The one reading of a request body: JSON parsed so strictly that the bytes received and the tree built from them
 * say the same thing to every reader. What a lenient parser and a provider could read differently is refused: a
 * duplicate key at any depth (Jackson would keep the last, a provider may keep the first), anything after the JSON
 * value, a byte-order mark, bytes that are not UTF-8 (overlong forms and encoded surrogates included), a NUL byte,
 * and a {@code \}{@code u} escape that leaves a lone surrogate. Once a body has passed, its raw bytes may be forwarded
 * in place of the tree: they are that tree.
 *
 * <p>Numbers keep their exact value (integers as integers of any size, fractions as {@link java.math.BigDecimal}), so
 * that a value written as a number is classified as the digits it denotes and never becomes {@code Infinity}.
 *
 * <p>Messages name the problem and where it is (a JSON pointer whose keys are shown only when they are words of the
 * APIs, else {@code *}; a line and column), never the text of the request. Thread-safe; one instance per nesting
 * limit.
 */
public final class StrictJson {
    private final ObjectMapper mapper;

    /** @param maxDepth the deepest nesting of arrays and objects accepted */
    public StrictJson(int maxDepth) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth)
                        // the body's size is limited before it is parsed; one long string is no problem
                        .maxStringLength(Integer.MAX_VALUE)
                        .build())
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                // checked as the tree is built, where the object's map says whether a key was there: cheaper than
                // the parser's own detection, which keeps a set of names per object
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .build();
    }

    /** A request body that is not strictly valid JSON; the message is safe to show to the client. */
    public static final class MalformedJsonException extends IllegalArgumentException {
        private final String pointer;

        MalformedJsonException(String message, String pointer) {
            super(message);
            this.pointer = pointer;
        }

        /** Where the problem is, as a JSON pointer with unknown keys shown as {@code *}, or {@code null}. */
        public String pointer() {
            return pointer;
        }
    }

    /**
     * Parses one JSON value, refusing everything a provider could read differently from the tree.
     *
     * @throws MalformedJsonException naming the problem and its position
     */
    public JsonNode parse(byte[] body) {
        boolean surrogateEscapes = Utf8.check(body);
        JsonParser p = null;
        try {
            p = mapper.createParser(body);
            if (p.nextToken() == null) {
                throw new MalformedJsonException("The request body is empty; send a JSON object.", null);
            }
            JsonNode root = mapper.readTree(p);
            JsonToken after;
            try {
                after = p.nextToken();
            } catch (JsonProcessingException e) {
                after = JsonToken.NOT_AVAILABLE;
            }
            if (after != null) {
                throw new MalformedJsonException(
                        "The request body has more after its JSON value" + at(p.currentTokenLocation())
                                + "; send exactly one JSON value.",
                        null);
            }
            if (surrogateEscapes) Surrogates.check(root, "");
            return root;
        } catch (StreamConstraintsException e) {
            String what = e.getOriginalMessage().contains("depth") ? "is nested too deeply" : "has a number too long";
            throw new MalformedJsonException(
                    "The request body " + what + " ("
                            + e.getOriginalMessage().replaceAll("\\(.*", "").trim() + ").",
                    null);
        } catch (JsonProcessingException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
                String pointer = p == null ? null : shown(memberOf(p.getParsingContext(), e.getOriginalMessage()));
                throw new MalformedJsonException(
                        "The request body has the key at " + pointer + " twice" + at(e.getLocation())
                                + "; each key may appear once in an object.",
                        pointer);
            }
            throw new MalformedJsonException("The request body is not valid JSON" + at(e.getLocation()) + ".", null);
        } catch (NumberFormatException | ArithmeticException e) {
            // an exponent beyond what any reader represents (1e99999999999)
            String pointer = p == null ? null : shown(p.getParsingContext());
            throw new MalformedJsonException(
                    "The request body has a number at " + pointer + " that cannot be read"
                            + (p == null ? "" : at(p.currentTokenLocation())) + "; its exponent is too large.",
                    pointer);
        } catch (IOException e) {
            throw new MalformedJsonException("The request body could not be read as JSON.", null);
        } finally {
            if (p != null) {
                try {
                    p.close();
                } catch (IOException ignored) {
                    // a parser over a byte array holds nothing to release
                }
            }
        }
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) return "";
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static final java.util.regex.Pattern DUPLICATE =
            java.util.regex.Pattern.compile("Duplicate field '(.*)' for");

    /**
     * The context whose current name is the duplicated key, named in Jackson's message: the parser may be inside that
     * member's value (an array or an object) when the tree builder finds the key taken.
     */
    private static JsonStreamContext memberOf(JsonStreamContext context, String message) {
        java.util.regex.Matcher m = DUPLICATE.matcher(message);
        if (!m.find()) return context;
        for (JsonStreamContext c = context; c != null; c = c.getParent()) {
            if (c.inObject() && m.group(1).equals(c.getCurrentName())) return c;
        }
        return context;
    }

    /** The pointer of the parser's position, keys outside the APIs' words written {@code *}. */
    private static String shown(JsonStreamContext context) {
        java.util.ArrayDeque<String> steps = new java.util.ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                steps.push(Integer.toString(Math.max(0, c.getCurrentIndex())));
            } else if (c.inObject() && c.getCurrentName() != null) {
                steps.push(ApiVocabulary.isWord(c.getCurrentName()) ? c.getCurrentName() : "*");
            }
        }
        return steps.isEmpty() ? "/" : "/" + String.join("/", steps);
    }

    /**
     * Refuses a string or key that an escape left with an unpaired surrogate; walked only when the body has such
     * escapes ({@code \\uD800}–{@code \\uDFFF}), which well-formed UTF-8 bytes cannot otherwise produce.
     */
    private static final class Surrogates {
        static void check(JsonNode node, String path) {
            if (node.isTextual()) {
                check(node.textValue(), path, "a string");
            } else if (node.isArray()) {
                for (int k = 0; k < node.size(); k++) check(node.get(k), path + "/" + k);
            } else if (node.isObject()) {
                for (var it = node.fields(); it.hasNext(); ) {
                    var field = it.next();
                    String at = path + "/" + (ApiVocabulary.isWord(field.getKey()) ? field.getKey() : "*");
                    check(field.getKey(), at, "a key");
                    check(field.getValue(), at);
                }
            }
        }

        private static void check(String s, String path, String what) {
            for (int i = 0, n = s.length(); i < n; i++) {
                char c = s.charAt(i);
                if (!Character.isSurrogate(c)) continue;
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new MalformedJsonException(
                        "The request body has " + what + " at " + path
                                + " with an unpaired surrogate escape; text must be valid Unicode.",
                        path);
            }
        }
    }

    /**
     * Well-formed UTF-8 as the Unicode Standard defines it (chapter 3, table 3-7): no overlong forms, no encoded
     * surrogates, nothing above U+10FFFF; and no byte-order mark and no NUL byte. Jackson's own decoder checks
     * continuation bytes but accepts the rest, which another reader would decode differently or refuse.
     */
    private static final class Utf8 {
        /** @return whether the body has a {@code \\u} escape of a surrogate, which the tree must then be checked for */
        static boolean check(byte[] b) {
            int n = b.length;
            if (n >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
                throw new MalformedJsonException(
                        "The request body starts with a byte-order mark; send UTF-8 without one.", null);
            }
            boolean surrogateEscapes = false;
            int i = 0;
            while (i < n) {
                // Eight bytes at a time while they are ASCII without a NUL and without a backslash (which may start
                // a surrogate escape): most of any body.
                if (i + 8 <= n) {
                    long w = (long) LONGS.get(b, i);
                    long backslashes = zeroByte(w ^ BACKSLASHES);
                    if (((w & HIGH_BITS) | zeroByte(w) | backslashes) == 0) {
                        i += 8;
                        continue;
                    }
                    long other = (w & HIGH_BITS) | zeroByte(w);
                    if (other == 0) {
                        // ASCII with backslashes (escapes are frequent in prompts): look only where they are. The
                        // test may also mark a byte after a real backslash, which only costs a look.
                        for (long m = backslashes; m != 0; m &= m - 1) {
                            surrogateEscapes |= surrogateEscapeAt(b, i + (Long.numberOfTrailingZeros(m) >>> 3));
                        }
                        i += 8;
                        continue;
                    }
                    // Go straight to the first byte that needs a look: the lowest mark of each test is exact.
                    i += Long.numberOfTrailingZeros(other | backslashes) >>> 3;
                }
                int c = b[i];
                if (c > 0) {
                    if (c == '\\') surrogateEscapes |= surrogateEscapeAt(b, i);
                    i++;
                    continue;
                }
                if (c == 0) {
                    throw new MalformedJsonException(
                            "The request body has a NUL byte (at byte " + i + "); JSON text cannot contain one.", null);
                }
                int lead = c & 0xFF;
                int need;
                int lo = 0x80;
                int hi = 0xBF;
                if (lead >= 0xC2 && lead <= 0xDF) {
                    need = 1;
                } else if (lead >= 0xE0 && lead <= 0xEF) {
                    need = 2;
                    if (lead == 0xE0) lo = 0xA0;
                    if (lead == 0xED) hi = 0x9F;
                } else if (lead >= 0xF0 && lead <= 0xF4) {
                    need = 3;
                    if (lead == 0xF0) lo = 0x90;
                    if (lead == 0xF4) hi = 0x8F;
                } else {
                    throw notUtf8(i);
                }
                if (i + need >= n) throw notUtf8(i);
                int second = b[i + 1] & 0xFF;
                if (second < lo || second > hi) throw notUtf8(i);
                for (int k = 2; k <= need; k++) {
                    if ((b[i + k] & 0xC0) != 0x80) throw notUtf8(i);
                }
                i += need + 1;
            }
            return surrogateEscapes;
        }

        private static final java.lang.invoke.VarHandle LONGS =
                java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
        private static final long ONES = 0x0101010101010101L;
        private static final long HIGH_BITS = 0x8080808080808080L;
        private static final long BACKSLASHES = '\\' * ONES;

        /** Non-zero exactly when a byte of {@code w} is zero (the classic test: no false positives). */
        private static long zeroByte(long w) {
            return (w - ONES) & ~w & HIGH_BITS;
        }

        /** Whether {@code b} has at {@code p} the escape of a surrogate, {@code \\uD800} to {@code \\uDFFF}. */
        private static boolean surrogateEscapeAt(byte[] b, int p) {
            if (p + 3 >= b.length || b[p] != '\\' || b[p + 1] != 'u' || (b[p + 2] | 0x20) != 'd') return false;
            int d = b[p + 3] | 0x20;
            return d == '8' || d == '9' || (d >= 'a' && d <= 'f');
        }

        private static MalformedJsonException notUtf8(int offset) {
            return new MalformedJsonException(
                    "The request body is not valid UTF-8 (at byte " + offset + "); send JSON in UTF-8.", null);
        }
    }
}
