package dev.sovereign.testing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Azure OpenAI: {@code POST /openai/deployments/{deployment}/chat/completions?api-version=…} and {@code
 * /embeddings}, and the v1 API {@code /openai/v1/chat/completions} and {@code /openai/v1/embeddings} (the deployment
 * in the body's {@code model}, no {@code api-version} needed).
 *
 * <p>Checks as Azure does: an {@code api-key} header, accepted when non-empty and, if the server requires a key,
 * equal to it, or {@code Authorization: Bearer} with a Microsoft Entra token, which must be a JWT (else Azure's 401);
 * a dated {@code
 * api-version} on the deployments path (else Azure's 404 {@code Resource not found}); then the body as OpenAI checks
 * it. Answers carry Azure's content-filter annotations: {@code prompt_filter_results} and per choice {@code
 * content_filter_results}; a stream opens with a chunk with empty {@code choices} and empty {@code id}, {@code model}
 * and {@code object} carrying the prompt's filter results, and has an annotation-only chunk before the finishing one.
 * Stateless and thread-safe.
 */
final class AzureOpenAi {
    private static final Pattern DEPLOYMENT =
            Pattern.compile("/openai/deployments/([^/]+)/(chat/completions|embeddings)");
    private static final Pattern API_VERSION = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}(-preview)?");

    private AzureOpenAi() {}

    static void serve(Exchange exchange) {
        if (!authenticated(exchange)) {
            return;
        }
        String path = exchange.path();
        String operation;
        String deployment = null;
        Matcher m = DEPLOYMENT.matcher(path);
        if (m.matches()) {
            String version = queryParameter(exchange.query(), "api-version");
            if (version == null || !API_VERSION.matcher(version).matches()) {
                notFound(exchange);
                return;
            }
            deployment = m.group(1);
            operation = m.group(2);
        } else if (path.equals("/openai/v1/chat/completions")) {
            operation = "chat/completions";
        } else if (path.equals("/openai/v1/embeddings")) {
            operation = "embeddings";
        } else {
            notFound(exchange);
            return;
        }
        if (operation.equals("embeddings")) {
            Embeddings.answer(exchange);
        } else {
            completions(exchange, deployment);
        }
    }

    private static void completions(Exchange exchange, String deployment) {
        JsonNode body = exchange.json();
        if (body == null) {
            exchange.invalidRequest(exchange.parseError(), null, null);
            return;
        }
        if (deployment != null && body.isObject() && !body.has("model")) {
            body = ((ObjectNode) body).deepCopy().put("model", deployment);
        }
        if (!OpenAiChat.validated(exchange, body)) {
            return;
        }
        String model = deployment != null ? deployment : body.get("model").asText();
        Reply reply = Reply.plan(Conversation.fromOpenAi(body), exchange.state().replyWords());
        long created = exchange.state().clock().instant().getEpochSecond();
        String id = Ids.chatCompletion();
        if (body.path("stream").asBoolean(false)) {
            boolean includeUsage =
                    body.path("stream_options").path("include_usage").asBoolean(false);
            List<Buffer> frames = new ArrayList<>(OpenAiChunks.frames(reply, id, created, model, includeUsage));
            // The finishing chunk comes before the usage chunk and [DONE].
            int finish = frames.size() - (includeUsage ? 3 : 2);
            frames.add(finish, Json.buffer("data: " + Json.string(annotationChunk(id, created, model)) + "\n\n"));
            frames.add(0, Json.buffer("data: " + Json.string(promptFilterChunk()) + "\n\n"));
            exchange.stream(frames, ErrorBodies.openAiServerErrorEvent());
        } else {
            ObjectNode completion = OpenAiChat.completion(reply, id, created, model);
            completion.set("prompt_filter_results", promptFilterResults());
            for (JsonNode choice : completion.path("choices")) {
                ((ObjectNode) choice).set("content_filter_results", safe());
            }
            exchange.respond(200, Json.buffer(completion));
        }
    }

    /** The first chunk of an Azure stream: no choice, no id, the prompt's filter results. */
    private static ObjectNode promptFilterChunk() {
        ObjectNode chunk = Json.object();
        chunk.putArray("choices");
        chunk.put("created", 0).put("id", "").put("model", "").put("object", "");
        chunk.set("prompt_filter_results", promptFilterResults());
        return chunk;
    }

    /** A chunk that only carries the filter results of the answer so far, with an empty delta. */
    private static ObjectNode annotationChunk(String id, long created, String model) {
        ObjectNode chunk = Json.object();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.set("content_filter_results", safe());
        choice.putObject("delta");
        choice.putNull("finish_reason").put("index", 0).putNull("logprobs");
        chunk.put("created", created)
                .put("id", id)
                .put("model", model)
                .put("object", "chat.completion.chunk")
                .put("system_fingerprint", OpenAiChunks.SYSTEM_FINGERPRINT);
        return chunk;
    }

    private static JsonNode promptFilterResults() {
        ObjectNode result = Json.object().put("prompt_index", 0);
        result.set("content_filter_results", safe());
        return Json.array().add(result);
    }

    private static ObjectNode safe() {
        ObjectNode results = Json.object();
        for (String category : new String[] {"hate", "self_harm", "sexual", "violence"}) {
            results.putObject(category).put("filtered", false).put("severity", "safe");
        }
        return results;
    }

    private static boolean authenticated(Exchange exchange) {
        String key = exchange.header("api-key");
        boolean accepted;
        if (key != null && !key.isEmpty()) {
            String required = exchange.state().requiredApiKey();
            accepted = required == null || required.equals(key);
        } else {
            String authorization = exchange.header("authorization");
            accepted = authorization != null
                    && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                    && authorization.substring(7).trim().split("\\.").length == 3;
        }
        if (!accepted) {
            exchange.write(
                    401,
                    ErrorBodies.azure(
                            "401",
                            "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide"
                                    + " a valid key for an active subscription and use a correct regional API endpoint"
                                    + " for your resource."),
                    Map.of());
            return false;
        }
        return true;
    }

    private static void notFound(Exchange exchange) {
        exchange.write(404, ErrorBodies.azure("404", "Resource not found"), Map.of());
    }

    private static String queryParameter(String query, String name) {
        if (query == null) return null;
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) return pair.substring(name.length() + 1);
        }
        return null;
    }
}
