package dev.sovereign.classify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.classify.internal.ApiVocabulary;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

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
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final JsonFactory factory;

    /** @param maxDepth the deepest nesting of arrays and objects accepted */
    public StrictJson(int maxDepth) {
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth)
                        // the body's size is limited before it is parsed; one long string is no problem
                        .maxStringLength(Integer.MAX_VALUE)
                        .build())
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
        checkEncoding(body);
        try (JsonParser p = factory.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == null) throw new MalformedJsonException("The request body is empty; send a JSON object.", null);
            Path path = new Path();
            JsonNode root = value(p, first, path);
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
            return root;
        } catch (StreamConstraintsException e) {
            String what = e.getOriginalMessage().contains("depth") ? "is nested too deeply" : "has a number too long";
            throw new MalformedJsonException(
                    "The request body " + what + " ("
                            + e.getOriginalMessage().replaceAll("\\(.*", "").trim() + ").",
                    null);
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException("The request body is not valid JSON" + at(e.getLocation()) + ".", null);
        } catch (IOException e) {
            throw new MalformedJsonException("The request body could not be read as JSON.", null);
        }
    }

    private static JsonNode value(JsonParser p, JsonToken token, Path path) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                JsonToken t;
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    path.push(name);
                    checkSurrogates(name, path, p, "a key");
                    JsonNode child = value(p, p.nextToken(), path);
                    if (object.replace(name, child) != null) {
                        throw new MalformedJsonException(
                                "The request body has the key at " + path.pointer() + " twice"
                                        + at(p.currentTokenLocation())
                                        + "; each key may appear once in an object.",
                                path.pointer());
                    }
                    path.pop();
                }
                if (t != JsonToken.END_OBJECT) throw new JsonParseFailure(p);
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                JsonToken t;
                int index = 0;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == null) throw new JsonParseFailure(p);
                    path.push(index++);
                    array.add(value(p, t, path));
                    path.pop();
                }
                return array;
            }
            case VALUE_STRING -> {
                String text = p.getText();
                checkSurrogates(text, path, p, "a string");
                return NODES.textNode(text);
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                try {
                    return NODES.numberNode(p.getDecimalValue());
                } catch (NumberFormatException | ArithmeticException e) {
                    // an exponent beyond what any reader represents (1e99999999999)
                    throw new MalformedJsonException(
                            "The request body has a number at " + path.pointer() + " that cannot be read"
                                    + at(p.currentTokenLocation()) + "; its exponent is too large.",
                            path.pointer());
                }
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new JsonParseFailure(p);
        }
    }

    /** A token where the grammar allows none; Jackson reports these itself, this is the safety net. */
    private static final class JsonParseFailure extends JsonProcessingException {
        JsonParseFailure(JsonParser p) {
            super("unexpected token", p.currentTokenLocation());
        }
    }

    private static void checkSurrogates(String s, Path path, JsonParser p, String what) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new MalformedJsonException(
                        "The request body has " + what + " at " + path.pointer()
                                + " with an unpaired surrogate escape" + at(p.currentTokenLocation())
                                + "; text must be valid Unicode.",
                        path.pointer());
            }
        }
    }

    /** Refuses a byte-order mark, NUL bytes and anything that is not well-formed UTF-8. */
    private static void checkEncoding(byte[] body) {
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            throw new MalformedJsonException(
                    "The request body starts with a byte-order mark; send UTF-8 without one.", null);
        }
        int i = 0;
        int n = body.length;
        while (i < n && body[i] > 0) i++;
        if (i == n) return;
        if (body[i] == 0) throw nul(i);
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body, i, n - i);
        CharBuffer out = CharBuffer.allocate(4096);
        try {
            while (true) {
                int from = in.position();
                CoderResult r = decoder.decode(in, out, true);
                out.flip();
                for (int k = 0; k < out.limit(); k++) {
                    if (out.get(k) == 0) throw nul(from);
                }
                out.clear();
                if (r.isError()) r.throwException();
                if (r.isUnderflow()) break;
            }
            CoderResult r = decoder.flush(out);
            if (r.isError()) r.throwException();
        } catch (CharacterCodingException e) {
            throw new MalformedJsonException(
                    "The request body is not valid UTF-8 (at byte " + in.position() + "); send JSON in UTF-8.", null);
        }
    }

    private static MalformedJsonException nul(int offset) {
        return new MalformedJsonException(
                "The request body has a NUL byte (near byte " + offset + "); JSON text cannot contain one.", null);
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) return "";
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** The path to the value being read, as a JSON pointer in which keys outside the APIs' words read {@code *}. */
    private static final class Path {
        private final StringBuilder pointer = new StringBuilder();
        private int[] marks = new int[16];
        private int depth;

        void push(String key) {
            mark();
            pointer.append('/');
            if (ApiVocabulary.isWord(key)) pointer.append(key);
            else pointer.append('*');
        }

        void push(int index) {
            mark();
            pointer.append('/').append(index);
        }

        private void mark() {
            if (depth == marks.length) marks = java.util.Arrays.copyOf(marks, depth * 2);
            marks[depth++] = pointer.length();
        }

        void pop() {
            pointer.setLength(marks[--depth]);
        }

        String pointer() {
            return pointer.isEmpty() ? "/" : pointer.toString();
        }
    }
}
