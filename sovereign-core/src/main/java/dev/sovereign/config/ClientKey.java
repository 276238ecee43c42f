package dev.sovereign.config;

/**
 * A client API key, known only by its SHA-256 hash (lower-case hex), bound to a team and a workload.
 */
public record ClientKey(String id, String sha256, String team, String workload) {}
