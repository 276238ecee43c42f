package dev.sovereign.config;

import java.time.Duration;

/**
 * Bounds on what a client may send and hold.
 *
 * @param headerTimeout how long a connection may take to send a request's head (line and headers), from its opening
 *     or the end of the previous answer; a slow or silent client is disconnected after it
 * @param bodyIdleTimeout how long the body of a request may pause between two chunks
 * @param keepAliveTimeout how long an idle keep-alive connection stays open between requests
 * @param maxConnections open client connections the gateway serves at once; beyond it a new connection is answered
 *     503 and closed, except for {@code /healthz} and {@code /readyz}, which keep answering
 * @param bodyMemoryBytes the memory all request bodies being read or processed may cost together, each body byte
 *     counted {@link #BODY_COPIES} times; beyond it a body is refused with 503 and {@code retry-after}; 0 for a
 *     quarter of the heap (at least {@code BODY_COPIES × maxBodyBytes})
 */
public record Limits(
        long maxBodyBytes,
        int maxJsonDepth,
        Duration headerTimeout,
        Duration bodyIdleTimeout,
        Duration keepAliveTimeout,
        int maxConnections,
        long bodyMemoryBytes) {
    public static final Limits DEFAULTS = new Limits(
            32L * 1024 * 1024, 128, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), 4096, 0);

    /**
     * What a body byte costs the heap while its body is read: the copy the HTTP server hands over for each chunk it
     * received (garbage once appended, but until a collection finds it) and the body's own buffer. Measured: 200
     * stalled 30 MB uploads grew the resident memory by about twice what the bodies held (BENCHMARKS.md, "Hostile
     * clients").
     */
    public static final int BODY_COPIES = 2;

    /**
     * {@link #bodyMemoryBytes}, with 0 read as a quarter of this JVM's heap (at least {@link #BODY_COPIES} ×
     * {@link #maxBodyBytes}).
     */
    public long bodyBudget() {
        return bodyMemoryBytes > 0
                ? bodyMemoryBytes
                : Math.max(BODY_COPIES * maxBodyBytes, Runtime.getRuntime().maxMemory() / 4);
    }

    /** The body and depth bounds, with the default timeouts and connection limit. */
    public Limits(long maxBodyBytes, int maxJsonDepth) {
        this(
                maxBodyBytes,
                maxJsonDepth,
                DEFAULTS.headerTimeout,
                DEFAULTS.bodyIdleTimeout,
                DEFAULTS.keepAliveTimeout,
                DEFAULTS.maxConnections,
                DEFAULTS.bodyMemoryBytes);
    }
}
