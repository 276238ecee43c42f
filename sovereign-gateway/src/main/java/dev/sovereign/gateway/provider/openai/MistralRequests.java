package dev.sovereign.gateway.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.gateway.wire.InboundRequest;
import dev.sovereign.gateway.wire.Json;
import dev.sovereign.gateway.wire.Operation;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * Chat Completions requests in Mistral's dialect. Mistral refuses fields it does not know (HTTP 422), so the OpenAI
 * fields it has under another name are renamed ({@code seed} to {@code random_seed}, {@code max_completion_tokens} to
 * {@code max_tokens}, {@code tool_choice: "required"} to {@code "any"}) and those that only concern OpenAI's
 * bookkeeping are dropped ({@code stream_options}: Mistral sends usage in the last chunk of every stream; {@code
 * user}, {@code store}, {@code metadata}, {@code service_tier}, {@code prompt_cache_key}, {@code safety_identifier}).
 * Fields that change the answer and that Mistral lacks ({@code logit_bias}, {@code logprobs}, …) are sent as they
 * are, so that Mistral's own refusal tells the client which one. Unknown fields are otherwise preserved; a body with
 * nothing to change leaves as the client's bytes. Stateless and thread-safe.
 */
public final class MistralRequests {
    private static final List<String> DROPPED = List.of(
            "stream_options", "user", "store", "metadata", "service_tier", "prompt_cache_key", "safety_identifier");

    private final Json json;

    public MistralRequests(Json json) {
        this.json = json;
    }

    /** The body to send as {@code upstreamModel}. */
    public Buffer body(InboundRequest request, String upstreamModel) {
        ObjectNode in = request.body();
        boolean chat = request.operation() == Operation.CHAT_COMPLETIONS;
        if (!upstreamModel.equals(request.model()) || (chat && needsRewrite(in))) {
            ObjectNode out = in.objectNode();
            out.setAll(in);
            out.put("model", upstreamModel);
            if (chat) rewrite(out);
            return json.buffer(out);
        }
        return request.raw();
    }

    private static boolean needsRewrite(ObjectNode body) {
        if (body.has("seed") || body.has("max_completion_tokens")) return true;
        if ("required".equals(body.path("tool_choice").asText(null))) return true;
        for (String field : DROPPED) if (body.has(field)) return true;
        return false;
    }

    private static void rewrite(ObjectNode body) {
        rename(body, "seed", "random_seed");
        rename(body, "max_completion_tokens", "max_tokens");
        if ("required".equals(body.path("tool_choice").asText(null))) body.put("tool_choice", "any");
        body.remove(DROPPED);
    }

    private static void rename(ObjectNode body, String from, String to) {
        JsonNode value = body.remove(from);
        if (value != null && !body.has(to)) body.set(to, value);
    }
}
