package dev.sovereign.config;

/**
 * A client API key, known only by its SHA-256 hash (lower-case hex), bound to a team and a workload.
 *
 * @param admin whether the key may also call the admin API ({@code /admin/...}: audit queries and verification)
 * @param limits what the key may use ({@link UsageLimits#UNLIMITED} when its entry sets none)
 */
public record ClientKey(String id, String sha256, String team, String workload, boolean admin, UsageLimits limits) {
    public ClientKey(String id, String sha256, String team, String workload, boolean admin) {
        this(id, sha256, team, workload, admin, UsageLimits.UNLIMITED);
    }
}
