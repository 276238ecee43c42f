package dev.sovereign.testing.internal;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The data-only SSE frames of an OpenAI Chat Completions stream for one {@link Reply}: a first
 * delta {@code {"role":"assistant","content":""}} (for a tool call: role plus the call's index, id,
 * type, name and empty arguments), one delta per word or argument fragment, a chunk with an empty
 * delta and the {@code finish_reason}, then, with {@code include_usage}, a chunk with {@code
 * "choices":[]} and the usage, and finally {@code data: [DONE]}. With {@code include_usage} every
 * other chunk carries {@code "usage":null}.
 *
 * <p>Each chunk is a per-request prefix (id, created, model), the delta and a constant suffix, so a
 * word costs one string concatenation.
 */
final class OpenAiChunks {

    static final String SYSTEM_FINGERPRINT = "fp_fake0001";
    private static final Buffer DONE = Json.buffer("data: [DONE]\n\n");

    private OpenAiChunks() {}

    static List<Buffer> frames(Reply reply, String id, long created, String model, boolean includeUsage) {
        String prefix = "data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + created
                + ",\"model\":" + Json.quote(model) + ",\"system_fingerprint\":\"" + SYSTEM_FINGERPRINT
                + "\",\"choices\":[{\"index\":0,\"delta\":";
        String usageNull = includeUsage ? ",\"usage\":null" : "";
        String open = ",\"logprobs\":null,\"finish_reason\":null}]" + usageNull + "}\n\n";
        List<Buffer> frames = new ArrayList<>(reply.fragments().size() + 5);
        if (reply.isToolCall()) {
            String callId = Ids.toolCall();
            frames.add(Json.buffer(prefix + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,"
                    + "\"id\":\"" + callId + "\",\"type\":\"function\",\"function\":{\"name\":"
                    + Json.quote(reply.toolCall().name()) + ",\"arguments\":\"\"}}],\"refusal\":null}" + open));
            for (String fragment : reply.toolCall().argumentFragments()) {
                frames.add(Json.buffer(prefix + "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
                        + Json.quote(fragment) + "}}]}" + open));
            }
        } else {
            frames.add(Json.buffer(prefix + "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}" + open));
            for (String fragment : reply.fragments()) {
                frames.add(Json.buffer(prefix + "{\"content\":" + Json.quote(fragment) + "}" + open));
            }
        }
        frames.add(Json.buffer(prefix + "{},\"logprobs\":null,\"finish_reason\":\"" + OpenAiChat.finishReason(reply)
                + "\"}]" + usageNull + "}\n\n"));
        if (includeUsage) {
            frames.add(Json.buffer("data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":"
                    + created + ",\"model\":" + Json.quote(model) + ",\"system_fingerprint\":\"" + SYSTEM_FINGERPRINT
                    + "\",\"choices\":[],\"usage\":" + Json.string(OpenAiChat.usage(reply)) + "}\n\n"));
        }
        frames.add(DONE);
        return frames;
    }
}
