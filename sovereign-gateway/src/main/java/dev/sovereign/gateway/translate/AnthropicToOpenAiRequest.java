package dev.sovereign.gateway.translate;

import static dev.sovereign.gateway.translate.Untranslatable.at;
import static dev.sovereign.gateway.translate.Untranslatable.quoted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * An Anthropic Messages request as an OpenAI Chat Completions request.
 *
 * <p>Maps: {@code system} (a string or text blocks) → a leading {@code system} message; text and image blocks
 * (base64 → a {@code data:} URL, URL → the URL) → content parts; {@code tool_use} → the assistant's {@code
 * tool_calls} (input as a JSON string); {@code tool_result} → a {@code tool} message each, before the rest of the
 * user's turn; {@code tools} ({@code input_schema} → {@code function.parameters}, {@code strict}); {@code
 * tool_choice} ({@code auto}, {@code any} → {@code required}, {@code none}, {@code tool} → a named function;
 * {@code disable_parallel_tool_use} → {@code parallel_tool_calls: false}); {@code max_tokens}; {@code
 * stop_sequences} → {@code stop}; {@code temperature}; {@code top_p}; {@code stream} (with {@code
 * stream_options.include_usage}, so the usage is known); {@code metadata.user_id} → {@code user}; {@code
 * output_config.format} (JSON schema) → {@code response_format}. {@code cache_control} is removed wherever it
 * appears: it is a caching hint that never changes an answer, and OpenAI-format servers cache prompt prefixes on
 * their own where they cache at all.
 *
 * <p>Everything else — {@code top_k}, {@code thinking}, documents, server tools, {@code is_error} on a tool result,
 * images in tool results, thinking blocks, unknown fields — has no OpenAI equivalent and goes to {@link
 * Untranslatable}. Pure; one instance per translation.
 */
final class AnthropicToOpenAiRequest {
    private final ObjectMapper mapper;
    private final Untranslatable untranslatable;

    AnthropicToOpenAiRequest(ObjectMapper mapper, Untranslatable untranslatable) {
        this.mapper = mapper;
        this.untranslatable = untranslatable;
    }

    ObjectNode translate(ObjectNode in) {
        ObjectNode out = mapper.createObjectNode();
        out.set("model", in.get("model"));
        ArrayNode messages = out.putArray("messages");
        JsonNode system = in.get("system");
        if (system != null && !system.isNull()) {
            String text = system.isTextual() ? system.textValue() : systemText(system);
            messages.addObject().put("role", "system").put("content", text);
        }
        JsonNode inMessages = in.path("messages");
        for (int i = 0; i < inMessages.size(); i++) message(inMessages.get(i), at("messages", i), messages);
        for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            switch (name) {
                case "model", "messages", "system" -> {}
                case "max_tokens", "temperature", "top_p" -> out.set(name, value);
                case "stop_sequences" -> {
                    if (value.isArray() && !value.isEmpty()) out.set("stop", value);
                }
                case "stream" -> {
                    out.set("stream", value);
                    if (value.asBoolean(false)) out.putObject("stream_options").put("include_usage", true);
                }
                case "metadata" -> metadata(value, out);
                case "tools" -> tools(value, out);
                case "tool_choice" -> toolChoice(value, out);
                case "thinking" -> {
                    if (!"disabled".equals(value.path("type").asText())) untranslatable.field("thinking");
                }
                case "service_tier" -> {
                    if (!"auto".equals(value.asText())) untranslatable.field("service_tier", quoted(value));
                }
                case "output_config" -> outputConfig(value, out);
                default -> untranslatable.field(name);
            }
        }
        return out;
    }

    private String systemText(JsonNode system) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < system.size(); i++) {
            JsonNode block = system.get(i);
            String path = at("system", i);
            if (!"text".equals(block.path("type").asText())) {
                untranslatable.element(path, "type", quoted(block.path("type")));
                continue;
            }
            unknownBlockFields(block, path, "type", "text", "cache_control");
            if (!text.isEmpty()) text.append('\n');
            text.append(block.path("text").asText());
        }
        return text.toString();
    }

    private void message(JsonNode message, String path, ArrayNode out) {
        String role = message.path("role").asText();
        if (!role.equals("user") && !role.equals("assistant")) {
            untranslatable.element(path, "role", quoted(message.path("role")));
            return;
        }
        unknownBlockFields(message, path, "role", "content");
        JsonNode content = message.path("content");
        if (content.isTextual() || !content.isArray()) {
            // A message without content is the provider's to judge, not the translation's to lose.
            out.addObject().put("role", role).put("content", content.asText(""));
        } else if (role.equals("user")) {
            userTurn(content, path, out);
        } else {
            assistantTurn(content, path, out);
        }
    }

    /** Tool results become {@code tool} messages, which must follow the assistant's calls; the rest one message. */
    private void userTurn(JsonNode content, String path, ArrayNode out) {
        ArrayNode parts = mapper.createArrayNode();
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            String blockPath = at(at(path, "content"), j);
            switch (block.path("type").asText()) {
                case "text" -> parts.add(textPart(block, blockPath));
                case "image" -> {
                    ObjectNode image = imagePart(block, blockPath);
                    if (image != null) parts.add(image);
                }
                case "tool_result" -> toolResult(block, blockPath, out);
                default -> untranslatable.element(blockPath, "type", quoted(block.path("type")));
            }
        }
        if (parts.isEmpty()) return;
        ObjectNode message = out.addObject().put("role", "user");
        if (parts.size() == 1 && parts.get(0).path("type").asText().equals("text")) {
            message.set("content", parts.get(0).get("text"));
        } else {
            message.set("content", parts);
        }
    }

    private void assistantTurn(JsonNode content, String path, ArrayNode out) {
        StringBuilder text = null;
        ArrayNode calls = mapper.createArrayNode();
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            String blockPath = at(at(path, "content"), j);
            switch (block.path("type").asText()) {
                case "text" -> {
                    unknownBlockFields(block, blockPath, "type", "text", "cache_control");
                    if (text == null) text = new StringBuilder();
                    text.append(block.path("text").asText());
                }
                case "tool_use" -> {
                    unknownBlockFields(block, blockPath, "type", "id", "name", "input", "cache_control");
                    ObjectNode call = calls.addObject();
                    call.set("id", block.get("id"));
                    call.put("type", "function");
                    ObjectNode function = call.putObject("function");
                    function.set("name", block.get("name"));
                    JsonNode input = block.get("input");
                    function.put("arguments", input == null || input.isNull() ? "{}" : input.toString());
                }
                default -> untranslatable.element(blockPath, "type", quoted(block.path("type")));
            }
        }
        ObjectNode message = out.addObject().put("role", "assistant");
        if (text != null) message.put("content", text.toString());
        else if (calls.isEmpty()) message.put("content", "");
        else message.putNull("content");
        if (!calls.isEmpty()) message.set("tool_calls", calls);
    }

    private ObjectNode textPart(JsonNode block, String path) {
        unknownBlockFields(block, path, "type", "text", "cache_control");
        ObjectNode part = mapper.createObjectNode().put("type", "text");
        part.set("text", block.get("text"));
        return part;
    }

    /** An image part, or {@code null} when its source cannot be sent (and dropping is configured). */
    private ObjectNode imagePart(JsonNode block, String path) {
        unknownBlockFields(block, path, "type", "source", "cache_control");
        JsonNode source = block.path("source");
        String url;
        switch (source.path("type").asText()) {
            case "base64" ->
                url = "data:" + source.path("media_type").asText() + ";base64,"
                        + source.path("data").asText();
            case "url" -> url = source.path("url").asText();
            default -> {
                untranslatable.element(path, "source.type", quoted(source.path("type")));
                return null;
            }
        }
        ObjectNode part = mapper.createObjectNode().put("type", "image_url");
        part.putObject("image_url").put("url", url);
        return part;
    }

    private void toolResult(JsonNode block, String path, ArrayNode out) {
        unknownBlockFields(block, path, "type", "tool_use_id", "content", "is_error", "cache_control");
        if (block.path("is_error").asBoolean(false)) untranslatable.field(at(path, "is_error"));
        ObjectNode message = out.addObject().put("role", "tool");
        message.set("tool_call_id", block.get("tool_use_id"));
        JsonNode content = block.get("content");
        if (content == null || content.isNull()) {
            message.put("content", "");
        } else if (content.isTextual()) {
            message.set("content", content);
        } else {
            ArrayNode parts = mapper.createArrayNode();
            for (int k = 0; k < content.size(); k++) {
                JsonNode part = content.get(k);
                String partPath = at(at(path, "content"), k);
                if ("text".equals(part.path("type").asText())) parts.add(textPart(part, partPath));
                else untranslatable.element(partPath, "type", quoted(part.path("type")));
            }
            if (parts.size() == 1) message.set("content", parts.get(0).get("text"));
            else if (parts.isEmpty()) message.put("content", "");
            else message.set("content", parts);
        }
    }

    private void tools(JsonNode tools, ObjectNode out) {
        ArrayNode functions = mapper.createArrayNode();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String path = at("tools", i);
            JsonNode type = tool.get("type");
            if (type != null && !type.isNull() && !"custom".equals(type.asText())) {
                untranslatable.element(path, "type", quoted(type));
                continue;
            }
            unknownBlockFields(tool, path, "type", "name", "description", "input_schema", "strict", "cache_control");
            ObjectNode function = functions.addObject().put("type", "function").putObject("function");
            function.set("name", tool.get("name"));
            if (tool.hasNonNull("description")) function.set("description", tool.get("description"));
            function.set("parameters", tool.get("input_schema"));
            if (tool.hasNonNull("strict")) function.set("strict", tool.get("strict"));
        }
        if (!functions.isEmpty()) out.set("tools", functions);
    }

    private void toolChoice(JsonNode choice, ObjectNode out) {
        unknownBlockFields(choice, "tool_choice", "type", "name", "disable_parallel_tool_use");
        switch (choice.path("type").asText()) {
            case "auto" -> out.put("tool_choice", "auto");
            case "any" -> out.put("tool_choice", "required");
            case "none" -> out.put("tool_choice", "none");
            case "tool" -> {
                ObjectNode named = out.putObject("tool_choice").put("type", "function");
                named.putObject("function").set("name", choice.get("name"));
            }
            default -> untranslatable.element("tool_choice", "type", quoted(choice.path("type")));
        }
        if (choice.path("disable_parallel_tool_use").asBoolean(false)) out.put("parallel_tool_calls", false);
    }

    private void metadata(JsonNode metadata, ObjectNode out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("user_id")) {
                if (!field.getValue().isNull()) out.set("user", field.getValue());
            } else {
                untranslatable.field(at("metadata", field.getKey()));
            }
        }
    }

    private void outputConfig(JsonNode config, ObjectNode out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getKey().equals("format")) {
                untranslatable.field(at("output_config", field.getKey()));
                continue;
            }
            JsonNode format = field.getValue();
            if (!"json_schema".equals(format.path("type").asText())) {
                untranslatable.element("output_config.format", "type", quoted(format.path("type")));
                continue;
            }
            unknownBlockFields(format, "output_config.format", "type", "schema");
            ObjectNode schema = out.putObject("response_format")
                    .put("type", "json_schema")
                    .putObject("json_schema")
                    .put("name", "output");
            schema.set("schema", format.get("schema"));
            schema.put("strict", true);
        }
    }

    /**
     * Sends every field of {@code node} other than {@code known} to {@link Untranslatable}; a field that is {@code
     * null} or an empty array asks for nothing and passes.
     */
    private void unknownBlockFields(JsonNode node, String path, String... known) {
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
}
