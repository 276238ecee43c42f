package dev.sovereign.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sovereign.redact.internal.JsonText;
import dev.sovereign.redact.internal.Parts;
import dev.sovereign.redact.internal.PlaceholderScanner;
import java.util.Map;
import java.util.Objects;

/**
 * Puts the values of a request back into its answer: in whole texts, in JSON text such as tool-call arguments, in the
 * string leaves of a JSON tree, and in streams of deltas ({@link #stream}, {@link #jsonStream}).
 *
 * <p>Besides the issued form {@code ⟦EMAIL_1⟧}, it restores the variants a model may write: another case
 * ({@code ⟦email_1⟧}), spaces inside the brackets or instead of the underscore ({@code ⟦ EMAIL 1 ⟧}), a hyphen,
 * leading zeros, other brackets ({@code 【…】}, {@code [[…]]}, {@code […]}) and Markdown escapes
 * ({@code ⟦EMAIL\_1⟧}, {@code \[\[EMAIL\_1\]\]}; in JSON text also {@code \}{@code u27e6}). These are unambiguous:
 * the normalised {@code TYPE_N} must name a value of this request. Text of that shape that names no value is left as
 * it is, and counted as {@link RestoreCounts#unknown() unknown} when it uses our brackets or an issued type (so a
 * Markdown link such as {@code [note 1]} is not counted).
 *
 * <p>Restoring into JSON text escapes the value for a JSON string, so a value with a quote or a backslash cannot break
 * the arguments the client will parse. A placeholder the model wrote outside any JSON string stays invalid JSON, as it
 * was.
 *
 * <p>Not thread-safe: one restorer per answer, used by the thread that relays it; its streams share its counts. With
 * {@link Pseudonyms#NONE} every method returns its input unchanged.
 */
public final class Restorer {
    private final Pseudonyms pseudonyms;
    private final PlaceholderScanner textScanner;
    private final PlaceholderScanner jsonScanner;
    private int exact;
    private int variants;
    private int unknown;

    Restorer(Pseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
        this.textScanner = new PlaceholderScanner(false, pseudonyms.types());
        this.jsonScanner = new PlaceholderScanner(true, pseudonyms.types());
    }

    /** {@code text} with every placeholder restored; the same instance when there is none. */
    public String restore(String text) {
        return restore(text, textScanner);
    }

    /**
     * JSON text (such as tool-call arguments) with every placeholder restored, each value escaped for a JSON string;
     * the same instance when there is none.
     */
    public String restoreJson(String jsonText) {
        return restore(jsonText, jsonScanner);
    }

    /**
     * Restores, in place, every string value under {@code node} (object keys are left alone), for a parsed answer
     * such as an Anthropic {@code tool_use} input. The tree's own serialisation escapes the values.
     */
    public void restoreStrings(JsonNode node) {
        if (pseudonyms.isEmpty()) {
            return;
        }
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (field.getValue().isTextual()) {
                    String text = field.getValue().textValue();
                    String restored = restore(text);
                    if (restored != text) {
                        field.setValue(TextNode.valueOf(restored));
                    }
                } else {
                    restoreStrings(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode element = array.get(i);
                if (element.isTextual()) {
                    String text = element.textValue();
                    String restored = restore(text);
                    if (restored != text) {
                        array.set(i, TextNode.valueOf(restored));
                    }
                } else {
                    restoreStrings(element);
                }
            }
        }
    }

    /**
     * A restorer for one stream of text deltas: an Anthropic {@code text_delta} block, an OpenAI choice's
     * {@code delta.content}.
     */
    public StreamRestorer stream() {
        return new StreamRestorer(this, new PlaceholderScanner(false, pseudonyms.types()), pseudonyms.isEmpty());
    }

    /**
     * A restorer for one stream of JSON text deltas: an Anthropic {@code input_json_delta} block, an OpenAI tool
     * call's {@code function.arguments}. Values are escaped for JSON strings.
     */
    public StreamRestorer jsonStream() {
        return new StreamRestorer(this, new PlaceholderScanner(true, pseudonyms.types()), pseudonyms.isEmpty());
    }

    /** Counts so far, over every text and stream of this restorer. */
    public RestoreCounts counts() {
        return new RestoreCounts(exact, variants, unknown);
    }

    private String restore(String text, PlaceholderScanner scanner) {
        Objects.requireNonNull(text, "text");
        if (pseudonyms.isEmpty()) {
            return text;
        }
        int first = scanner.next(text, 0, text.length());
        if (first < 0) {
            return text;
        }
        Parts out = new Parts(16);
        out.add(text, 0, first);
        int before = exact + variants;
        restore(scanner, text, first, text.length(), true, out);
        return exact + variants == before ? text : out.join();
    }

    /**
     * Appends {@code s[from, end)} to {@code out} with placeholders restored. When {@code last} is false, a possible
     * placeholder cut by {@code end} is not appended: returns where it starts ({@code end} when there is none).
     */
    int restore(PlaceholderScanner scanner, CharSequence s, int from, int end, boolean last, Parts out) {
        int copied = from;
        int i = scanner.next(s, from, end);
        while (i >= 0) {
            int after = scanner.match(s, i, end);
            if (after == PlaceholderScanner.MORE && !last) {
                out.add(s, copied, i);
                return i;
            }
            if (after < 0) {
                i = scanner.next(s, i + 1, end);
                continue;
            }
            String value = pseudonyms.value(scanner.key());
            if (value != null) {
                out.add(s, copied, i);
                out.add(scanner.json() ? JsonText.escape(value) : value);
                copied = after;
                if (scanner.altered()) {
                    variants++;
                } else {
                    exact++;
                }
            } else if (scanner.ownBrackets()
                    || pseudonyms.issuedType(
                            scanner.key().subSequence(0, scanner.typeLength()).toString())) {
                unknown++;
            }
            i = scanner.next(s, after, end);
        }
        if (!last && scanner.holdsLast(s, copied, end)) {
            out.add(s, copied, end - 1);
            return end - 1;
        }
        out.add(s, copied, end);
        return end;
    }
}
