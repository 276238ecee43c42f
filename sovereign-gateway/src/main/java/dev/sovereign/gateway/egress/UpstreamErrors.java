package dev.sovereign.gateway.egress;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.classify.Classifier;
import dev.sovereign.classify.Finding;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.provider.ProviderError;
import dev.sovereign.gateway.translate.ErrorTypes;
import dev.sovereign.gateway.wire.ErrorBodies;
import dev.sovereign.gateway.wire.Json;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts an upstream's error response into the shape of the API the client called. A body already in that
 * shape, from an upstream of the client's format, passes unchanged; others (an error of the other format when the
 * gateway translated the request, Mistral's {@code {"detail":[...]}} validation errors and
 * {@code {"object":"error",...}}, plain text, HTML from a proxy) are rewritten, keeping the status and
 * a message built only from the upstream's own words: never from the {@code input} it may echo. Thread-safe.
 */
public final class UpstreamErrors {
    private static final int MAX_MESSAGE = 500;
    private final Json json;
    private final ErrorBodies bodies;

    public UpstreamErrors(Json json, ErrorBodies bodies) {
        this.json = json;
        this.bodies = bodies;
    }

    /** As {@link #normalise(WireFormat, WireFormat, int, byte[], String)} from an upstream of the client's format. */
    public Buffer normalise(WireFormat api, int status, byte[] body, String requestId) {
        return normalise(api, api, status, body, requestId, null);
    }

    /**
     * As {@link #normalise(WireFormat, int, byte[], String)}, with the Anthropic error type the upstream's own error
     * name maps to ({@code null}: read from the status), for upstreams that name their errors outside the body.
     */
    public Buffer normalise(WireFormat api, int status, byte[] body, String requestId, String anthropicType) {
        return normalise(api, api, status, body, requestId, anthropicType);
    }

    /** As {@link #normalise(WireFormat, WireFormat, int, byte[], String, String)}, the type read from the status. */
    public Buffer normalise(WireFormat api, WireFormat upstreamApi, int status, byte[] body, String requestId) {
        return normalise(api, upstreamApi, status, body, requestId, null);
    }

    /**
     * The client's error body for an upstream's error response.
     *
     * @param api the format of the client's API
     * @param upstreamApi the format the upstream speaks (another than {@code api} when the gateway translated)
     * @param anthropicType the Anthropic error type the upstream's own error name maps to ({@code null}: read from
     *     the status), for upstreams that name their errors outside the body
     */
    public Buffer normalise(
            WireFormat api, WireFormat upstreamApi, int status, byte[] body, String requestId, String anthropicType) {
        JsonNode node = body.length == 0 ? null : json.tryParse(body);
        if (node != null && api == upstreamApi && isNative(api, node)) return scrubbed(node, body);
        String message = scrub(message(node));
        if (message == null) message = "The upstream provider answered HTTP " + status + ".";
        if (message.length() > MAX_MESSAGE) message = message.substring(0, MAX_MESSAGE) + "…";
        String type = api == WireFormat.ANTHROPIC
                ? (anthropicType != null ? anthropicType : ErrorBodies.anthropicType(status))
                : openAiType(status, node, upstreamApi);
        return bodies.body(api, type, "upstream." + status, message, requestId);
    }

    /**
     * The client's error body for an error a provider's {@code ErrorDialect} read: the upstream's body when it is
     * already native to an OpenAI client and the dialect says it may pass, else a body of the client's format with
     * the error's type, key and message.
     */
    public Buffer body(WireFormat api, ProviderError error, byte[] body, String requestId) {
        if (api == WireFormat.OPENAI && error.nativeForOpenAi()) {
            JsonNode node = body.length == 0 ? null : json.tryParse(body);
            if (node != null && isNative(api, node)) return scrubbed(node, body);
        }
        String message = error.message() == null
                ? "The upstream provider answered HTTP " + error.status() + "."
                : scrub(error.message());
        if (message.length() > MAX_MESSAGE) message = message.substring(0, MAX_MESSAGE) + "…";
        String type = api == WireFormat.ANTHROPIC ? error.anthropicType() : error.openAiType();
        return bodies.body(api, type, error.key(), message, requestId);
    }

    /** What replaces a secret an upstream echoes (an API key in "Incorrect API key provided: …"). */
    static final String SCRUBBED = "[secret removed by the gateway]";

    private static final Classifier SECRETS =
            Classifier.builder().only("secret.").build();

    /** {@code text} with every secret the classifier finds in it replaced by {@link #SCRUBBED}. */
    static String scrub(String text) {
        if (text == null) return null;
        List<Finding> found = SECRETS.scan(text);
        if (found.isEmpty()) return text;
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Finding f : found) {
            if (f.start() < at) continue;
            out.append(text, at, f.start()).append(SCRUBBED);
            at = f.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    /** {@code body} as it came when no string in {@code node} holds a secret, else re-written with them scrubbed. */
    private Buffer scrubbed(JsonNode node, byte[] body) {
        if (!scrubStrings(node)) return Buffer.buffer(body);
        try {
            return Buffer.buffer(json.mapper().writeValueAsBytes(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces, in place, the secrets in every string of {@code node}; true when one was replaced. */
    private static boolean scrubStrings(JsonNode node) {
        boolean changed = false;
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            for (var e : o.properties()) {
                if (e.getValue().isTextual()) {
                    String clean = scrub(e.getValue().asText());
                    if (!clean.equals(e.getValue().asText())) {
                        e.setValue(com.fasterxml.jackson.databind.node.TextNode.valueOf(clean));
                        changed = true;
                    }
                } else {
                    changed |= scrubStrings(e.getValue());
                }
            }
        } else if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isTextual()) {
                    String clean = scrub(a.get(i).asText());
                    if (!clean.equals(a.get(i).asText())) {
                        a.set(i, clean);
                        changed = true;
                    }
                } else {
                    changed |= scrubStrings(a.get(i));
                }
            }
        }
        return changed;
    }

    private static boolean isNative(WireFormat api, JsonNode node) {
        if (api == WireFormat.ANTHROPIC) {
            return "error".equals(node.path("type").asText(null))
                    && node.path("error").path("type").isTextual();
        }
        return node.path("error").isObject()
                && node.path("error").path("message").isTextual();
    }

    private static String message(JsonNode node) {
        if (node == null) return null;
        JsonNode detail = node.get("detail");
        if (detail != null && detail.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode d : detail) {
                List<String> loc = new ArrayList<>();
                for (JsonNode l : d.path("loc")) loc.add(l.asText());
                String msg = d.path("msg").asText("invalid");
                parts.add(loc.isEmpty() ? msg : String.join(".", loc) + ": " + msg);
            }
            return String.join("; ", parts);
        }
        if (detail != null && detail.isTextual()) return detail.asText();
        JsonNode error = node.get("error");
        if (error != null && error.isObject() && error.path("message").isTextual())
            return error.path("message").asText();
        if (error != null && error.isTextual()) return error.asText();
        if (node.path("message").isTextual()) return node.path("message").asText();
        // AWS services spell it both ways.
        if (node.path("Message").isTextual()) return node.path("Message").asText();
        return null;
    }

    private static String openAiType(int status, JsonNode node, WireFormat upstreamApi) {
        if (upstreamApi == WireFormat.ANTHROPIC
                && node != null
                && node.path("error").path("type").isTextual()) {
            return ErrorTypes.openAi(node.path("error").path("type").asText());
        }
        if (upstreamApi == WireFormat.OPENAI
                && node != null
                && node.path("type").isTextual()) return node.path("type").asText();
        return ErrorBodies.openAiType(status);
    }
}
