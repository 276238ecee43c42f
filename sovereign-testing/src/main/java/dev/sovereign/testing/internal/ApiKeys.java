package dev.sovereign.testing.internal;

/**
 * Authentication as each provider does it. A key is accepted when it is non-empty and, if the
 * server requires one, equal to it. Each check answers the 401 itself and returns {@code false}.
 */
final class ApiKeys {

    private ApiKeys() {}

    /** Anthropic: {@code x-api-key}, or {@code Authorization: Bearer} (OAuth / gateway style). */
    static boolean anthropic(Exchange exchange) {
        String key = exchange.header("x-api-key");
        if (key == null || key.isEmpty()) {
            key = bearer(exchange);
        }
        if (key == null) {
            exchange.anthropicError(401, "authentication_error", "x-api-key header is required");
            return false;
        }
        if (!accepted(exchange, key)) {
            exchange.anthropicError(401, "authentication_error", "invalid x-api-key");
            return false;
        }
        return true;
    }

    /** OpenAI and compatible servers: {@code Authorization: Bearer}. */
    static boolean openAi(Exchange exchange) {
        String key = bearer(exchange);
        if (key == null) {
            exchange.openAiError(
                    401,
                    "You didn't provide an API key. You need to provide your API key in an Authorization header"
                            + " using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                    "invalid_request_error",
                    null,
                    "invalid_api_key");
            return false;
        }
        if (!accepted(exchange, key)) {
            exchange.openAiError(401, "Incorrect API key provided.", "invalid_request_error", null, "invalid_api_key");
            return false;
        }
        return true;
    }

    /** The shape of the exchange decides which scheme applies. */
    static boolean check(Exchange exchange) {
        return exchange.shape().anthropicFormat() ? anthropic(exchange) : openAi(exchange);
    }

    private static String bearer(Exchange exchange) {
        String authorization = exchange.header("authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String key = authorization.substring(7).trim();
        return key.isEmpty() ? null : key;
    }

    private static boolean accepted(Exchange exchange, String key) {
        String required = exchange.state().requiredApiKey();
        return required == null || required.equals(key);
    }
}
