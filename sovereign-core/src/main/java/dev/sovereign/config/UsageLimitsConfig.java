package dev.sovereign.config;

import java.util.Map;
import java.util.Optional;

/**
 * The usage limits of teams and workloads ({@code teams:} and {@code workloads:} in {@code sovereign.yaml}; a key's
 * own are on its {@link ClientKey}), and the Redis that shares the counters between replicas. Without Redis each
 * process counts alone.
 */
public record UsageLimitsConfig(
        Map<String, UsageLimits> teams, Map<String, UsageLimits> workloads, Optional<RedisSettings> redis) {
    public static final UsageLimitsConfig NONE = new UsageLimitsConfig(Map.of(), Map.of(), Optional.empty());

    public UsageLimitsConfig {
        teams = Map.copyOf(teams);
        workloads = Map.copyOf(workloads);
    }

    public UsageLimits team(String team) {
        return team == null ? UsageLimits.UNLIMITED : teams.getOrDefault(team, UsageLimits.UNLIMITED);
    }

    public UsageLimits workload(String workload) {
        return workload == null ? UsageLimits.UNLIMITED : workloads.getOrDefault(workload, UsageLimits.UNLIMITED);
    }
}
