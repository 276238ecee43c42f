package dev.sovereign.testing.internal;

import dev.sovereign.testing.BedrockException;
import dev.sovereign.testing.Fault;
import java.util.HashMap;
import java.util.Map;

/**
 * Applies the fault a request drew, in the shape of the exchange's API, before (or instead of)
 * normal handling. Stream faults are handed to the exchange and act in whatever answer the handler
 * gives. Stateless and thread-safe.
 */
final class FaultResponder {

    private FaultResponder() {}

    /** Answers {@code exchange}, suffering {@code fault} (may be {@code null}: normal behaviour). */
    static void handle(Exchange exchange, Fault fault) {
        if (fault == null) {
            Dispatcher.dispatch(exchange);
            return;
        }
        boolean anthropic = exchange.shape().anthropicFormat();
        if (exchange.shape() == ApiShape.BEDROCK && bedrock(exchange, fault)) {
            return;
        }
        switch (fault.kind()) {
            case STATUS -> {
                Map<String, String> headers = new HashMap<>(fault.headers());
                exchange.write(
                        fault.status(), Json.buffer(fault.body() == null ? "" : fault.body()), lowerCaseKeys(headers));
            }
            case RATE_LIMITED -> {
                if (exchange.shape() == ApiShape.VERTEX
                        || exchange.shape() == ApiShape.AZURE
                        || exchange.shape() == ApiShape.MISTRAL) {
                    ProviderFaults.rateLimited(exchange, fault);
                    return;
                }
                long millis = fault.delay().toMillis();
                Map<String, String> headers = Map.of(
                        "retry-after", Long.toString((millis + 999) / 1000),
                        "retry-after-ms", Long.toString(millis),
                        "x-should-retry", "true");
                exchange.write(
                        429,
                        anthropic
                                ? ErrorBodies.anthropic(
                                        "rate_limit_error",
                                        "This request would exceed your organization's rate limit. Please try again"
                                                + " later.",
                                        exchange.requestId())
                                : ErrorBodies.openAi(
                                        "Rate limit reached for requests. Please try again later.",
                                        "requests",
                                        null,
                                        "rate_limit_exceeded"),
                        headers);
            }
            case OVERLOADED -> {
                if (anthropic) {
                    exchange.write(
                            529,
                            ErrorBodies.anthropic("overloaded_error", "Overloaded", exchange.requestId()),
                            Map.of("x-should-retry", "true"));
                } else {
                    exchange.write(
                            503,
                            ErrorBodies.openAi(
                                    "The server is overloaded or not ready yet.", "server_error", null, null),
                            Map.of("x-should-retry", "true"));
                }
            }
            case STALL_BEFORE_HEADERS -> {
                if (fault.delay().isZero()) {
                    Dispatcher.dispatch(exchange);
                } else {
                    exchange.vertx()
                            .setTimer(UpstreamState.toTimerMillis(fault.delay()), t -> Dispatcher.dispatch(exchange));
                }
            }
            case MISTRAL_VALIDATION -> exchange.write(422, ErrorBodies.mistralValidation(exchange.json()), Map.of());
            case MISTRAL_ERROR ->
                exchange.write(
                        fault.status(),
                        ErrorBodies.mistral(
                                fault.headers().get("message"),
                                fault.headers().get("type"),
                                fault.headers().get("code")),
                        Map.of());
            case INVALID_REQUEST -> {
                if (anthropic) {
                    exchange.write(
                            400,
                            ErrorBodies.anthropic("invalid_request_error", fault.body(), exchange.requestId()),
                            Map.of());
                } else {
                    exchange.write(
                            400, ErrorBodies.openAi(fault.body(), "invalid_request_error", null, null), Map.of());
                }
            }
            case BEDROCK_ERROR -> {
                BedrockException e = fault.bedrockException();
                if (anthropic) {
                    exchange.write(
                            e.status(),
                            ErrorBodies.anthropic("api_error", e.message(), exchange.requestId()),
                            Map.of());
                } else {
                    exchange.write(e.status(), ErrorBodies.openAi(e.message(), "server_error", null, null), Map.of());
                }
            }
            case GOOGLE_ERROR ->
                exchange.write(
                        fault.status(),
                        ErrorBodies.google(
                                fault.status(),
                                fault.headers().get("status"),
                                fault.headers().get("message"),
                                Boolean.parseBoolean(fault.headers().get("wrapped"))),
                        Map.of());
            case AZURE_CONTENT_FILTER -> exchange.write(400, ErrorBodies.azureContentFilter(), Map.of());
            case DISCONNECT_AFTER_EVENTS,
                    STALL_AFTER_EVENTS,
                    ERROR_EVENT_AFTER_EVENTS,
                    GARBAGE_AFTER_EVENTS,
                    BEDROCK_STREAM_EXCEPTION -> {
                exchange.setStreamFault(fault);
                Dispatcher.dispatch(exchange);
            }
        }
    }

    /** The faults whose meaning on a Bedrock path is one of Bedrock's exceptions; false for the others. */
    private static boolean bedrock(Exchange exchange, Fault fault) {
        BedrockException exception = switch (fault.kind()) {
            case BEDROCK_ERROR -> fault.bedrockException();
            case RATE_LIMITED -> BedrockException.THROTTLING;
            case OVERLOADED -> BedrockException.SERVICE_UNAVAILABLE;
            default -> null;
        };
        if (exception != null) {
            exchange.bedrockError(exception);
            return true;
        }
        if (fault.kind() == Fault.Kind.INVALID_REQUEST) {
            exchange.bedrockError(400, "ValidationException", fault.body());
            return true;
        }
        return false;
    }

    private static Map<String, String> lowerCaseKeys(Map<String, String> headers) {
        Map<String, String> lower = new HashMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(java.util.Locale.ROOT), value));
        return lower;
    }
}
