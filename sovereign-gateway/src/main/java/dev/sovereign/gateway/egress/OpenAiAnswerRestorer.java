package dev.sovereign.gateway.egress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.gateway.provider.AnswerRestorer;
import dev.sovereign.gateway.sse.SseFrame;
import dev.sovereign.gateway.wire.Json;
import dev.sovereign.redact.RestoreCounts;
import dev.sovereign.redact.Restorer;
import dev.sovereign.redact.StreamRestorer;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Restores pseudonyms in an OpenAI Chat Completions answer: {@code message.content} and tool-call
 * {@code function.arguments}; in a stream, {@code delta.content} and {@code delta.tool_calls[].function.arguments},
 * one {@link StreamRestorer} per choice and per tool call. What a restorer still holds when its choice finishes is
 * sent in an extra chunk just before the chunk with {@code finish_reason} (or before {@code [DONE]}).
 */
public final class OpenAiAnswerRestorer implements AnswerRestorer {
    private final Restorer restorer;
    private final Json json;
    /** Key: choice index, or choice index and tool-call index ("0/1"). */
    private final Map<String, StreamRestorer> streams = new LinkedHashMap<>();

    private ObjectNode lastChunk;

    public OpenAiAnswerRestorer(Restorer restorer, Json json) {
        this.restorer = restorer;
        this.json = json;
    }

    @Override
    public void frame(SseFrame frame, Buffer out) {
        String data = frame.data();
        if (data == null) {
            frame.appendTo(out);
            return;
        }
        if (data.strip().equals("[DONE]")) {
            flushAll(out);
            frame.appendTo(out);
            return;
        }
        ObjectNode chunk;
        try {
            JsonNode node = json.mapper().readTree(data);
            if (!(node instanceof ObjectNode o)) {
                frame.appendTo(out);
                return;
            }
            chunk = o;
        } catch (Exception e) {
            frame.appendTo(out);
            return;
        }
        lastChunk = chunk;
        boolean changed = false;
        for (JsonNode choice : chunk.path("choices")) {
            int c = choice.path("index").asInt();
            JsonNode delta = choice.path("delta");
            if (delta instanceof ObjectNode d && d.path("content").isTextual()) {
                String now = streams.computeIfAbsent(String.valueOf(c), k -> restorer.stream())
                        .feed(d.path("content").textValue());
                if (!now.equals(d.path("content").textValue())) {
                    d.put("content", now);
                    changed = true;
                }
            }
            for (JsonNode call : delta.path("tool_calls")) {
                JsonNode fn = call.path("function");
                if (fn instanceof ObjectNode f && f.path("arguments").isTextual()) {
                    String key = c + "/" + call.path("index").asInt();
                    String now = streams.computeIfAbsent(key, k -> restorer.jsonStream())
                            .feed(f.path("arguments").textValue());
                    if (!now.equals(f.path("arguments").textValue())) {
                        f.put("arguments", now);
                        changed = true;
                    }
                }
            }
            if (!choice.path("finish_reason").isNull()
                    && !choice.path("finish_reason").isMissingNode()) {
                flushChoice(out, chunk, c);
            }
        }
        if (changed) write(out, chunk);
        else frame.appendTo(out);
    }

    /** Sends what the restorers of choice {@code c} hold, in a chunk shaped like {@code template}. */
    private void flushChoice(Buffer out, ObjectNode template, int c) {
        String content = null;
        Map<Integer, String> args = new LinkedHashMap<>();
        for (var it = streams.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            String key = e.getKey();
            int slash = key.indexOf('/');
            int choice = Integer.parseInt(slash < 0 ? key : key.substring(0, slash));
            if (choice != c) continue;
            String rest = e.getValue().finish();
            it.remove();
            if (rest.isEmpty()) continue;
            if (slash < 0) content = rest;
            else args.put(Integer.parseInt(key.substring(slash + 1)), rest);
        }
        if (content == null && args.isEmpty()) return;
        ObjectNode extra = template.deepCopy();
        extra.remove("usage");
        ArrayNode choices = extra.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", c);
        ObjectNode delta = choice.putObject("delta");
        if (content != null) delta.put("content", content);
        if (!args.isEmpty()) {
            ArrayNode calls = delta.putArray("tool_calls");
            args.forEach((i, a) ->
                    calls.addObject().put("index", i).putObject("function").put("arguments", a));
        }
        choice.putNull("finish_reason");
        write(out, extra);
    }

    private void flushAll(Buffer out) {
        if (streams.isEmpty() || lastChunk == null) return;
        java.util.Set<Integer> choices = new java.util.TreeSet<>();
        for (String key : streams.keySet()) {
            int slash = key.indexOf('/');
            choices.add(Integer.parseInt(slash < 0 ? key : key.substring(0, slash)));
        }
        for (int c : choices) flushChoice(out, lastChunk, c);
    }

    private void write(Buffer out, ObjectNode chunk) {
        out.appendString("data: ");
        out.appendBuffer(json.buffer(chunk));
        out.appendString("\n\n");
    }

    @Override
    public byte[] body(byte[] body) {
        JsonNode root;
        try {
            root = json.mapper().readTree(body);
        } catch (Exception e) {
            return body;
        }
        for (JsonNode choice : root.path("choices")) {
            JsonNode message = choice.path("message");
            if (message instanceof ObjectNode m && m.path("content").isTextual()) {
                m.put("content", restorer.restore(m.path("content").textValue()));
            }
            for (JsonNode call : message.path("tool_calls")) {
                if (call.path("function") instanceof ObjectNode f
                        && f.path("arguments").isTextual()) {
                    f.put("arguments", restorer.restoreJson(f.path("arguments").textValue()));
                }
            }
        }
        return json.buffer(root).getBytes();
    }

    @Override
    public RestoreCounts counts() {
        return restorer.counts();
    }
}
