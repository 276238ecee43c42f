package dev.sovereign.gateway.provider;

/** What route attempts count, declared here and kept by the gateway's metrics ({@code ops.GatewayMetrics}). */
public interface AttemptMetrics {
    /** One more attempt at {@code provider} after a failed one. */
    void retried(String provider);

    /** A fallback from one provider to another. */
    void fellBack(String from, String to);
}
