package dev.sovereign.testing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Serves {@code POST /v1/embeddings}: {@code input} is a string, an array of strings, a token array
 * or an array of token arrays; {@code encoding_format} is {@code float} (default) or {@code base64}
 * (the float32 values, little-endian, base64-encoded, as the OpenAI SDKs decode them).
 *
 * <p>Vectors are deterministic: unit-length, {@code dimensions} long (default 8), seeded by a
 * 64-bit FNV-1a hash of the input, so equal inputs get equal vectors across runs and processes.
 * Stateless and thread-safe.
 */
final class Embeddings {

    static final int DEFAULT_DIMENSIONS = 8;

    private Embeddings() {}

    static void create(Exchange exchange) {
        if (!ApiKeys.openAi(exchange)) {
            return;
        }
        answer(exchange);
    }

    /** Answers an authenticated embeddings request. */
    static void answer(Exchange exchange) {
        JsonNode body = exchange.json();
        if (body == null || !body.isObject()) {
            exchange.invalidRequest(
                    body == null ? exchange.parseError() : "The request body must be a JSON object.", null, null);
            return;
        }
        if (!body.path("model").isTextual()) {
            exchange.invalidRequest("you must provide a model parameter", "model", null);
            return;
        }
        List<Input> inputs = inputs(body.get("input"));
        if (inputs == null) {
            exchange.invalidRequest(
                    "'input' must be a non-empty string, array of strings, array of tokens or array of token arrays.",
                    "input",
                    "invalid_type");
            return;
        }
        String format = body.path("encoding_format").asText("float");
        if (!format.equals("float") && !format.equals("base64")) {
            exchange.invalidRequest(
                    "Invalid value for 'encoding_format': expected 'float' or 'base64'.",
                    "encoding_format",
                    "invalid_value");
            return;
        }
        JsonNode dimensionsNode = body.get("dimensions");
        int dimensions = DEFAULT_DIMENSIONS;
        if (dimensionsNode != null && !dimensionsNode.isNull()) {
            if (!dimensionsNode.canConvertToInt() || dimensionsNode.asInt() < 1 || dimensionsNode.asInt() > 4096) {
                exchange.invalidRequest(
                        "Invalid 'dimensions': expected an integer between 1 and 4096.", "dimensions", "invalid_value");
                return;
            }
            dimensions = dimensionsNode.asInt();
        }
        ObjectNode response = Json.object().put("object", "list");
        ArrayNode data = response.putArray("data");
        int tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            Input input = inputs.get(i);
            float[] vector = vector(input.key(), dimensions);
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            if (format.equals("base64")) {
                item.put("embedding", base64(vector));
            } else {
                ArrayNode values = item.putArray("embedding");
                for (float v : vector) {
                    values.add(v);
                }
            }
            tokens += input.tokens();
        }
        response.put("model", body.get("model").asText());
        response.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        exchange.respond(200, Json.buffer(response));
    }

    /** The vector for an input key: unit length, deterministic. */
    static float[] vector(String key, int dimensions) {
        SplittableRandom random = new SplittableRandom(fnv1a(key.getBytes(StandardCharsets.UTF_8)));
        float[] vector = new float[dimensions];
        double norm = 0;
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (random.nextDouble() * 2 - 1);
            norm += vector[i] * vector[i];
        }
        float scale = (float) (1 / Math.sqrt(norm == 0 ? 1 : norm));
        for (int i = 0; i < dimensions; i++) {
            vector[i] *= scale;
        }
        return vector;
    }

    /** Little-endian float32 bytes, base64 (standard alphabet, padded). */
    static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : vector) {
            bytes.putFloat(v);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    private record Input(String key, int tokens) {}

    /** The inputs, or {@code null} when the value is not one of the accepted forms. */
    private static List<Input> inputs(JsonNode input) {
        if (input == null || input.isNull()) {
            return null;
        }
        if (input.isTextual()) {
            return List.of(text(input.asText()));
        }
        if (!input.isArray() || input.isEmpty()) {
            return null;
        }
        if (input.get(0).isIntegralNumber()) {
            Input tokens = tokens(input);
            return tokens == null ? null : List.of(tokens);
        }
        List<Input> inputs = new ArrayList<>(input.size());
        for (JsonNode element : input) {
            Input parsed = element.isTextual() ? text(element.asText()) : element.isArray() ? tokens(element) : null;
            if (parsed == null) {
                return null;
            }
            inputs.add(parsed);
        }
        return inputs;
    }

    private static Input text(String text) {
        return new Input(text, Math.max(1, text.getBytes(StandardCharsets.UTF_8).length / 4));
    }

    private static Input tokens(JsonNode array) {
        if (array.isEmpty()) {
            return null;
        }
        StringBuilder key = new StringBuilder("tokens:");
        for (JsonNode token : array) {
            if (!token.isIntegralNumber()) {
                return null;
            }
            key.append(token.asLong()).append(',');
        }
        return new Input(key.toString(), array.size());
    }

    private static long fnv1a(byte[] bytes) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
