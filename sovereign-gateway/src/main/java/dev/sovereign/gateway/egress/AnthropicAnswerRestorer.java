package dev.sovereign.gateway.egress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.gateway.provider.AnswerRestorer;
import dev.sovereign.gateway.sse.SseFrame;
import dev.sovereign.gateway.wire.Json;
import dev.sovereign.redact.RestoreCounts;
import dev.sovereign.redact.Restorer;
import dev.sovereign.redact.StreamRestorer;
import io.vertx.core.buffer.Buffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Restores pseudonyms in an Anthropic Messages answer: {@code text} blocks and {@code tool_use} inputs; in a
 * stream, {@code text_delta} and {@code input_json_delta} deltas, one {@link StreamRestorer} per content block,
 * flushed as an extra delta just before the block's {@code content_block_stop}. Thinking is left as the model wrote
 * it (it is signed).
 */
public final class AnthropicAnswerRestorer implements AnswerRestorer {
    private final Restorer restorer;
    private final Json json;
    private final Map<Integer, Block> blocks = new HashMap<>();

    private record Block(StreamRestorer restorer, String deltaType, String field) {}

    public AnthropicAnswerRestorer(Restorer restorer, Json json) {
        this.restorer = restorer;
        this.json = json;
    }

    @Override
    public void frame(SseFrame frame, Buffer out) {
        String event = frame.event();
        if ("content_block_delta".equals(event)) {
            ObjectNode data = parse(frame);
            if (data == null) {
                frame.appendTo(out);
                return;
            }
            int index = data.path("index").asInt();
            JsonNode delta = data.path("delta");
            String type = delta.path("type").asText();
            String field = switch (type) {
                case "text_delta" -> "text";
                case "input_json_delta" -> "partial_json";
                default -> null;
            };
            if (field == null || !delta.path(field).isTextual()) {
                frame.appendTo(out);
                return;
            }
            Block block = blocks.computeIfAbsent(
                    index,
                    i -> new Block(field.equals("text") ? restorer.stream() : restorer.jsonStream(), type, field));
            String now = block.restorer().feed(delta.path(field).textValue());
            if (now.isEmpty()) return;
            ((ObjectNode) delta).put(field, now);
            write(out, event, data);
        } else if ("content_block_stop".equals(event)) {
            ObjectNode data = parse(frame);
            Block block = data == null ? null : blocks.remove(data.path("index").asInt());
            if (block != null) flush(out, data.path("index").asInt(), block);
            frame.appendTo(out);
        } else if ("message_delta".equals(event) || "message_stop".equals(event)) {
            for (Map.Entry<Integer, Block> e : blocks.entrySet()) flush(out, e.getKey(), e.getValue());
            blocks.clear();
            frame.appendTo(out);
        } else {
            frame.appendTo(out);
        }
    }

    private void flush(Buffer out, int index, Block block) {
        String rest = block.restorer().finish();
        if (rest.isEmpty()) return;
        ObjectNode data = json.mapper().createObjectNode();
        data.put("type", "content_block_delta");
        data.put("index", index);
        data.putObject("delta").put("type", block.deltaType()).put(block.field(), rest);
        write(out, "content_block_delta", data);
    }

    private void write(Buffer out, String event, ObjectNode data) {
        out.appendString("event: " + event + "\ndata: ");
        out.appendBuffer(json.buffer(data));
        out.appendString("\n\n");
    }

    private ObjectNode parse(SseFrame frame) {
        try {
            JsonNode node = json.mapper().readTree(frame.data());
            return node instanceof ObjectNode o ? o : null;
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public byte[] body(byte[] body) {
        JsonNode root;
        try {
            root = json.mapper().readTree(body);
        } catch (Exception e) {
            return body;
        }
        for (JsonNode block : root.path("content")) {
            if (!(block instanceof ObjectNode b)) continue;
            String type = b.path("type").asText();
            if (type.equals("text") && b.path("text").isTextual()) {
                b.put("text", restorer.restore(b.path("text").textValue()));
            } else if (type.equals("tool_use") || type.equals("server_tool_use")) {
                restorer.restoreStrings(b.path("input"));
            }
        }
        return json.buffer(root).getBytes();
    }

    @Override
    public RestoreCounts counts() {
        return restorer.counts();
    }
}
