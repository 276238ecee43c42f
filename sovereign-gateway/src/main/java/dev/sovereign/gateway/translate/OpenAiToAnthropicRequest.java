package dev.sovereign.gateway.translate;

import static dev.sovereign.gateway.translate.Untranslatable.at;
import static dev.sovereign.gateway.translate.Untranslatable.quoted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An OpenAI Chat Completions request as an Anthropic Messages request.
 *
 * <p>Maps: {@code system} and {@code developer} messages → the top-level {@code system}, joined by newlines in
 * their order (Anthropic has no system turn inside a conversation; its own OpenAI-compatible endpoint hoists them
 * the same way); text parts; {@code image_url} parts ({@code data:} URLs → base64 sources, others → URL sources);
 * PDF {@code file} parts given as {@code file_data} → {@code document} blocks; the assistant's {@code tool_calls}
 * → {@code tool_use} blocks (arguments parsed into {@code input}); {@code tool} messages → {@code tool_result}
 * blocks of one user turn; {@code tools} ({@code function.parameters} → {@code input_schema}, {@code strict});
 * {@code tool_choice} ({@code auto}, {@code required} → {@code any}, {@code none}, a named function → {@code
 * tool}); {@code parallel_tool_calls: false} → {@code disable_parallel_tool_use}; {@code max_completion_tokens} or
 * {@code max_tokens} → {@code max_tokens} (Anthropic requires one: the provider's {@code
 * translation.default_max_tokens} when the request sets none); {@code stop} → {@code stop_sequences}; {@code
 * temperature}; {@code top_p}; {@code stream}; {@code user} or {@code safety_identifier} → {@code
 * metadata.user_id}; {@code response_format} JSON schema → {@code output_config.format}. Defaults that ask for
 * nothing ({@code n: 1}, {@code logprobs: false}, zero penalties, {@code store: false}, text-only modalities) pass;
 * {@code stream_options} only shapes the translated answer; {@code prompt_cache_key} is a caching hint and is
 * removed.
 *
 * <p>Everything else — {@code n} above 1, log probabilities, {@code seed}, penalties, {@code logit_bias}, JSON mode
 * without a schema, audio, {@code reasoning_effort}, image {@code detail}, message {@code name}s, unknown fields — has
 * no Anthropic equivalent and goes to {@link Untranslatable}. Tool-call ids are kept, with characters Anthropic
 * does not accept in an id replaced by {@code _} (the same way in calls and results). Pure; one instance per
 * translation.
 */
final class OpenAiToAnthropicRequest {
    private static final Pattern NOT_ID = Pattern.compile("[^A-Za-z0-9_-]");
    private static final Pattern DATA_URL = Pattern.compile("data:([^;,]+);base64,(.*)", Pattern.DOTALL);

    private final ObjectMapper mapper;
    private final Untranslatable untranslatable;
    private final int defaultMaxTokens;

    OpenAiToAnthropicRequest(ObjectMapper mapper, Untranslatable untranslatable, int defaultMaxTokens) {
        this.mapper = mapper;
        this.untranslatable = untranslatable;
        this.defaultMaxTokens = defaultMaxTokens;
    }

    // One switch over every top-level field of a Chat Completions request, so that a field the translation does not
    // know falls to the default case and is refused or dropped by name; the list is the method's length.
    ObjectNode translate(ObjectNode in) {
        ObjectNode out = mapper.createObjectNode();
        out.set("model", in.get("model"));
        JsonNode maxTokens =
                in.hasNonNull("max_completion_tokens") ? in.get("max_completion_tokens") : in.get("max_tokens");
        if (maxTokens == null || maxTokens.isNull()) out.put("max_tokens", defaultMaxTokens);
        else out.set("max_tokens", maxTokens);
        StringBuilder system = new StringBuilder();
        ArrayNode messages = mapper.createArrayNode();
        JsonNode inMessages = in.path("messages");
        for (int i = 0; i < inMessages.size(); i++) message(inMessages.get(i), at("messages", i), system, messages);
        if (!system.isEmpty()) out.put("system", system.toString());
        out.set("messages", messages);
        ObjectNode metadata = null;
        JsonNode parallel = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (value.isNull()) continue;
            switch (name) {
                case "model",
                        "messages",
                        "max_tokens",
                        "max_completion_tokens",
                        "stream_options",
                        "prompt_cache_key" -> {}
                case "temperature", "top_p", "stream" -> out.set(name, value);
                case "stop" -> {
                    if (value.isTextual()) out.putArray("stop_sequences").add(value);
                    else if (value.isArray() && !value.isEmpty()) out.set("stop_sequences", value);
                }
                case "user", "safety_identifier" -> {
                    if (metadata == null) metadata = out.putObject("metadata");
                    if (!metadata.has("user_id")) metadata.set("user_id", value);
                }
                case "tools" -> tools(value, out);
                case "tool_choice" -> toolChoice(value, out);
                case "parallel_tool_calls" -> parallel = value;
                case "n" -> {
                    if (value.asInt(1) != 1) untranslatable.field("n", "other than 1");
                }
                case "logprobs", "store" -> {
                    if (value.asBoolean(false)) untranslatable.field(name);
                }
                case "presence_penalty", "frequency_penalty" -> {
                    if (value.asDouble(0) != 0) untranslatable.field(name, "other than 0");
                }
                case "logit_bias", "metadata" -> {
                    if (!value.isEmpty()) untranslatable.field(name);
                }
                case "modalities" -> {
                    for (JsonNode m : value) {
                        if (!"text".equals(m.asText())) untranslatable.field("modalities", quoted(m));
                    }
                }
                case "service_tier" -> {
                    if (!"auto".equals(value.asText())) untranslatable.field("service_tier", quoted(value));
                }
                case "response_format" -> responseFormat(value, out);
                default -> untranslatable.field(name);
            }
        }
        if (parallel != null && !parallel.asBoolean(true)) {
            JsonNode choice = out.get("tool_choice");
            ObjectNode object = choice instanceof ObjectNode o
                    ? o
                    : out.putObject("tool_choice").put("type", "auto");
            if (!"none".equals(object.path("type").asText())) object.put("disable_parallel_tool_use", true);
        }
        return out;
    }

    private void message(JsonNode message, String path, StringBuilder system, ArrayNode out) {
        String role = message.path("role").asText();
        switch (role) {
            case "system", "developer" -> {
                unknownFields(message, path, "role", "content");
                String text = text(message.path("content"), at(path, "content"));
                if (!system.isEmpty()) system.append('\n');
                system.append(text);
            }
            case "user" -> {
                unknownFields(message, path, "role", "content");
                JsonNode content = message.path("content");
                if (content.isTextual()) {
                    appendContent(
                            userMessage(out),
                            mapper.createObjectNode().put("type", "text").put("text", content.textValue()));
                } else if (!content.isArray()) {
                    // A message without content is the provider's to judge, not the translation's to lose.
                    userMessage(out);
                } else {
                    // A part dropped leaves no trace: a turn whose parts are all dropped is no turn.
                    for (int j = 0; j < content.size(); j++) {
                        ObjectNode block = userPart(content.get(j), at(at(path, "content"), j));
                        if (block != null) appendContent(userMessage(out), block);
                    }
                }
            }
            case "assistant" -> assistant(message, path, out);
            case "tool" -> {
                unknownFields(message, path, "role", "content", "tool_call_id");
                ObjectNode result = mapper.createObjectNode().put("type", "tool_result");
                result.put("tool_use_id", id(message.path("tool_call_id").asText()));
                JsonNode content = message.path("content");
                if (content.isTextual()) {
                    result.set("content", content);
                } else {
                    ArrayNode blocks = result.putArray("content");
                    for (int j = 0; j < content.size(); j++) {
                        JsonNode part = content.get(j);
                        String partPath = at(at(path, "content"), j);
                        if ("text".equals(part.path("type").asText())) {
                            unknownFields(part, partPath, "type", "text");
                            blocks.addObject().put("type", "text").set("text", part.get("text"));
                        } else {
                            untranslatable.element(partPath, "type", quoted(part.path("type")));
                        }
                    }
                }
                appendContent(userMessage(out), result);
            }
            default -> untranslatable.element(path, "role", quoted(message.path("role")));
        }
    }

    /**
     * The user turn to add to: the last message when it is one (so that tool results and the user's words after
     * them form one turn, results first, as Anthropic requires), else a new one.
     */
    private ObjectNode userMessage(ArrayNode out) {
        if (!out.isEmpty() && "user".equals(out.get(out.size() - 1).path("role").asText())) {
            return (ObjectNode) out.get(out.size() - 1);
        }
        ObjectNode user = out.addObject().put("role", "user");
        user.putArray("content");
        return user;
    }

    private static void appendContent(ObjectNode message, ObjectNode block) {
        ((ArrayNode) message.get("content")).add(block);
    }

    private ObjectNode userPart(JsonNode part, String path) {
        String type = part.path("type").asText();
        switch (type) {
            case "text" -> {
                unknownFields(part, path, "type", "text");
                ObjectNode block = mapper.createObjectNode().put("type", "text");
                block.set("text", part.get("text"));
                return block;
            }
            case "image_url" -> {
                unknownFields(part, path, "type", "image_url");
                JsonNode image = part.path("image_url");
                unknownFields(image, at(path, "image_url"), "url", "detail");
                JsonNode detail = image.get("detail");
                if (detail != null && !detail.isNull() && !"auto".equals(detail.asText())) {
                    untranslatable.field(at(at(path, "image_url"), "detail"), quoted(detail));
                }
                ObjectNode block = mapper.createObjectNode().put("type", "image");
                block.set("source", source(image.path("url").asText()));
                return block;
            }
            case "file" -> {
                unknownFields(part, path, "type", "file");
                JsonNode file = part.path("file");
                String data = file.path("file_data").asText(null);
                var matcher = data == null ? null : DATA_URL.matcher(data);
                if (file.has("file_id") || matcher == null || !matcher.matches()) {
                    untranslatable.element(path, "file", "without inline file_data");
                    return null;
                }
                if (!matcher.group(1).equals("application/pdf")) {
                    untranslatable.element(path, "file.file_data", "of a type other than PDF");
                    return null;
                }
                unknownFields(file, at(path, "file"), "file_data", "filename");
                ObjectNode block = mapper.createObjectNode().put("type", "document");
                block.putObject("source")
                        .put("type", "base64")
                        .put("media_type", "application/pdf")
                        .put("data", matcher.group(2));
                if (file.hasNonNull("filename")) block.set("title", file.get("filename"));
                return block;
            }
            default -> {
                untranslatable.element(path, "type", quoted(part.path("type")));
                return null;
            }
        }
    }

    private ObjectNode source(String url) {
        var matcher = DATA_URL.matcher(url);
        ObjectNode source = mapper.createObjectNode();
        if (matcher.matches()) {
            source.put("type", "base64").put("media_type", matcher.group(1)).put("data", matcher.group(2));
        } else {
            source.put("type", "url").put("url", url);
        }
        return source;
    }

    private void assistant(JsonNode message, String path, ArrayNode out) {
        unknownFields(message, path, "role", "content", "tool_calls", "refusal");
        if (message.hasNonNull("refusal")) untranslatable.field(at(path, "refusal"));
        ArrayNode content = mapper.createArrayNode();
        JsonNode text = message.get("content");
        if (text != null && !text.isNull()) {
            String joined = text(text, at(path, "content"));
            if (!joined.isEmpty()) content.addObject().put("type", "text").put("text", joined);
        }
        JsonNode calls = message.path("tool_calls");
        for (int k = 0; k < calls.size(); k++) {
            JsonNode call = calls.get(k);
            String callPath = at(at(path, "tool_calls"), k);
            unknownFields(call, callPath, "id", "type", "function");
            if (call.has("type") && !"function".equals(call.path("type").asText())) {
                untranslatable.element(callPath, "type", quoted(call.path("type")));
                continue;
            }
            ObjectNode use = content.addObject().put("type", "tool_use");
            use.put("id", id(call.path("id").asText()));
            use.set("name", call.path("function").get("name"));
            use.set("input", arguments(call.path("function").path("arguments").asText(""), callPath));
        }
        ObjectNode assistant = out.addObject().put("role", "assistant");
        if (content.isEmpty()) assistant.put("content", "");
        else assistant.set("content", content);
    }

    private JsonNode arguments(String arguments, String path) {
        if (arguments.isBlank()) return mapper.createObjectNode();
        try {
            JsonNode input = mapper.readTree(arguments);
            if (input != null && input.isObject()) return input;
        } catch (IOException e) {
            // reported below
        }
        throw new GatewayFailure(
                FailureKind.INVALID_REQUEST,
                path + ".function.arguments: expected a JSON object, which an Anthropic-format provider requires.");
    }

    /** The text of a string, or of text parts joined; other parts go to {@link Untranslatable}. */
    private String text(JsonNode content, String path) {
        if (content.isTextual()) return content.textValue();
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < content.size(); j++) {
            JsonNode part = content.get(j);
            String partPath = at(path, j);
            if ("text".equals(part.path("type").asText())) {
                unknownFields(part, partPath, "type", "text");
                text.append(part.path("text").asText());
            } else {
                untranslatable.element(partPath, "type", quoted(part.path("type")));
            }
        }
        return text.toString();
    }

    private void tools(JsonNode tools, ObjectNode out) {
        ArrayNode anthropic = mapper.createArrayNode();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String path = at("tools", i);
            if (!"function".equals(tool.path("type").asText())) {
                untranslatable.element(path, "type", quoted(tool.path("type")));
                continue;
            }
            unknownFields(tool, path, "type", "function");
            JsonNode function = tool.path("function");
            unknownFields(function, at(path, "function"), "name", "description", "parameters", "strict");
            ObjectNode t = anthropic.addObject();
            t.set("name", function.get("name"));
            if (function.hasNonNull("description")) t.set("description", function.get("description"));
            JsonNode parameters = function.get("parameters");
            if (parameters == null || parameters.isNull()) {
                t.putObject("input_schema").put("type", "object").putObject("properties");
            } else {
                t.set("input_schema", parameters);
            }
            if (function.hasNonNull("strict")) t.set("strict", function.get("strict"));
        }
        if (!anthropic.isEmpty()) out.set("tools", anthropic);
    }

    private void toolChoice(JsonNode choice, ObjectNode out) {
        if (choice.isTextual()) {
            switch (choice.textValue()) {
                case "auto" -> out.putObject("tool_choice").put("type", "auto");
                case "required" -> out.putObject("tool_choice").put("type", "any");
                case "none" -> out.putObject("tool_choice").put("type", "none");
                default -> untranslatable.field("tool_choice", quoted(choice));
            }
            return;
        }
        if (!"function".equals(choice.path("type").asText())) {
            untranslatable.element("tool_choice", "type", quoted(choice.path("type")));
            return;
        }
        unknownFields(choice, "tool_choice", "type", "function");
        out.putObject("tool_choice")
                .put("type", "tool")
                .set("name", choice.path("function").get("name"));
    }

    private void responseFormat(JsonNode format, ObjectNode out) {
        switch (format.path("type").asText()) {
            case "text" -> {}
            case "json_schema" -> {
                JsonNode schema = format.path("json_schema");
                unknownFields(schema, "response_format.json_schema", "name", "schema", "strict");
                out.putObject("output_config")
                        .putObject("format")
                        .put("type", "json_schema")
                        .set("schema", schema.get("schema"));
            }
            default -> untranslatable.element("response_format", "type", quoted(format.path("type")));
        }
    }

    /**
     * Sends every field of {@code node} other than {@code known} to {@link Untranslatable}; a field that is {@code
     * null} or an empty array asks for nothing and passes.
     */
    private void unknownFields(JsonNode node, String path, String... known) {
        outer:
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isNull()
                    || (field.getValue().isArray() && field.getValue().isEmpty())) continue;
            for (String k : known) {
                if (k.equals(field.getKey())) continue outer;
            }
            untranslatable.field(at(path, field.getKey()));
        }
    }

    /** A tool-call id as Anthropic accepts it ({@code [A-Za-z0-9_-]+}). */
    static String id(String id) {
        return id.isEmpty() ? "_" : NOT_ID.matcher(id).replaceAll("_");
    }
}
