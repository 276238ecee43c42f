package dev.sovereign.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sovereign.classify.Classification;
import dev.sovereign.classify.Finding;
import dev.sovereign.classify.TextSegment;
import dev.sovereign.redact.internal.JsonText;
import dev.sovereign.redact.internal.Parts;
import dev.sovereign.redact.internal.PlaceholderScanner;
import dev.sovereign.redact.internal.Spans;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Replaces the values a classification found in a request body, in place, before the body goes to a provider: by
 * their category ({@link RedactionMode#MASK}, irreversible) or by placeholders ({@link RedactionMode#PSEUDONYMIZE},
 * restored in the answer by {@link Pseudonyms#restorer()}). See {@link Placeholder} for the placeholder form.
 *
 * <p>Design: each {@link TextSegment} carries the JSON pointer of the value it is the whole of (any string of the body,
 * a number, a decoded payload), so the redactor rewrites that value and sets it back at the pointer; segments without a
 * selected finding are not touched. A number becomes a string with its placeholder; the decoded text of a base64 or
 * {@code data:} payload is rewritten and encoded again in the payload's own form. Segments whose values cannot be
 * replaced (object keys, identifiers the API constrains, text extracted from a PDF, the query string and headers) are
 * refused with an exception: callers check {@link #unreplaceable} first and refuse the request instead. Overlapping findings become one replaced span,
 * named by the longest (see {@link Spans}), so no char of any selected finding stays in clear.
 *
 * <p>OpenAI tool-call arguments ({@code /messages/N/tool_calls/M/function/arguments}) are JSON text inside a JSON
 * string, and were classified as raw text. When they are valid JSON, a value inside a string literal is read with its
 * escapes decoded (so {@code O\"Brien} is the value {@code O"Brien}, the same as in a plain message) and its span is
 * widened so as never to split an escape; a value that is a JSON number is replaced with a quoted placeholder, so the
 * arguments stay valid JSON; a finding that crosses the JSON structure (an address spread over two fields) is cut into
 * its parts inside string values and numbers, each replaced on its own, and the keys between them stay (a key that
 * is itself a finding, such as an email keying a map, is replaced). Arguments that are not valid JSON are plain text.
 *
 * <p>Placeholders the request already contains, in any form the restorer recognises ({@code ⟦EMAIL_1⟧},
 * {@code [EMAIL_1]}, …), are never issued to a value of that request, so an answer that repeats the user's own text is
 * not "restored" into a value.
 *
 * <p>Pure and thread-safe: everything lives in the call, and only the body passed in is modified. Anthropic
 * {@code thinking} blocks are rewritten like any text, which breaks their signature: a policy that pseudonymizes a
 * conversation carrying signed thinking must expect the provider to refuse it.
 */
public final class Redactor {
    private static final Pattern TOOL_ARGUMENTS = Pattern.compile("/messages/\\d+/tool_calls/\\d+/function/arguments");

    public Redactor() {}

    /**
     * Replaces, in {@code body}, every finding of {@code classification} whose category {@code categories} selects.
     *
     * @param body the request body {@code classification} was made from; modified in place
     * @throws IllegalArgumentException when a segment's pointer no longer leads to the text that was classified
     */
    public Redaction redact(
            ObjectNode body, Classification classification, RedactionMode mode, CategorySelector categories) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(categories, "categories");
        Map<String, Integer> counts = new HashMap<>();
        PseudonymIssuer issuer = null;
        for (Classification.SegmentFindings segmentFindings : classification.segments()) {
            List<Finding> selected = selected(segmentFindings.findings(), categories);
            if (selected.isEmpty()) {
                continue;
            }
            if (mode == RedactionMode.PSEUDONYMIZE && issuer == null) {
                issuer = new PseudonymIssuer(placeholdersIn(classification));
            }
            TextSegment segment = segmentFindings.segment();
            if (!segment.replaceable()) {
                throw new IllegalArgumentException(
                        "segment " + segment.path() + ": a " + segment.form().label()
                                + " cannot be replaced; refuse the request instead (see unreplaceable())");
            }
            Slot slot = Slot.of(body, segment);
            String text = segment.text();
            Spans spans = Spans.of(selected);
            if (spans.size() > 0 && spans.end(spans.size() - 1) > text.length()) {
                throw new IllegalArgumentException(
                        "segment " + segment.path() + ": a finding ends after the end of its text");
            }
            if (segment.form() == TextSegment.Form.ENCODED_TEXT) {
                String redacted = rewrite(text, spans, mode, issuer, counts).textValue();
                String encoded = slot.node().textValue();
                slot.set(TextNode.valueOf(TextSegment.reencode(encoded, redacted)));
                continue;
            }
            int[] tokens = isToolArguments(segment.path()) ? JsonText.tokens(text) : null;
            slot.set(
                    tokens == null
                            ? rewrite(text, spans, mode, issuer, counts)
                            : TextNode.valueOf(rewriteJson(text, tokens, spans, mode, issuer, counts)));
        }
        return new Redaction(mode, counts, issuer == null ? Pseudonyms.NONE : issuer.pseudonyms());
    }

    /**
     * A finding a redaction would have to replace where nothing can be replaced.
     *
     * @param path where, with keys that hold data written {@code *} ({@link Classification#shownPointer})
     */
    public record Unreplaceable(String path, TextSegment.Form form, String category) {
        /** Why the request cannot be redacted, for the client: where and what, never the value. */
        public String reason() {
            return "data of category " + category + " was found in a " + form.label() + " at " + path
                    + ", which cannot be replaced without breaking the request";
        }
    }

    /**
     * The first finding that {@code categories} selects in a segment whose values cannot be replaced (an object key,
     * a tool's name, a call id, text extracted from a PDF), or {@code null} when a redaction of these categories can
     * replace everything it selects. A policy that would redact such a finding must refuse the request.
     */
    public static Unreplaceable unreplaceable(Classification classification, CategorySelector categories) {
        for (Classification.SegmentFindings s : classification.segments()) {
            if (s.segment().replaceable()) continue;
            for (Finding f : s.findings()) {
                if (categories.matches(f.category())) {
                    return new Unreplaceable(
                            classification.shownPointer(s.segment().path()),
                            s.segment().form(),
                            f.category());
                }
            }
        }
        return null;
    }

    private static List<Finding> selected(List<Finding> findings, CategorySelector categories) {
        List<Finding> selected = null;
        for (Finding finding : findings) {
            if (categories.matches(finding.category())) {
                if (selected == null) {
                    selected = new ArrayList<>(findings.size());
                }
                selected.add(finding);
            }
        }
        return selected == null ? List.of() : selected;
    }

    static boolean isToolArguments(String path) {
        return path.endsWith("/function/arguments")
                && TOOL_ARGUMENTS.matcher(path).matches();
    }

    /** The text with each span replaced, as a node that writes the pieces when it is serialised. */
    private static JsonNode rewrite(
            String text, Spans spans, RedactionMode mode, PseudonymIssuer issuer, Map<String, Integer> counts) {
        int n = spans.size();
        int[] ranges = new int[2 * n];
        String[] replacements = new String[n];
        for (int k = 0; k < n; k++) {
            int start = spans.start(k);
            int end = spans.end(k);
            String category = spans.category(k);
            ranges[2 * k] = start;
            ranges[2 * k + 1] = end;
            replacements[k] = mode == RedactionMode.MASK
                    ? Placeholder.mask(category)
                    : issuer.placeholder(category, text.substring(start, end));
            counts.merge(category, 1, Integer::sum);
        }
        return new SplicedTextNode(text, ranges, replacements);
    }

    /** {@link #rewrite} for valid JSON text: only string contents and numbers are replaced. */
    private static String rewriteJson(
            String text,
            int[] tokens,
            Spans spans,
            RedactionMode mode,
            PseudonymIssuer issuer,
            Map<String, Integer> counts) {
        Parts out = new Parts(4 * spans.size() + 1);
        int copied = 0;
        int first = 0; // first token that may meet the current span
        for (int k = 0; k < spans.size(); k++) {
            int start = spans.start(k);
            int end = spans.end(k);
            String category = spans.category(k);
            while (first < tokens.length && tokens[first + 2] <= start) {
                first += 3;
            }
            boolean replaced = false;
            for (int t = first; t < tokens.length && tokens[t + 1] < end; t += 3) {
                int kind = tokens[t];
                int tokenStart = tokens[t + 1];
                int tokenEnd = tokens[t + 2];
                if (kind == JsonText.KEY && (start < tokenStart || end > tokenEnd)) {
                    continue; // a key inside a longer finding is structure; a key that is a value is replaced
                }
                int from;
                int to;
                if (kind == JsonText.NUMBER) {
                    from = tokenStart;
                    to = tokenEnd;
                } else {
                    from = JsonText.outsideEscape(text, tokenStart, tokenEnd, Math.max(start, tokenStart), true);
                    to = JsonText.outsideEscape(text, tokenStart, tokenEnd, Math.min(end, tokenEnd), false);
                }
                from = Math.max(from, copied); // a previous span took the same number or escape
                if (from >= to) {
                    continue;
                }
                out.add(text, copied, from);
                String replacement;
                if (mode == RedactionMode.MASK) {
                    replacement = Placeholder.mask(category);
                } else {
                    String value =
                            kind == JsonText.NUMBER ? text.substring(from, to) : JsonText.unescape(text, from, to);
                    replacement = issuer.placeholder(category, value);
                }
                if (kind == JsonText.NUMBER) {
                    out.add("\"").add(JsonText.escape(replacement)).add("\"");
                } else {
                    out.add(JsonText.escape(replacement));
                }
                copied = to;
                replaced = true;
            }
            if (replaced) {
                counts.merge(category, 1, Integer::sum);
            }
        }
        return out.add(text, copied, text.length()).join();
    }

    /** Normalised keys of every placeholder-like text in the request, in any form the restorer recognises. */
    private static Set<String> placeholdersIn(Classification classification) {
        Set<String> keys = null;
        PlaceholderScanner textScanner = new PlaceholderScanner(false);
        PlaceholderScanner jsonScanner = new PlaceholderScanner(true);
        for (Classification.SegmentFindings segmentFindings : classification.segments()) {
            String text = segmentFindings.segment().text();
            PlaceholderScanner scanner =
                    isToolArguments(segmentFindings.segment().path()) ? jsonScanner : textScanner;
            int i = scanner.next(text, 0, text.length());
            while (i >= 0) {
                int after = scanner.match(text, i, text.length());
                if (after >= 0) {
                    if (keys == null) {
                        keys = new HashSet<>();
                    }
                    keys.add(scanner.key().toString());
                    i = scanner.next(text, after, text.length());
                } else {
                    i = scanner.next(text, i + 1, text.length());
                }
            }
        }
        return keys == null ? Set.of() : keys;
    }

    /** Where a segment's string sits in the body: its parent container and its name or index there. */
    private record Slot(JsonNode parent, String property, int index, JsonNode node) {
        /** Walks the segment's JSON pointer (RFC 6901) and checks that it leads to the text that was classified. */
        static Slot of(ObjectNode body, TextSegment segment) {
            String path = segment.path();
            JsonNode node = body;
            Slot slot = null;
            int at = 0;
            while (node != null && at < path.length() && path.charAt(at) == '/') {
                int next = path.indexOf('/', at + 1);
                if (next < 0) {
                    next = path.length();
                }
                String token = token(path, at + 1, next);
                if (node instanceof ObjectNode object) {
                    String name = token.indexOf('~') < 0
                            ? token
                            : token.replace("~1", "/").replace("~0", "~");
                    slot = new Slot(object, name, -1, null);
                    node = object.get(name);
                } else if (node instanceof ArrayNode array) {
                    int index = index(token);
                    slot = new Slot(array, null, index, null);
                    node = index < 0 ? null : array.get(index);
                } else {
                    node = null;
                }
                at = next;
            }
            boolean holds = node != null
                    && switch (segment.form()) {
                        case NUMBER -> node.isNumber();
                        case ENCODED_TEXT -> node.isTextual();
                        default -> node.isTextual() && node.textValue().equals(segment.text());
                    };
            if (slot == null || at != path.length() || !holds) {
                throw new IllegalArgumentException(
                        "segment " + path + ": the body does not hold the text that was classified there");
            }
            return new Slot(slot.parent, slot.property, slot.index, node);
        }

        /** Names of the pointers' usual steps, whose hash codes are computed once. */
        private static final String[] NAMES = {
            "messages", "content", "text", "system", "input", "tool_calls", "function", "arguments", "source", "data"
        };

        private static String token(String path, int from, int to) {
            for (String name : NAMES) {
                if (name.length() == to - from && path.startsWith(name, from)) {
                    return name;
                }
            }
            return path.substring(from, to);
        }

        private static int index(String token) {
            if (token.isEmpty() || token.length() > 9 || (token.length() > 1 && token.charAt(0) == '0')) {
                return -1;
            }
            int value = 0;
            for (int i = 0; i < token.length(); i++) {
                char c = token.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                value = value * 10 + (c - '0');
            }
            return value;
        }

        void set(JsonNode text) {
            if (parent instanceof ObjectNode object) {
                object.set(property, text);
            } else {
                ((ArrayNode) parent).set(index, text);
            }
        }
    }
}
