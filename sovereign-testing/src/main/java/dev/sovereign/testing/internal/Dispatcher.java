package dev.sovereign.testing.internal;

/**
 * Routes an exchange by method and path (the query string is ignored, so {@code ?beta=true} is
 * fine). Anything unknown is a 404 in the shape of the path's API. Stateless and thread-safe.
 */
final class Dispatcher {

    private static final String MODELS_PREFIX = "/v1/models/";

    private Dispatcher() {}

    static void dispatch(Exchange exchange) {
        String path = exchange.path();
        boolean post = exchange.method().equals("POST");
        boolean get = exchange.method().equals("GET");
        if (post && path.startsWith("/v1/projects/")) {
            VertexModels.predict(exchange);
        } else if (post && path.equals(GoogleTokens.PATH)) {
            GoogleTokens.issue(exchange);
        } else if (post && path.endsWith(EntraTokens.SUFFIX) && path.length() > EntraTokens.SUFFIX.length() + 1) {
            EntraTokens.issue(exchange);
        } else if (post && path.startsWith("/openai/")) {
            AzureOpenAi.serve(exchange);
        } else if (post && path.equals(MistralChat.PATH)) {
            MistralChat.completions(exchange);
        } else if (post && path.equals("/v1/messages")) {
            AnthropicMessages.messages(exchange);
        } else if (post && path.equals("/v1/messages/count_tokens")) {
            AnthropicMessages.countTokens(exchange);
        } else if (post && path.equals("/v1/chat/completions")) {
            OpenAiChat.completions(exchange);
        } else if (post && path.equals("/v1/embeddings")) {
            Embeddings.create(exchange);
        } else if (post && path.startsWith("/model/")) {
            BedrockInvoke.handle(exchange);
        } else if (get && path.equals("/v1/models")) {
            ModelCatalog.list(exchange);
        } else if (get && path.startsWith(MODELS_PREFIX) && path.length() > MODELS_PREFIX.length()) {
            ModelCatalog.get(exchange, path.substring(MODELS_PREFIX.length()));
        } else {
            exchange.notFound();
        }
    }
}
