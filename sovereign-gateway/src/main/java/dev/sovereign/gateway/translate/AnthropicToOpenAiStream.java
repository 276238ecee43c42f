package dev.sovereign.gateway.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.config.WireFormat;
import dev.sovereign.gateway.sse.SseFrame;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An Anthropic-format answer for an OpenAI client: events become {@code chat.completion.chunk}s, a whole message
 * becomes a completion ({@link AnthropicToOpenAiResponse}).
 *
 * <p>Design: {@code message_start} gives the id, model and input usage and opens the answer with a chunk carrying
 * the role; {@code text_delta}s become {@code content} deltas; each {@code tool_use} block becomes a tool call
 * numbered in order of appearance, its start a delta with id and name and its {@code input_json_delta}s argument
 * fragments under the same {@code index}; {@code message_delta} gives the {@code finish_reason} chunk and the output
 * usage (cumulative: the last value counts); {@code message_stop} sends the usage chunk ({@code "choices":[]}) when
 * the client asked for it with {@code stream_options.include_usage}, then {@code data: [DONE]}. {@code ping},
 * {@code content_block_stop}, thinking and other blocks have no chunk; an {@code error} event becomes an error
 * chunk. Not thread-safe: one per answer.
 */
final class AnthropicToOpenAiStream implements AnswerTranslator {
    private final ObjectMapper mapper;
    private final AnthropicToOpenAiResponse response;
    private final long created;
    private final boolean includeUsage;
    private String id = "chatcmpl-translated";
    private JsonNode model;
    private final Map<Integer, Integer> toolCalls = new HashMap<>();
    private long input;
    private long output;
    private long cacheRead;
    private long cacheWrite;

    /**
     * @param created the {@code created} second of every chunk
     * @param includeUsage the client asked for the usage chunk
     */
    AnthropicToOpenAiStream(ObjectMapper mapper, long created, boolean includeUsage) {
        this.mapper = mapper;
        this.response = new AnthropicToOpenAiResponse(mapper);
        this.created = created;
        this.includeUsage = includeUsage;
    }

    @Override
    public WireFormat upstream() {
        return WireFormat.ANTHROPIC;
    }

    @Override
    public byte[] body(byte[] body) {
        try {
            return mapper.writeValueAsBytes(response.translate(mapper.readTree(body), created));
        } catch (IOException e) {
            throw Translator.invalidAnswer();
        }
    }

    // One switch over Anthropic's stream events, in the order the API documents them, so that each event's
    // translation can be checked against the specification beside it; split, it would hide that order.
    @Override
    public void frame(SseFrame frame, Consumer<SseFrame> out) {
        String event = frame.event();
        if ("ping".equals(event) || "content_block_stop".equals(event)) return;
        JsonNode data = parse(frame.data());
        if (data == null) return;
        // Anthropic names each event twice, in its event line and in its data's type: either will do.
        if (event == null) event = data.path("type").asText();
        switch (event) {
            case "message_start" -> {
                JsonNode message = data.path("message");
                if (message.path("id").isTextual()) id = message.path("id").textValue();
                model = message.get("model");
                usage(message.path("usage"));
                ObjectNode delta =
                        mapper.createObjectNode().put("role", "assistant").put("content", "");
                emit(chunk(delta, null), out);
            }
            case "content_block_start" -> {
                JsonNode block = data.path("content_block");
                String type = block.path("type").asText();
                if (type.equals("tool_use")) {
                    int call = toolCalls.size();
                    toolCalls.put(data.path("index").asInt(), call);
                    ObjectNode delta = mapper.createObjectNode();
                    ObjectNode tool = delta.putArray("tool_calls").addObject().put("index", call);
                    tool.set("id", block.get("id"));
                    tool.put("type", "function");
                    ObjectNode function = tool.putObject("function");
                    function.set("name", block.get("name"));
                    function.put("arguments", "");
                    emit(chunk(delta, null), out);
                } else if (type.equals("text") && !block.path("text").asText("").isEmpty()) {
                    emit(chunk(mapper.createObjectNode().set("content", block.get("text")), null), out);
                }
            }
            case "content_block_delta" -> {
                JsonNode delta = data.path("delta");
                switch (delta.path("type").asText()) {
                    case "text_delta" ->
                        emit(chunk(mapper.createObjectNode().set("content", delta.get("text")), null), out);
                    case "input_json_delta" -> {
                        Integer call = toolCalls.get(data.path("index").asInt());
                        if (call == null
                                || delta.path("partial_json").asText("").isEmpty()) return;
                        ObjectNode d = mapper.createObjectNode();
                        d.putArray("tool_calls")
                                .addObject()
                                .put("index", call)
                                .putObject("function")
                                .set("arguments", delta.get("partial_json"));
                        emit(chunk(d, null), out);
                    }
                    default -> {}
                }
            }
            case "message_delta" -> {
                usage(data.path("usage"));
                String finish = StopReasons.finishReason(
                        data.path("delta").path("stop_reason").asText(null));
                if (finish != null) emit(chunk(mapper.createObjectNode(), finish), out);
            }
            case "message_stop" -> {
                if (includeUsage) {
                    ObjectNode last = envelope();
                    last.putArray("choices");
                    last.set("usage", TokenUsage.openAi(input, output, cacheRead, cacheWrite));
                    emit(last, out);
                }
                out.accept(SseFrame.of("data: [DONE]\n\n"));
            }
            case "error" -> {
                JsonNode error = data.path("error");
                String type = error.path("type").asText(null);
                ObjectNode body = mapper.createObjectNode();
                body.putObject("error")
                        .put("message", error.path("message").asText("The upstream provider reported an error."))
                        .put("type", ErrorTypes.openAi(type))
                        .putNull("param")
                        .put("code", type == null ? null : "upstream." + type);
                emit(body, out);
            }
            default -> {}
        }
    }

    private void usage(JsonNode usage) {
        if (!usage.isObject()) return;
        input = usage.path("input_tokens").asLong(input);
        output = usage.path("output_tokens").asLong(output);
        cacheRead = usage.path("cache_read_input_tokens").asLong(cacheRead);
        cacheWrite = usage.path("cache_creation_input_tokens").asLong(cacheWrite);
    }

    private ObjectNode envelope() {
        ObjectNode chunk = mapper.createObjectNode();
        chunk.put("id", id).put("object", "chat.completion.chunk").put("created", created);
        chunk.set("model", model);
        return chunk;
    }

    private ObjectNode chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = envelope();
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        if (includeUsage) chunk.putNull("usage");
        return chunk;
    }

    private JsonNode parse(String data) {
        if (data == null) return null;
        try {
            JsonNode node = mapper.readTree(data);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void emit(ObjectNode chunk, Consumer<SseFrame> out) {
        try {
            out.accept(SseFrame.of("data: " + mapper.writeValueAsString(chunk) + "\n\n"));
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
