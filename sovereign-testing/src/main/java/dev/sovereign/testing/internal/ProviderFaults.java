package dev.sovereign.testing.internal;

import dev.sovereign.testing.Fault;
import java.util.Map;

/**
 * Faults in the shapes of Vertex AI, Azure OpenAI and Mistral, where those differ from Anthropic's and OpenAI's.
 * Stateless and thread-safe.
 */
final class ProviderFaults {
    private ProviderFaults() {}

    /**
     * A rate limit: on Vertex AI Google's 429 {@code RESOURCE_EXHAUSTED} without retry headers; on Azure OpenAI
     * Azure's 429 naming the wait, with {@code retry-after} (whole seconds, rounded up) and {@code retry-after-ms};
     * on Mistral its {@code rate_limited} error.
     */
    static void rateLimited(Exchange exchange, Fault fault) {
        long millis = fault.delay().toMillis();
        long seconds = (millis + 999) / 1000;
        switch (exchange.shape()) {
            case VERTEX ->
                exchange.write(
                        429,
                        ErrorBodies.google(
                                429,
                                "RESOURCE_EXHAUSTED",
                                "Quota exceeded for aiplatform.googleapis.com/online_prediction_requests_per_base_model"
                                        + " with base model: anthropic-claude. Please submit a quota increase request.",
                                false),
                        Map.of());
            case AZURE ->
                exchange.write(
                        429,
                        ErrorBodies.azure(
                                "429",
                                "Requests to the ChatCompletions_Create Operation under Azure OpenAI API have exceeded"
                                        + " token rate limit of your current OpenAI S0 pricing tier. Please retry after "
                                        + seconds + " seconds."),
                        Map.of("retry-after", Long.toString(seconds), "retry-after-ms", Long.toString(millis)));
            default ->
                exchange.write(
                        429,
                        ErrorBodies.mistral("Requests rate limit exceeded", "rate_limited", "1300"),
                        Map.of("retry-after", Long.toString(seconds)));
        }
    }
}
