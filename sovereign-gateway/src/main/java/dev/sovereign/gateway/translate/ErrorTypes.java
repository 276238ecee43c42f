package dev.sovereign.gateway.translate;

/**
 * Error types in each format, for errors an upstream reports in one format to a client of the other. Anthropic's
 * types are a closed list tied to HTTP statuses; OpenAI's {@code error.type} is looser ({@code
 * invalid_request_error}, {@code server_error}, and providers' own), so SDKs of both decide on the status. Stateless.
 */
public final class ErrorTypes {
    private ErrorTypes() {}

    /** An Anthropic {@code error.type} as the nearest OpenAI {@code error.type}. */
    public static String openAi(String anthropicType) {
        if (anthropicType == null) return "server_error";
        return switch (anthropicType) {
            case "rate_limit_error" -> "rate_limit_exceeded";
            case "billing_error" -> "insufficient_quota";
            case "api_error", "overloaded_error", "timeout_error" -> "server_error";
            default -> "invalid_request_error";
        };
    }

    /** An OpenAI {@code error.type} (or {@code code}) as the nearest Anthropic {@code error.type}. */
    public static String anthropic(String openAiType) {
        if (openAiType == null) return "api_error";
        return switch (openAiType) {
            case "invalid_request_error", "invalid_request_message_error" -> "invalid_request_error";
            case "rate_limit_exceeded", "requests", "tokens", "rate_limited" -> "rate_limit_error";
            case "insufficient_quota" -> "billing_error";
            case "timeout" -> "timeout_error";
            default -> "api_error";
        };
    }
}
