package dev.sovereign.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NumericNode;
import dev.sovereign.classify.TextSegment.Form;
import dev.sovereign.classify.internal.ApiVocabulary;
import dev.sovereign.classify.internal.EncodedPayload;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything of a request body that the classifier reads, each piece with its JSON pointer: every string value and
 * every object key at any depth, in every API and operation, known field or not, and every number as the digits it
 * denotes. Nothing is chosen by field: what leaves is what is read. The only things skipped are keys and values that
 * are exactly one of the APIs' own words ({@link ApiVocabulary}: {@code "role"}, {@code "user"}, {@code
 * "tool_use"}, {@code "image/png"}, …), which carry nothing of the user's.
 *
 * <p>Encoded payloads are decoded: a base64 {@code source} (with its {@code media_type}), {@code input_audio} data,
 * and any {@code data:} URL anywhere. Text payloads ({@code text/*}, JSON, XML, CSV, Markdown, or anything that
 * decodes to text whatever its declared type) become {@link Form#ENCODED_TEXT}, PDFs the text extracted from them
 * ({@link Form#DOCUMENT_TEXT}); what cannot be read as text is a {@link TextSegment#binaryPart binary marker}.
 *
 * <p>Names and ids the APIs constrain (a tool's {@code name}, a tool call's {@code id}, {@code tool_use_id}, {@code
 * tool_call_id}, a message's {@code name}) are {@link Form#IDENTIFIER}s: read like any text, but a value found in them
 * cannot be replaced. Inside data that is the user's own ({@code input} of a tool call, {@code metadata}, schema
 * {@code default}s, {@code enum}s and examples) a key named {@code name} or {@code id} is ordinary text.
 *
 * <p>Segments come in document order, so that consecutive text segments are the request's text in reading order
 * (for the classifier's joined views). Stateless.
 */
public final class RequestText {
    private RequestText() {}

    /** Keys whose string value is a name or id the API constrains (outside the user's own data). */
    private static final Set<String> IDENTIFIER_KEYS = Set.of("id", "name", "tool_use_id", "tool_call_id", "call_id");

    /** Keys under which the data is the user's own, where {@link #IDENTIFIER_KEYS} mean nothing special. */
    private static final Set<String> USER_DATA_KEYS =
            Set.of("input", "metadata", "default", "enum", "const", "examples", "arguments", "properties");

    /** Every classified piece of {@code body}, in document order. */
    public static List<TextSegment> of(JsonNode body) {
        List<TextSegment> out = new Bounded();
        walk(body, new StringBuilder(64), false, out);
        return out;
    }

    /**
     * The most pieces one body may have: every piece is read and held with its pointer while the request is decided,
     * so a body of millions of tiny values ({@code [1,1,1,…]}) would cost far more memory than its bytes. Real
     * requests, tool schemas and long conversations included, have a few thousand.
     */
    public static final int MAX_PIECES = 2_000_000;

    /** A body with more than {@link #MAX_PIECES} pieces to read; the message is safe to show to the client. */
    public static final class TooManyPiecesException extends IllegalArgumentException {
        TooManyPiecesException() {
            super("The request body has more than " + MAX_PIECES
                    + " keys, strings and numbers; the gateway reads every one of them and refuses a body with more.");
        }
    }

    /** The segments of one body, refusing more than {@link #MAX_PIECES}. */
    private static final class Bounded extends ArrayList<TextSegment> {
        @Override
        public boolean add(TextSegment segment) {
            if (size() >= MAX_PIECES) throw new TooManyPiecesException();
            return super.add(segment);
        }
    }

    /**
     * The query string that is forwarded with a request, read as decoded names and values: segment paths are {@code
     * ?name} (the name) and {@code ?name=} (its value). Neither can be replaced.
     */
    public static List<TextSegment> ofQuery(String query) {
        if (query == null || query.isEmpty()) return List.of();
        List<TextSegment> out = new ArrayList<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!name.isEmpty() && !ApiVocabulary.isWord(name)) out.add(new TextSegment("?" + name, name, Form.QUERY));
            if (!value.isEmpty() && !ApiVocabulary.isWord(value)) {
                out.add(new TextSegment("?" + name + "=", value, Form.QUERY));
            }
        }
        return out;
    }

    /** A client header's value that is forwarded upstream; its path is {@code header:<name>}. */
    public static TextSegment ofHeader(String name, String value) {
        return new TextSegment("header:" + name, value, Form.HEADER);
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a malformed escape leaves as it is, so it is read as it is
        }
    }

    /**
     * Walks {@code node}, whose pointer is the content of {@code path}; the pointer of each member is appended to the
     * one builder and taken as a string only when a segment is made, since most members make none.
     */
    private static void walk(JsonNode node, StringBuilder path, boolean userData, List<TextSegment> out) {
        int mark = path.length();
        // one getNodeType() per node rather than isTextual(), isContainerNode() and isNumber() in turn: each is a call
        // on a node of any of Jackson's node classes
        switch (node.getNodeType()) {
            case OBJECT -> {
                String payloadKey = payloadKey(node);
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    String key = field.getKey();
                    JsonNode value = field.getValue();
                    path.setLength(mark);
                    path.append('/');
                    appendEscaped(path, key);
                    // the key's segment and the value's share one pointer string
                    String at = null;
                    if (!ApiVocabulary.isWord(key)) out.add(new TextSegment(at = path.toString(), key, Form.KEY));
                    if (key.equals(payloadKey)) {
                        payload(value.textValue(), mediaType(node), at != null ? at : path.toString(), out);
                        continue;
                    }
                    switch (value.getNodeType()) {
                        case STRING -> {
                            String text = value.textValue();
                            if (skipped(text) || (!userData && ApiVocabulary.isFieldValue(key, text))) continue;
                            boolean identifier = !userData && IDENTIFIER_KEYS.contains(key);
                            string(text, at != null ? at : path.toString(), identifier, out);
                        }
                        case OBJECT, ARRAY -> walk(value, path, userData || USER_DATA_KEYS.contains(key), out);
                        case NUMBER ->
                            out.add(new TextSegment(at != null ? at : path.toString(), numberText(value), Form.NUMBER));
                        default -> {}
                    }
                }
            }
            case ARRAY -> {
                for (int k = 0, n = node.size(); k < n; k++) {
                    JsonNode value = node.get(k);
                    path.setLength(mark);
                    path.append('/').append(k);
                    switch (value.getNodeType()) {
                        case STRING -> {
                            if (!skipped(value.textValue())) string(value.textValue(), path.toString(), false, out);
                        }
                        case OBJECT, ARRAY -> walk(value, path, userData, out);
                        case NUMBER -> out.add(new TextSegment(path.toString(), numberText(value), Form.NUMBER));
                        default -> {}
                    }
                }
            }
            case STRING -> {
                if (!skipped(node.textValue())) string(node.textValue(), path.toString(), false, out);
            }
            case NUMBER -> out.add(new TextSegment(path.toString(), numberText(node), Form.NUMBER));
            default -> {}
        }
        path.setLength(mark);
    }

    /** An empty string, or exactly one of the APIs' words: nothing of the user's. */
    private static boolean skipped(String text) {
        return text.isEmpty() || ApiVocabulary.isWord(text);
    }

    private static void string(String text, String at, boolean identifier, List<TextSegment> out) {
        if (text.length() > 5 && text.regionMatches(true, 0, "data:", 0, 5)) {
            EncodedPayload.Decoded decoded = EncodedPayload.fromDataUrl(text);
            if (decoded != null) {
                out.add(segment(decoded, at));
                return;
            }
        }
        out.add(new TextSegment(at, text, identifier ? Form.IDENTIFIER : Form.TEXT));
    }

    /**
     * The key of {@code object} that holds a base64 payload: {@code data} of a {@code {"type": "base64"}} source, or of
     * an {@code input_audio} part (beside its {@code format}); {@code null} when there is none.
     */
    private static String payloadKey(JsonNode object) {
        JsonNode data = object.get("data");
        if (data == null || !data.isTextual()) return null;
        JsonNode type = object.get("type");
        if (type != null && "base64".equals(type.textValue())) return "data";
        JsonNode format = object.get("format");
        if (type == null && format != null && format.isTextual() && object.size() == 2) return "data";
        return null;
    }

    private static String mediaType(JsonNode object) {
        JsonNode media = object.get("media_type");
        if (media != null && media.isTextual()) return media.textValue();
        JsonNode format = object.get("format");
        if (format != null && format.isTextual()) return "audio/" + format.textValue();
        return null;
    }

    private static void payload(String data, String mediaType, String at, List<TextSegment> out) {
        EncodedPayload.Decoded decoded = EncodedPayload.fromBase64(data, mediaType);
        if (decoded == null) {
            // not base64 after all: whatever it is leaves as it is, so it is read as it is
            if (!skipped(data)) string(data, at, false, out);
            return;
        }
        out.add(segment(decoded, at));
    }

    private static TextSegment segment(EncodedPayload.Decoded decoded, String at) {
        return switch (decoded.kind()) {
            case TEXT -> new TextSegment(at, decoded.text(), Form.ENCODED_TEXT);
            case PDF -> new TextSegment(at, decoded.text(), Form.DOCUMENT_TEXT);
            case BINARY -> TextSegment.binaryPart(at);
        };
    }

    /**
     * The digits a number denotes, as a person would write it: a whole number in plain digits ({@code 4111111111111111}
     * for {@code 4111111111111111.0} or {@code 4.111111111111111e15}), a fraction in plain digits; a number whose plain
     * form would be longer than a value a detector looks for (more than 40 digits before or after the point) in
     * scientific notation, so that {@code 1e-100000000} is not read as a hundred million zeros.
     */
    static String numberText(JsonNode number) {
        if (!(number instanceof NumericNode n) || !n.isBigDecimal()) return number.asText();
        BigDecimal value = n.decimalValue().stripTrailingZeros();
        int integerDigits = value.precision() - value.scale();
        if (value.scale() <= 0 && integerDigits <= MAX_PLAIN_DIGITS)
            return value.toBigIntegerExact().toString();
        if (value.scale() > 0 && value.scale() <= MAX_PLAIN_DIGITS && integerDigits <= MAX_PLAIN_DIGITS) {
            return value.toPlainString();
        }
        return value.toString();
    }

    private static final int MAX_PLAIN_DIGITS = 40;

    private static void appendEscaped(StringBuilder path, String key) {
        if (key.indexOf('~') < 0 && key.indexOf('/') < 0) {
            path.append(key);
        } else {
            path.append(escape(key));
        }
    }

    /** JSON pointer escaping (RFC 6901). */
    static String escape(String key) {
        return key.indexOf('~') < 0 && key.indexOf('/') < 0
                ? key
                : key.replace("~", "~0").replace("/", "~1");
    }
}
