package dev.sovereign.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the audit trail's checkpoints are anchored outside the gateway: an RFC 3161 time-stamping authority.
 *
 * @param url the authority's address (http or https; user and password in it are never logged)
 * @param trust a PEM file with the certificates of the authority (its root, or its signing certificate) that
 *     {@code sovereign audit verify} accepts tokens from
 * @param every how often the newest checkpoint is sent: one token anchors every event before it
 * @param timeout how long one request to the authority may take
 */
public record TimestampConfig(URI url, Path trust, Duration every, Duration timeout) {
    public static final Duration DEFAULT_EVERY = Duration.ofMinutes(1);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * How old an event may be before verification expects a valid token over it: one checkpoint interval to be
     * checkpointed, then up to two rounds of the authority (a round may just have missed it) and one request.
     */
    public Duration allowedLag(Duration checkpointInterval) {
        return checkpointInterval.plus(every.multipliedBy(2)).plus(timeout);
    }
}
