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
 * An OpenAI-format answer for an Anthropic client: chunks become Anthropic events, a whole completion becomes a
 * message ({@link OpenAiToAnthropicResponse}).
 *
 * <p>Design: a state machine over the chunks of choice 0. The first chunk opens the message ({@code
 * message_start}, with the upstream's id and model; input tokens are not known yet and read 0). Text deltas go to a
 * text block, each tool call (told apart by its {@code index}) to a {@code tool_use} block whose arguments stream as
 * {@code input_json_delta}s; a block starts when its first delta arrives and stops when another begins or the choice
 * finishes, so blocks follow one another as Anthropic's do. {@code finish_reason} gives the stop reason; the usage
 * chunk that the gateway asks for ({@code stream_options.include_usage}) comes after it, so {@code message_delta}
 * (stop reason and the whole usage) and {@code message_stop} are sent at {@code [DONE]}. An in-stream error chunk
 * becomes an {@code error} event. Arguments of a tool call that arrive after another call began (no known server
 * interleaves them) are still sent, to the earlier block. Not thread-safe: one per answer.
 */
final class OpenAiToAnthropicStream implements AnswerTranslator {
    private final ObjectMapper mapper;
    private final OpenAiToAnthropicResponse response;
    private boolean started;
    private boolean ended;
    private String id = "msg_translated";
    private int nextBlock;
    private int openBlock = -1;
    private boolean openIsText;
    private final Map<Integer, Integer> toolBlocks = new HashMap<>();
    private String stopReason;
    private boolean refused;
    private TokenUsage.Counts usage;

    OpenAiToAnthropicStream(ObjectMapper mapper) {
        this.mapper = mapper;
        this.response = new OpenAiToAnthropicResponse(mapper);
    }

    @Override
    public WireFormat upstream() {
        return WireFormat.OPENAI;
    }

    @Override
    public byte[] body(byte[] body) {
        try {
            return mapper.writeValueAsBytes(response.translate(mapper.readTree(body)));
        } catch (IOException e) {
            throw Translator.invalidAnswer();
        }
    }

    @Override
    public void frame(SseFrame frame, Consumer<SseFrame> out) {
        String data = frame.data();
        if (data == null || ended) return;
        if (data.strip().equals("[DONE]")) {
            finish(out);
            return;
        }
        JsonNode chunk = parse(data);
        if (chunk == null) return;
        if (chunk.path("error").isObject()) {
            error(chunk.get("error"), out);
            return;
        }
        if (!started) start(chunk, out);
        if (chunk.path("usage").isObject()) usage = TokenUsage.Counts.ofOpenAi(chunk.get("usage"));
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("index").asInt(0) != 0) continue;
            JsonNode delta = choice.path("delta");
            text(delta.path("content"), out);
            if (delta.path("refusal").isTextual()
                    && !delta.path("refusal").textValue().isEmpty()) {
                refused = true;
                text(delta.path("refusal"), out);
            }
            for (JsonNode call : delta.path("tool_calls")) toolCall(call, out);
            if (choice.hasNonNull("finish_reason")) {
                stopReason = StopReasons.stopReason(choice.path("finish_reason").asText());
                closeBlock(out);
            }
        }
    }

    private void start(JsonNode chunk, Consumer<SseFrame> out) {
        started = true;
        if (chunk != null && chunk.path("id").isTextual()) id = chunk.path("id").textValue();
        ObjectNode message = mapper.createObjectNode();
        message.put("id", id).put("type", "message").put("role", "assistant");
        message.set("model", chunk == null ? null : chunk.get("model"));
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.set("usage", TokenUsage.anthropic(TokenUsage.Counts.NONE));
        ObjectNode event = mapper.createObjectNode().put("type", "message_start");
        event.set("message", message);
        emit("message_start", event, out);
    }

    private void text(JsonNode content, Consumer<SseFrame> out) {
        if (!content.isTextual() || content.textValue().isEmpty()) return;
        if (openBlock < 0 || !openIsText) {
            closeBlock(out);
            openBlock = nextBlock++;
            openIsText = true;
            ObjectNode event =
                    mapper.createObjectNode().put("type", "content_block_start").put("index", openBlock);
            event.putObject("content_block").put("type", "text").put("text", "");
            emit("content_block_start", event, out);
        }
        ObjectNode event =
                mapper.createObjectNode().put("type", "content_block_delta").put("index", openBlock);
        event.putObject("delta").put("type", "text_delta").put("text", content.textValue());
        emit("content_block_delta", event, out);
    }

    private void toolCall(JsonNode call, Consumer<SseFrame> out) {
        int index = call.path("index").asInt(0);
        Integer block = toolBlocks.get(index);
        if (block == null) {
            closeBlock(out);
            block = nextBlock++;
            toolBlocks.put(index, block);
            openBlock = block;
            openIsText = false;
            ObjectNode event =
                    mapper.createObjectNode().put("type", "content_block_start").put("index", block);
            ObjectNode use = event.putObject("content_block").put("type", "tool_use");
            use.put("id", call.path("id").isTextual() ? call.path("id").textValue() : id + "_call_" + index);
            use.put("name", call.path("function").path("name").asText(""));
            use.putObject("input");
            emit("content_block_start", event, out);
        }
        String arguments = call.path("function").path("arguments").asText("");
        if (arguments.isEmpty()) return;
        ObjectNode event =
                mapper.createObjectNode().put("type", "content_block_delta").put("index", block);
        event.putObject("delta").put("type", "input_json_delta").put("partial_json", arguments);
        emit("content_block_delta", event, out);
    }

    private void closeBlock(Consumer<SseFrame> out) {
        if (openBlock < 0) return;
        emit(
                "content_block_stop",
                mapper.createObjectNode().put("type", "content_block_stop").put("index", openBlock),
                out);
        openBlock = -1;
    }

    private void finish(Consumer<SseFrame> out) {
        if (!started) start(null, out);
        closeBlock(out);
        ObjectNode event = mapper.createObjectNode().put("type", "message_delta");
        String reason = refused ? "refusal" : stopReason == null ? "end_turn" : stopReason;
        event.putObject("delta").put("stop_reason", reason).putNull("stop_sequence");
        if (usage != null) event.set("usage", TokenUsage.anthropic(usage));
        else event.putObject("usage").put("output_tokens", 0);
        emit("message_delta", event, out);
        emit("message_stop", mapper.createObjectNode().put("type", "message_stop"), out);
        ended = true;
    }

    private void error(JsonNode error, Consumer<SseFrame> out) {
        ObjectNode event = mapper.createObjectNode().put("type", "error");
        String type = error.path("type").isTextual()
                ? error.path("type").textValue()
                : error.path("code").asText(null);
        event.putObject("error")
                .put("type", ErrorTypes.anthropic(type))
                .put("message", error.path("message").asText("The upstream provider reported an error."));
        emit("error", event, out);
        ended = true;
    }

    private JsonNode parse(String data) {
        try {
            JsonNode node = mapper.readTree(data);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void emit(String event, ObjectNode data, Consumer<SseFrame> out) {
        try {
            out.accept(SseFrame.of("event: " + event + "\ndata: " + mapper.writeValueAsString(data) + "\n\n"));
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
