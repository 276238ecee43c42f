package dev.sovereign.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The Redis that replicas share their usage counters through ({@code redis:} in {@code sovereign.yaml}).
 *
 * @param url {@code redis://host:port[/db]} or {@code rediss://…} for TLS, without a password
 * @param password from {@code password_env} or {@code password_file}, when Redis asks for one
 * @param timeout how long one limit check may wait for Redis before it counts as Redis being down
 * @param onFailure what a request gets when Redis cannot be asked
 */
public record RedisSettings(String url, Optional<Secret> password, Duration timeout, OnFailure onFailure) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    /** What a limit check does when Redis cannot be asked. */
    public enum OnFailure {
        /** Rate limits (requests and tokens per minute, concurrency) let requests through; budgets refuse them. */
        DEFAULT,
        /** Every limit lets requests through: availability before limits. */
        OPEN,
        /** Every limit refuses requests: limits before availability. */
        CLOSED;

        /** Whether a limit of this kind lets a request through when Redis cannot be asked. */
        public boolean letsThrough(boolean budget) {
            return switch (this) {
                case DEFAULT -> !budget;
                case OPEN -> true;
                case CLOSED -> false;
            };
        }
    }

    /** The URL with any password or user part removed, for logs. */
    public String describe() {
        int at = url.indexOf('@');
        int scheme = url.indexOf("://");
        return at < 0 || scheme < 0 ? url : url.substring(0, scheme + 3) + url.substring(at + 1);
    }
}
