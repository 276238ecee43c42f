package dev.sovereign.gateway.auth;

/** Who sent a request: the client key's id and the team and workload it is bound to. */
public record Principal(String keyId, String team, String workload) {
    /** The caller on loopback when no client keys are configured. */
    public static final Principal LOCAL = new Principal("local", "local", "default");
}
