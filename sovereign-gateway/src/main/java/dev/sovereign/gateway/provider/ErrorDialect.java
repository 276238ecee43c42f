package dev.sovereign.gateway.provider;

/**
 * Reads the error shapes that one provider adds to the ones the client's API knows: Google's errors on Vertex AI,
 * Azure's content filter, Mistral's validation errors. What it does not recognise is left to the generic reading,
 * which keeps native errors and rewrites others into the client's format. Implementations are stateless and
 * thread-safe.
 */
@FunctionalInterface
public interface ErrorDialect {
    /** A provider that states its errors in the format of its API. */
    ErrorDialect NONE = (status, body) -> null;

    /**
     * @param status the upstream's HTTP status (400 or more)
     * @param body the upstream's error body, possibly empty or not JSON
     * @return the error read, or {@code null} when the generic reading applies
     */
    ProviderError read(int status, byte[] body);
}
