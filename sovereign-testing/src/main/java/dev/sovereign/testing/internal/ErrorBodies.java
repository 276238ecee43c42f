package dev.sovereign.testing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;

/**
 * Error bodies in each provider's exact shape:
 *
 * <ul>
 *   <li>Anthropic: {@code {"type":"error","error":{"type","message"},"request_id"}}
 *   <li>OpenAI: {@code {"error":{"message","type","param","code"}}}
 *   <li>Mistral: {@code {"object":"error","message","type","param","code"}}, and its 422
 *       validation body {@code {"detail":[{"type","loc","msg","input"}]}}
 *   <li>Google (Vertex AI): {@code {"error":{"code","message","status"}}}, also inside an array
 *   <li>Azure OpenAI: {@code {"error":{"code","message"}}}, and the content filter's 400
 * </ul>
 *
 * and the in-stream error frames (Anthropic {@code event: error}, OpenAI a data-only frame with an
 * {@code error} object).
 */
public final class ErrorBodies {

    private static final Buffer ANTHROPIC_OVERLOADED_EVENT = Json.buffer("event: error\ndata: "
            + "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n");
    private static final Buffer OPENAI_SERVER_ERROR_EVENT = Json.buffer("data: "
            + openAiJson(
                    "The server had an error while processing your request. Sorry about that!",
                    "server_error",
                    null,
                    null)
            + "\n\n");

    private ErrorBodies() {}

    public static Buffer anthropic(String type, String message, String requestId) {
        ObjectNode root = Json.object().put("type", "error");
        root.putObject("error").put("type", type).put("message", message);
        root.put("request_id", requestId);
        return Json.buffer(root);
    }

    public static Buffer openAi(String message, String type, String param, String code) {
        return Json.buffer(openAiJson(message, type, param, code));
    }

    public static Buffer mistral(String message, String type, String code) {
        ObjectNode root =
                Json.object().put("object", "error").put("message", message).put("type", type);
        root.putNull("param");
        root.put("code", code);
        return Json.buffer(root);
    }

    /** Mistral's (FastAPI/pydantic) 422 body for a missing {@code messages} field of {@code input}. */
    public static Buffer mistralValidation(JsonNode input) {
        ObjectNode root = Json.object();
        ObjectNode detail = root.putArray("detail").addObject();
        detail.put("type", "missing");
        detail.putArray("loc").add("body").add("messages");
        detail.put("msg", "Field required");
        detail.set("input", input == null ? Json.object() : input);
        return Json.buffer(root);
    }

    /**
     * Google's error body, {@code {"error":{"code","message","status"}}}, or that object inside an array as Vertex AI
     * sometimes sends it.
     */
    public static Buffer google(int code, String status, String message, boolean wrapped) {
        ObjectNode root = Json.object();
        root.putObject("error").put("code", code).put("message", message).put("status", status);
        return Json.buffer(wrapped ? Json.MAPPER.createArrayNode().add(root) : root);
    }

    /** Azure OpenAI's own error body, {@code {"error":{"code":"429","message"}}}: a string code and no type. */
    public static Buffer azure(String code, String message) {
        ObjectNode root = Json.object();
        root.putObject("error").put("code", code).put("message", message);
        return Json.buffer(root);
    }

    /**
     * Azure OpenAI's content-filter refusal of a prompt: HTTP 400 with {@code code: content_filter} and an {@code
     * innererror} that names the filters, {@code violence} filtered at medium severity.
     */
    public static Buffer azureContentFilter() {
        ObjectNode root = Json.object();
        ObjectNode error = root.putObject("error")
                .put(
                        "message",
                        "The response was filtered due to the prompt triggering Azure OpenAI's content"
                                + " management policy. Please modify your prompt and retry.")
                .putNull("type")
                .put("param", "prompt")
                .put("code", "content_filter")
                .put("status", 400);
        ObjectNode inner = error.putObject("innererror").put("code", "ResponsibleAIPolicyViolation");
        ObjectNode results = inner.putObject("content_filter_result");
        for (String category : new String[] {"hate", "self_harm", "sexual", "violence"}) {
            boolean hit = category.equals("violence");
            results.putObject(category).put("filtered", hit).put("severity", hit ? "medium" : "safe");
        }
        results.putObject("jailbreak").put("filtered", false).put("detected", false);
        return Json.buffer(root);
    }

    /** Mistral's 422 for a field it does not know: {@code extra_forbidden}, wrapped in {@code object: error}. */
    public static Buffer mistralExtraForbidden(String field, JsonNode input) {
        ObjectNode root = Json.object().put("object", "error");
        ObjectNode detail =
                root.putObject("message").putArray("detail").addObject().put("type", "extra_forbidden");
        detail.putArray("loc").add("body").add(field);
        detail.put("msg", "Extra inputs are not permitted");
        detail.set("input", input);
        root.put("type", "invalid_request_error").putNull("param");
        root.putNull("code");
        return Json.buffer(root);
    }

    /** The Anthropic {@code event: error} frame carrying {@code overloaded_error}. */
    public static Buffer anthropicOverloadedEvent() {
        return ANTHROPIC_OVERLOADED_EVENT;
    }

    /** The OpenAI in-stream error frame, {@code data: {"error":{...server_error...}}}. */
    public static Buffer openAiServerErrorEvent() {
        return OPENAI_SERVER_ERROR_EVENT;
    }

    private static String openAiJson(String message, String type, String param, String code) {
        ObjectNode root = Json.object();
        ObjectNode error = root.putObject("error").put("message", message).put("type", type);
        error.put("param", param);
        error.put("code", code);
        return Json.string(root);
    }
}
