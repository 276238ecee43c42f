package dev.sovereign.bench.classify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.classify.TextSegment;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The previous field-list reading of a request body, kept as the benchmark baseline of {@link WholeBodyBenchmark}: a
 * copy of {@code dev.sovereign.classify.RequestText} as of commit 0c21957, before it read the whole body. It extracts
 * only the fields it knows, with their JSON pointers: system prompts, message text, tool inputs (every string leaf)
 * and tool results, text documents. Binary parts (images, base64 or PDF documents, audio, files) yield a {@link
 * TextSegment#binaryPart binary marker}. Tool definitions, keys, numbers and unknown fields are not read. Stateless.
 */
public final class FieldListText {
    private FieldListText() {}

    /** Segments of an Anthropic Messages API request. */
    public static List<TextSegment> fromAnthropic(JsonNode body) {
        List<TextSegment> out = new ArrayList<>();
        JsonNode system = body.path("system");
        if (system.isTextual()) {
            out.add(new TextSegment("/system", system.asText()));
        } else if (system.isArray()) {
            anthropicBlocks(system, "/system", out);
        }
        JsonNode messages = body.path("messages");
        for (int m = 0; m < messages.size(); m++) {
            JsonNode content = messages.get(m).path("content");
            String path = "/messages/" + m + "/content";
            if (content.isTextual()) {
                out.add(new TextSegment(path, content.asText()));
            } else if (content.isArray()) {
                anthropicBlocks(content, path, out);
            }
        }
        return out;
    }

    private static void anthropicBlocks(JsonNode blocks, String path, List<TextSegment> out) {
        for (int b = 0; b < blocks.size(); b++) {
            JsonNode block = blocks.get(b);
            String at = path + "/" + b;
            switch (block.path("type").asText()) {
                case "text" ->
                    out.add(new TextSegment(at + "/text", block.path("text").asText()));
                case "thinking" ->
                    out.add(new TextSegment(
                            at + "/thinking", block.path("thinking").asText()));
                case "image" -> out.add(TextSegment.binaryPart(at));
                case "document" -> document(block, at, out);
                case "tool_use", "server_tool_use" -> strings(block.path("input"), at + "/input", out);
                case "tool_result" -> {
                    JsonNode content = block.path("content");
                    if (content.isTextual()) {
                        out.add(new TextSegment(at + "/content", content.asText()));
                    } else if (content.isArray()) {
                        anthropicBlocks(content, at + "/content", out);
                    }
                }
                default -> {
                    if (block.has("text") && block.get("text").isTextual()) {
                        out.add(new TextSegment(at + "/text", block.get("text").asText()));
                    }
                }
            }
        }
    }

    private static void document(JsonNode block, String at, List<TextSegment> out) {
        JsonNode source = block.path("source");
        switch (source.path("type").asText()) {
            case "text" ->
                out.add(new TextSegment(at + "/source/data", source.path("data").asText()));
            case "content" -> {
                JsonNode content = source.path("content");
                if (content.isTextual()) {
                    out.add(new TextSegment(at + "/source/content", content.asText()));
                } else {
                    anthropicBlocks(content, at + "/source/content", out);
                }
            }
            default -> out.add(TextSegment.binaryPart(at));
        }
        if (block.path("context").isTextual()) {
            out.add(new TextSegment(at + "/context", block.get("context").asText()));
        }
        if (block.path("title").isTextual()) {
            out.add(new TextSegment(at + "/title", block.get("title").asText()));
        }
    }

    /** Segments of an OpenAI Chat Completions or Embeddings request. */
    public static List<TextSegment> fromOpenAi(JsonNode body) {
        List<TextSegment> out = new ArrayList<>();
        JsonNode messages = body.path("messages");
        for (int m = 0; m < messages.size(); m++) {
            JsonNode message = messages.get(m);
            String path = "/messages/" + m;
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                out.add(new TextSegment(path + "/content", content.asText()));
            } else if (content.isArray()) {
                for (int p = 0; p < content.size(); p++) {
                    JsonNode part = content.get(p);
                    String at = path + "/content/" + p;
                    switch (part.path("type").asText()) {
                        case "text" ->
                            out.add(new TextSegment(
                                    at + "/text", part.path("text").asText()));
                        case "refusal" ->
                            out.add(new TextSegment(
                                    at + "/refusal", part.path("refusal").asText()));
                        default -> out.add(TextSegment.binaryPart(at));
                    }
                }
            }
            JsonNode calls = message.path("tool_calls");
            for (int c = 0; c < calls.size(); c++) {
                JsonNode arguments = calls.get(c).path("function").path("arguments");
                if (arguments.isTextual()) {
                    out.add(new TextSegment(path + "/tool_calls/" + c + "/function/arguments", arguments.asText()));
                }
            }
        }
        JsonNode input = body.path("input");
        if (input.isTextual()) {
            out.add(new TextSegment("/input", input.asText()));
        } else if (input.isArray()) {
            for (int k = 0; k < input.size(); k++) {
                if (input.get(k).isTextual()) {
                    out.add(new TextSegment("/input/" + k, input.get(k).asText()));
                }
            }
        }
        return out;
    }

    /** Every string leaf under {@code node}, for tool inputs whose schema is the tool's own. */
    private static void strings(JsonNode node, String path, List<TextSegment> out) {
        if (node.isTextual()) {
            out.add(new TextSegment(path, node.asText()));
        } else if (node.isArray()) {
            for (int k = 0; k < node.size(); k++) {
                strings(node.get(k), path + "/" + k, out);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                strings(field.getValue(), path + "/" + escape(field.getKey()), out);
            }
        }
    }

    /** JSON pointer escaping (RFC 6901). */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
