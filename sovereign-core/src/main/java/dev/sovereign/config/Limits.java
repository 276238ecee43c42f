package dev.sovereign.config;

/** Bounds on what a client may send. */
public record Limits(long maxBodyBytes, int maxJsonDepth) {
    public static final Limits DEFAULTS = new Limits(32L * 1024 * 1024, 128);
}
