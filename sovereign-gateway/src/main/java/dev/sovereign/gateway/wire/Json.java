package dev.sovereign.gateway.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.classify.StrictJson;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/**
 * JSON reading and writing for the hot path, with the nesting limit of the configuration. Parse errors
 * become {@link GatewayFailure}s whose message gives the position but never the offending text.
 */
public final class Json {
    private final ObjectMapper mapper;
    private final StrictJson strict;

    public Json(int maxDepth) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth)
                        .build())
                .build();
        this.mapper = new ObjectMapper(factory);
        this.strict = new StrictJson(maxDepth);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Parses a request body that must be one JSON object, strictly ({@link StrictJson}: no duplicate keys, nothing
     * after the value, UTF-8 without a byte-order mark, no lone surrogates), so that its raw bytes and the tree that
     * is classified are the same request.
     */
    public ObjectNode parseObject(Buffer body) {
        JsonNode node;
        try {
            node = strict.parse(body.getBytes());
        } catch (StrictJson.MalformedJsonException e) {
            throw new GatewayFailure(FailureKind.INVALID_JSON, e.getMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw new GatewayFailure(
                    FailureKind.INVALID_REQUEST, "The request body must be a JSON object, not " + kind(node) + ".");
        }
        return object;
    }

    /**
     * One top-level field of a JSON object, read with the streaming parser: every other field is
     * skipped without building a tree. {@code null} when absent or when the body is not a JSON object.
     */
    public JsonNode topLevelField(byte[] body, String field) {
        try (JsonParser p = mapper.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals(field)) return mapper.readTree(p);
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** What {@link #readAnswer} found: whether the body is one JSON object, and the field asked for. */
    public record Answer(boolean object, JsonNode field) {}

    /**
     * Reads an upstream answer in one streaming pass: whether it is exactly one well-formed JSON object (nothing
     * after it), and its top-level {@code field} ({@code null} when absent). Other fields are checked, not built.
     */
    public Answer readAnswer(byte[] body, String field) {
        try (JsonParser p = mapper.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return new Answer(false, null);
            JsonNode found = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals(field)) found = mapper.readTree(p);
                else p.skipChildren();
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) return new Answer(false, null);
            return new Answer(true, found);
        } catch (IOException e) {
            return new Answer(false, null);
        }
    }

    /** Whether {@code text} is exactly one well-formed JSON value, checked token by token without a tree. */
    public boolean wellFormed(String text) {
        try (JsonParser p = mapper.createParser(text)) {
            if (p.nextToken() == null) return false;
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    /** Parses an upstream body leniently: {@code null} when it is not JSON. */
    public JsonNode tryParse(byte[] bytes) {
        try {
            return mapper.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    public Buffer buffer(JsonNode node) {
        try {
            return Buffer.buffer(mapper.writeValueAsBytes(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    public String string(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** A type name for messages: "a string", "an array", ... */
    public static String kind(JsonNode node) {
        if (node == null || node.isNull()) return "null";
        if (node.isTextual()) return "a string";
        if (node.isArray()) return "an array";
        if (node.isObject()) return "an object";
        if (node.isBoolean()) return "a boolean";
        if (node.isNumber()) return "a number";
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
