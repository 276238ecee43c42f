package dev.sovereign.audit;

/**
 * An event as it is stored: its place in its writer's chain and the exact text that was hashed.
 *
 * @param body the canonical JSON {@code {"event":…,"seq":…,"writer":…}} whose bytes, after {@code prevHash},
 *     give {@code hash}
 * @param event the parsed event, for indexing and queries
 */
public record ChainedEvent(String writer, long seq, String prevHash, String hash, String body, AuditEvent event) {}
