package dev.sovereign.testing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mistral's chat completions ({@code POST /mistral/v1/chat/completions}: a Mistral endpoint pointed at {@code
 * <fake>/mistral/v1}), as strict as Mistral's API: a field it does not know ({@code seed}, {@code stream_options},
 * {@code max_completion_tokens}, {@code user}, …) is refused with HTTP 422 {@code extra_forbidden}, and {@code
 * tool_choice} takes {@code auto}, {@code none}, {@code any}, {@code required} or a function. Streams carry the usage
 * in their last chunk, beside the finish reason, without being asked. Stateless and thread-safe.
 */
final class MistralChat {
    static final String PATH = "/mistral/v1/chat/completions";

    /** The request fields of Mistral's chat completion API. */
    static final Set<String> FIELDS = Set.of(
            "model",
            "messages",
            "temperature",
            "top_p",
            "max_tokens",
            "stream",
            "stop",
            "random_seed",
            "response_format",
            "tools",
            "tool_choice",
            "presence_penalty",
            "frequency_penalty",
            "n",
            "prediction",
            "parallel_tool_calls",
            "prompt_mode",
            "safe_prompt");

    private static final Set<String> TOOL_CHOICES = Set.of("auto", "none", "any", "required");

    private MistralChat() {}

    static void completions(Exchange exchange) {
        if (!ApiKeys.openAi(exchange)) {
            return;
        }
        JsonNode body = exchange.json();
        if (body == null || !body.isObject()) {
            exchange.write(422, ErrorBodies.mistralValidation(null), Map.of());
            return;
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                exchange.write(422, ErrorBodies.mistralExtraForbidden(name, body.get(name)), Map.of());
                return;
            }
        }
        JsonNode toolChoice = body.get("tool_choice");
        if (toolChoice != null && toolChoice.isTextual() && !TOOL_CHOICES.contains(toolChoice.asText())) {
            exchange.write(
                    422,
                    ErrorBodies.mistral(
                            "Input should be 'auto', 'none', 'any' or 'required'", "invalid_request_error", null),
                    Map.of());
            return;
        }
        if (!OpenAiChat.validated(exchange, body)) {
            return;
        }
        String model = body.get("model").asText();
        Reply reply = Reply.plan(Conversation.fromOpenAi(body), exchange.state().replyWords());
        long created = exchange.state().clock().instant().getEpochSecond();
        String id = Ids.chatCompletion();
        if (body.path("stream").asBoolean(false)) {
            exchange.stream(frames(reply, id, created, model), ErrorBodies.openAiServerErrorEvent());
        } else {
            exchange.respond(200, Json.buffer(OpenAiChat.completion(reply, id, created, model)));
        }
    }

    /** OpenAI's chunks, with the usage moved into the finishing chunk as Mistral sends it. */
    private static List<Buffer> frames(Reply reply, String id, long created, String model) {
        List<Buffer> frames = new ArrayList<>(OpenAiChunks.frames(reply, id, created, model, false));
        int finish = frames.size() - 2;
        String chunk = frames.get(finish).toString();
        String usage = ",\"usage\":" + Json.string(OpenAiChat.usage(reply)) + "}\n\n";
        frames.set(finish, Json.buffer(chunk.substring(0, chunk.lastIndexOf('}')) + usage));
        return frames;
    }
}
