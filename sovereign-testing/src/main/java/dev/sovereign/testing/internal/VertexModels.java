package dev.sovereign.testing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Claude on Vertex AI: {@code POST /v1/projects/{project}/locations/{location}/publishers/anthropic/models/{model}
 * :rawPredict} (a Messages answer), {@code :streamRawPredict} (the Anthropic SSE stream) and {@code
 * .../models/count-tokens:rawPredict}. Checks as Vertex AI does: a bearer token this server issued (else Google's 401
 * {@code UNAUTHENTICATED}), a known method (else Google's 404), then the body: {@code anthropic_version} must be
 * {@code vertex-2023-10-16}, {@code model} must be absent (it is in the path; token counting takes it in the body), and
 * {@code stream} must agree with the method; model errors are Anthropic's 400 {@code invalid_request_error}. Stateless
 * and thread-safe.
 */
final class VertexModels {
    static final String VERSION = "vertex-2023-10-16";
    private static final Pattern PATH = Pattern.compile(
            "/v1/projects/([^/]+)/locations/([^/]+)/publishers/anthropic/models/([^/:]+):(rawPredict|streamRawPredict)");

    private VertexModels() {}

    static void predict(Exchange exchange) {
        if (!exchange.state().googleTokens().valid(bearer(exchange))) {
            exchange.write(
                    401,
                    ErrorBodies.google(
                            401,
                            "UNAUTHENTICATED",
                            "Request had invalid authentication credentials. Expected OAuth 2 access token, login"
                                    + " cookie or other valid authentication credential.",
                            false),
                    Map.of());
            return;
        }
        Matcher m = PATH.matcher(exchange.path());
        if (!m.matches()) {
            exchange.write(
                    404,
                    ErrorBodies.google(404, "NOT_FOUND", "The requested URL was not found on this server.", false),
                    Map.of());
            return;
        }
        String model = m.group(3);
        boolean counting = model.equals("count-tokens");
        boolean streaming = m.group(4).equals("streamRawPredict");
        JsonNode body = exchange.json();
        String problem = body == null ? exchange.parseError() : problem(body, counting, streaming);
        if (problem != null) {
            exchange.anthropicError(400, "invalid_request_error", problem);
            return;
        }
        if (counting) {
            int tokens = Conversation.fromAnthropic(body).inputTokens();
            exchange.respond(200, Json.buffer(Json.object().put("input_tokens", tokens)));
            return;
        }
        Reply reply =
                Reply.plan(Conversation.fromAnthropic(body), exchange.state().replyWords());
        if (streaming) {
            exchange.stream(
                    AnthropicEvents.frames(reply, model, Ids.message()), ErrorBodies.anthropicOverloadedEvent());
        } else {
            exchange.respond(200, Json.buffer(AnthropicMessages.message(reply, model)));
        }
    }

    private static String problem(JsonNode body, boolean counting, boolean streaming) {
        if (!body.isObject()) return "request body must be a JSON object";
        if (!VERSION.equals(body.path("anthropic_version").asText(null))) {
            return "anthropic_version: Input should be '" + VERSION + "'";
        }
        if (counting) {
            return body.path("model").isTextual() ? AnthropicMessages.problem(body, false) : "model: Field required";
        }
        if (body.has("model")) return "model: Extra inputs are not permitted";
        if (body.path("stream").asBoolean(false) != streaming) {
            return streaming ? "stream: must be true for streamRawPredict" : "stream: use streamRawPredict to stream";
        }
        // The Messages checks expect a model; the path carries it here.
        ObjectNode withModel = ((ObjectNode) body).deepCopy().put("model", "path");
        return AnthropicMessages.problem(withModel, true);
    }

    private static String bearer(Exchange exchange) {
        String authorization = exchange.header("authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        return authorization.substring(7).trim();
    }
}
