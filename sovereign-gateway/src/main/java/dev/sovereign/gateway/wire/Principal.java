package dev.sovereign.gateway.wire;

/**
 * Who sent a request: the client key's id and the team and workload it is bound to, and whether it may call the
 * admin API.
 */
public record Principal(String keyId, String team, String workload, boolean admin) {
    /** The caller on loopback when no client keys are configured: the machine's operator. */
    public static final Principal LOCAL = new Principal("local", "local", "default", true);
}
