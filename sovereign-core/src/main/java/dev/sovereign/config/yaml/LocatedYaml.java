package dev.sovereign.config.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A YAML document read into a Jackson tree that remembers the line of every mapping and list and of each of their
 * entries, so that a problem found after parsing can still be reported as {@code file:line: setting: problem}.
 *
 * <p>Configuration files are bound to records by Jackson, which forgets where a value was written; their checks
 * run afterwards. A loader that wants its messages to name the line parses the same text here as well and asks
 * for the line of the node it is checking:
 *
 * <pre>{@code
 * LocatedYaml yaml = LocatedYaml.parse("workloads.yaml", text);
 * JsonNode workload = yaml.root().path("workloads").get(0);
 * String problem = yaml.message(workload, "region", "workloads[0].region", "unknown region");
 * // "workloads.yaml:7: workloads[0].region: unknown region"
 * }</pre>
 *
 * <p>Lines are kept by container and key (a field name, or a list index as a string) rather than by node, because
 * Jackson shares the nodes of equal booleans and nulls. A line is 1-based; 0 means unknown (a node that is not a
 * container of this document, or a key it does not have), and messages then name the file alone.
 *
 * <p>Immutable once parsed, and safe to share between threads. The callers choose the exception their messages
 * travel in (the policy loader, {@code workloads.yaml}, {@code providers.yaml} and the CLI's policy tests each
 * have their own).
 */
public final class LocatedYaml {
    private static final YAMLFactory YAML = new YAMLFactory();

    private final String file;
    private final JsonNode root;
    private final Map<JsonNode, Map<String, Integer>> lines;

    private LocatedYaml(String file, JsonNode root, Map<JsonNode, Map<String, Integer>> lines) {
        this.file = file;
        this.root = root;
        this.lines = lines;
    }

    /** Text that is not YAML: {@link #getMessage()} is {@code file:line: not valid YAML: why}, on one line. */
    public static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxError(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @param file the file name for messages
     * @throws SyntaxError when the text is not YAML, with the line of the error
     */
    public static LocatedYaml parse(String file, String text) throws SyntaxError {
        Map<JsonNode, Map<String, Integer>> lines = new IdentityHashMap<>();
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken first = p.nextToken();
            JsonNode root = first == null ? JsonNodeFactory.instance.missingNode() : read(p, lines);
            return new LocatedYaml(file, root, lines);
        } catch (IOException e) {
            String at = e instanceof JsonProcessingException j && j.getLocation() != null
                    ? ":" + j.getLocation().getLineNr()
                    : "";
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            String oneLine = why == null ? "unreadable" : why.strip().replaceAll("\\s*\\R\\s*", " ");
            throw new SyntaxError(file + at + ": not valid YAML: " + oneLine, e);
        }
    }

    public JsonNode root() {
        return root;
    }

    public String file() {
        return file;
    }

    /** {@code file:line: setting: problem}, at the line of a mapping or list. */
    public String message(JsonNode container, String setting, String problem) {
        return message(line(container), setting, problem);
    }

    /** {@code file:line: setting: problem}, at the line of {@code container}'s entry {@code key} (a field or index). */
    public String message(JsonNode container, String key, String setting, String problem) {
        int line = line(container, key);
        return message(line > 0 ? line : line(container), setting, problem);
    }

    private String message(int line, String setting, String problem) {
        return file + (line > 0 ? ":" + line : "") + ": " + setting + ": " + problem;
    }

    /** The line a mapping or list starts on, or 0. */
    public int line(JsonNode container) {
        return line(container, SELF);
    }

    /** The line of {@code container}'s entry {@code key}, or 0. */
    public int line(JsonNode container, String key) {
        Map<String, Integer> entries = lines.get(container);
        return entries == null ? 0 : entries.getOrDefault(key, 0);
    }

    /** The key under which a container's own line is kept. */
    private static final String SELF = "";

    private static JsonNode read(JsonParser p, Map<JsonNode, Map<String, Integer>> lines) throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (p.currentToken()) {
            case START_OBJECT -> {
                ObjectNode o = f.objectNode();
                Map<String, Integer> entries = new HashMap<>();
                entries.put(SELF, line(p.currentTokenLocation()));
                lines.put(o, entries);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    entries.put(name, line(p.currentTokenLocation()));
                    p.nextToken();
                    o.set(name, read(p, lines));
                }
                yield o;
            }
            case START_ARRAY -> {
                ArrayNode a = f.arrayNode();
                Map<String, Integer> entries = new HashMap<>();
                entries.put(SELF, line(p.currentTokenLocation()));
                lines.put(a, entries);
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    entries.put(Integer.toString(a.size()), line(p.currentTokenLocation()));
                    a.add(read(p, lines));
                }
                yield a;
            }
            case VALUE_STRING -> f.textNode(p.getText());
            case VALUE_NUMBER_INT -> f.numberNode(p.getLongValue());
            case VALUE_NUMBER_FLOAT -> f.numberNode(p.getDoubleValue());
            case VALUE_TRUE -> f.booleanNode(true);
            case VALUE_FALSE -> f.booleanNode(false);
            case VALUE_NULL -> f.nullNode();
            default -> f.textNode(p.getText());
        };
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : location.getLineNr();
    }
}
