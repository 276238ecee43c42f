package dev.sovereign.testing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Serves Claude on Bedrock: {@code POST /model/{modelId}/invoke} (the Anthropic message as JSON) and {@code
 * /invoke-with-response-stream} (each Anthropic event in an event-stream chunk frame, see {@link
 * EventStreamFrames}).
 *
 * <p>Checks in Bedrock's order: credentials (403, see {@link BedrockSignatures}), the model id (400), then the body
 * as Bedrock's Anthropic schema takes it — {@code anthropic_version} present, no {@code model} or {@code stream},
 * {@code max_tokens} and {@code messages} present — each a 400 {@code ValidationException} worded as Bedrock words
 * it. Stateless and thread-safe.
 */
final class BedrockInvoke {
    static final String ANTHROPIC_VERSION = "bedrock-2023-05-31";

    private BedrockInvoke() {}

    static void handle(Exchange exchange) {
        String path = exchange.rawPath();
        String rest = path.substring("/model/".length());
        int slash = rest.indexOf('/');
        String operation = slash < 0 ? "" : rest.substring(slash + 1);
        if (slash <= 0 || !(operation.equals("invoke") || operation.equals("invoke-with-response-stream"))) {
            exchange.notFound();
            return;
        }
        String modelId = URLDecoder.decode(rest.substring(0, slash), StandardCharsets.UTF_8);
        byte[] body = exchange.body();
        if (!BedrockSignatures.check(exchange, body)) {
            return;
        }
        if (!modelId.contains("anthropic.claude")) {
            exchange.bedrockError(400, "ValidationException", "The provided model identifier is invalid.");
            return;
        }
        JsonNode json = exchange.json();
        String problem =
                json == null ? "Malformed input request, please reformat your input and try again." : problem(json);
        if (problem != null) {
            exchange.bedrockError(400, "ValidationException", problem);
            return;
        }
        String model = baseModel(modelId);
        Reply reply =
                Reply.plan(Conversation.fromAnthropic(json), exchange.state().replyWords());
        Map<String, String> headers = Map.of(
                "x-amzn-bedrock-input-token-count", Integer.toString(reply.inputTokens()),
                "x-amzn-bedrock-output-token-count", Integer.toString(reply.outputTokens()));
        if (operation.equals("invoke")) {
            exchange.respond(200, Json.buffer(AnthropicMessages.message(reply, model)), headers);
        } else {
            exchange.streamEventStream(frames(reply, model), Map.of("x-amzn-bedrock-content-type", "application/json"));
        }
    }

    /** The Anthropic events of the answer, each in a chunk frame; the last carries Bedrock's invocation metrics. */
    private static List<Buffer> frames(Reply reply, String model) {
        List<Buffer> sse = AnthropicEvents.frames(reply, model, Ids.message().replace("msg_01", "msg_bdrk_01"));
        List<Buffer> frames = new ArrayList<>(sse.size());
        for (int i = 0; i < sse.size(); i++) {
            String frame = sse.get(i).toString(StandardCharsets.UTF_8);
            String data = frame.substring(frame.indexOf("\ndata: ") + 7, frame.length() - 2);
            if (data.startsWith("{\"type\":\"ping\"")) continue; // Bedrock sends no pings.
            if (i == sse.size() - 1) data = withMetrics(data, reply);
            frames.add(EventStreamFrames.chunk(data));
        }
        return frames;
    }

    private static String withMetrics(String messageStop, Reply reply) {
        ObjectNode event = (ObjectNode) Json.parse(messageStop);
        event.putObject("amazon-bedrock-invocationMetrics")
                .put("inputTokenCount", reply.inputTokens())
                .put("outputTokenCount", reply.outputTokens())
                .put("invocationLatency", 120)
                .put("firstByteLatency", 40);
        return Json.string(event);
    }

    /** {@code claude-sonnet-4-5-20250929} for {@code eu.anthropic.claude-sonnet-4-5-20250929-v1:0}, as Bedrock says. */
    static String baseModel(String modelId) {
        String name = modelId.substring(modelId.indexOf("anthropic.") + "anthropic.".length());
        return name.replaceAll("-v\\d+(:\\d+)?$", "");
    }

    private static String problem(JsonNode body) {
        if (!body.isObject()) return "Malformed input request: expected type: JSONObject, please reformat your input";
        for (String extraneous : new String[] {"model", "stream"}) {
            if (body.has(extraneous)) {
                return "Malformed input request: #: extraneous key [" + extraneous
                        + "] is not permitted, please reformat your input and try again.";
            }
        }
        for (String required : new String[] {"anthropic_version", "max_tokens", "messages"}) {
            if (!body.has(required)) {
                return "Malformed input request: #: required key [" + required
                        + "] not found, please reformat your input and try again.";
            }
        }
        if (!ANTHROPIC_VERSION.equals(body.path("anthropic_version").asText())) {
            return "Invalid API version. Supported versions: " + ANTHROPIC_VERSION;
        }
        return null;
    }
}
