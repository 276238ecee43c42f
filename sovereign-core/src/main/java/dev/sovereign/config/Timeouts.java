package dev.sovereign.config;

import java.time.Duration;

/**
 * Upstream timeouts: establishing the connection, waiting for the response headers after the request was
 * sent, and the longest silence allowed between two chunks of a response body.
 */
public record Timeouts(Duration connect, Duration firstByte, Duration idle) {
    public static final Timeouts DEFAULTS =
            new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(120), Duration.ofSeconds(60));

    public Timeouts {
        requirePositive(connect, "connect");
        requirePositive(firstByte, "first_byte");
        requirePositive(idle, "idle");
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }
}
