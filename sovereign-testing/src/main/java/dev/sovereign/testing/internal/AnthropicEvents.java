package dev.sovereign.testing.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SSE frames of an Anthropic Messages stream for one {@link Reply}, in the real order: {@code
 * message_start}, {@code content_block_start}, {@code ping}, one {@code content_block_delta} per
 * word ({@code text_delta}) or argument fragment ({@code input_json_delta}), {@code
 * content_block_stop}, {@code message_delta} (stop reason, cumulative usage), {@code message_stop}.
 *
 * <p>Frames that never vary, and the text deltas of the lorem answer, are serialised once.
 */
final class AnthropicEvents {

    private static final Buffer TEXT_BLOCK_START = frame(
            "content_block_start",
            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
    private static final Buffer PING = frame("ping", "{\"type\":\"ping\"}");
    private static final Buffer BLOCK_STOP =
            frame("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
    private static final Buffer MESSAGE_STOP = frame("message_stop", "{\"type\":\"message_stop\"}");
    private static final Map<String, Buffer> LOREM_DELTAS = new HashMap<>();

    static {
        for (String word : Words.LOREM) {
            LOREM_DELTAS.put(word, textDelta(word));
            LOREM_DELTAS.put(" " + word, textDelta(" " + word));
        }
    }

    private AnthropicEvents() {}

    static List<Buffer> frames(Reply reply, String model, String messageId) {
        List<Buffer> frames = new ArrayList<>(reply.fragments().size() + 8);
        ObjectNode start = Json.object().put("type", "message_start");
        ObjectNode message = AnthropicMessages.envelope(messageId, model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        AnthropicMessages.usage(message, reply.inputTokens(), 1);
        start.set("message", message);
        frames.add(frame("message_start", Json.string(start)));
        if (reply.isToolCall()) {
            ObjectNode blockStart =
                    Json.object().put("type", "content_block_start").put("index", 0);
            ObjectNode block = blockStart.putObject("content_block");
            block.put("type", "tool_use")
                    .put("id", Ids.toolUse())
                    .put("name", reply.toolCall().name());
            block.putObject("input");
            frames.add(frame("content_block_start", Json.string(blockStart)));
            frames.add(PING);
            for (String fragment : reply.toolCall().argumentFragments()) {
                frames.add(frame(
                        "content_block_delta",
                        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\","
                                + "\"partial_json\":" + Json.quote(fragment) + "}}"));
            }
        } else {
            frames.add(TEXT_BLOCK_START);
            frames.add(PING);
            for (String fragment : reply.fragments()) {
                Buffer cached = LOREM_DELTAS.get(fragment);
                frames.add(cached != null ? cached : textDelta(fragment));
            }
        }
        frames.add(BLOCK_STOP);
        frames.add(frame(
                "message_delta",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + AnthropicMessages.stopReason(reply)
                        + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + reply.outputTokens() + "}}"));
        frames.add(MESSAGE_STOP);
        return frames;
    }

    private static Buffer textDelta(String text) {
        return frame(
                "content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":"
                        + Json.quote(text) + "}}");
    }

    private static Buffer frame(String event, String json) {
        return Json.buffer("event: " + event + "\ndata: " + json + "\n\n");
    }
}
