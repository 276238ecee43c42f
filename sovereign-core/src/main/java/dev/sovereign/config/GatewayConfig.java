package dev.sovereign.config;

import dev.sovereign.cost.Prices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The whole effective configuration of a gateway process, immutable and validated.
 *
 * @param adminListener where the admin API ({@code /admin/…}) and the dashboard ({@code /ui}) listen when they have a
 *     listener of their own ({@code admin:} in {@code sovereign.yaml}); empty to serve them beside the client APIs
 * @param policy the policy file ({@code policy.yaml}) when there is one; without it requests go where their model
 *     is served
 * @param prices the price table cost estimates are made from: the built-in one, extended by {@code prices.yaml}
 * @param dir the configuration directory the files were read from (it need not exist), where the organisation's
 *     own sovereignty profiles ({@code profiles/}), vendor events ({@code events.yaml}) and other report inputs are
 * @param source a human description of where the configuration came from, for the start-up log
 * @param usageLimits the limits of teams and workloads and the Redis that shares their counters (keys carry their
 *     own limits)
 */
public record GatewayConfig(
        String host,
        int port,
        Optional<Listener> adminListener,
        Path dataDir,
        Limits limits,
        Duration drainTimeout,
        boolean accessLog,
        List<ClientKey> keys,
        List<ProviderConfig> providers,
        AuditConfig audit,
        Optional<Path> policy,
        Prices prices,
        Path dir,
        String source,
        UsageLimitsConfig usageLimits) {

    public GatewayConfig {
        keys = List.copyOf(keys);
        providers = List.copyOf(providers);
    }

    /** A TCP listener: host (name or address) and port, 0 for any free port. */
    public record Listener(String host, int port) {}

    public Optional<ProviderConfig> provider(String id) {
        return providers.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The same configuration listening elsewhere (command-line overrides). */
    public GatewayConfig withListener(String newHost, int newPort) {
        return new GatewayConfig(
                newHost,
                newPort,
                adminListener,
                dataDir,
                limits,
                drainTimeout,
                accessLog,
                keys,
                providers,
                audit,
                policy,
                prices,
                dir,
                source,
                usageLimits);
    }

    /**
     * The same configuration with the admin API and dashboard on a listener of their own (command-line overrides,
     * tests), or beside the client APIs when {@code listener} is {@code null}.
     */
    public GatewayConfig withAdminListener(Listener listener) {
        return new GatewayConfig(
                host,
                port,
                Optional.ofNullable(listener),
                dataDir,
                limits,
                drainTimeout,
                accessLog,
                keys,
                providers,
                audit,
                policy,
                prices,
                dir,
                source,
                usageLimits);
    }

    /** The same configuration with another audit setting (command-line overrides, tests). */
    public GatewayConfig withAudit(AuditConfig newAudit) {
        return new GatewayConfig(
                host,
                port,
                adminListener,
                dataDir,
                limits,
                drainTimeout,
                accessLog,
                keys,
                providers,
                newAudit,
                policy,
                prices,
                dir,
                source,
                usageLimits);
    }

    /** A multi-line description with every secret masked, for the start-up log. */
    public String describe() {
        List<String> lines = new ArrayList<>();
        lines.add("configuration: " + source);
        lines.add("listen: " + host + ":" + port + ", data: " + dataDir + ", max body: " + limits.maxBodyBytes()
                + " bytes, client keys: " + (keys.isEmpty() ? "none (loopback only)" : keys.size()));
        lines.add(adminListener
                .map(l -> "admin API and dashboard: own listener " + l.host() + ":" + l.port())
                .orElse("admin API and dashboard: on the listener above"));
        lines.add(
                audit.enabled()
                        ? "audit: " + audit.describeStore() + ", checkpoints " + audit.checkpoints() + ", signing key "
                                + audit.signingKey() + (audit.capture() ? ", content capture ON (encrypted)" : "")
                                + (audit.retentionDays() > 0 ? ", retention " + audit.retentionDays() + " days" : "")
                        : "audit: OFF");
        lines.add("prices: " + String.join(" + ", prices.files()));
        lines.add(usageLimits
                .redis()
                .map(r -> "usage limits: shared through Redis " + r.describe() + " (on failure: "
                        + r.onFailure().name().toLowerCase(java.util.Locale.ROOT) + ")")
                .orElse("usage limits: counted in this process"));
        for (ClientKey k : keys) {
            if (k.limits().any())
                lines.add("key " + k.id() + " limits: "
                        + String.join(", ", k.limits().describe()));
        }
        usageLimits.teams().forEach((t, l) -> lines.add("team " + t + " limits: " + String.join(", ", l.describe())));
        usageLimits
                .workloads()
                .forEach((w, l) -> lines.add("workload " + w + " limits: " + String.join(", ", l.describe())));
        for (ProviderConfig p : providers) {
            String none = p.kind() == ProviderKind.BEDROCK ? "AWS default credentials chain" : "none";
            lines.add("provider " + p.id() + " (" + p.kind().id() + ") " + p.endpoint() + " region " + p.region()
                    + " credential " + p.credential().map(Secret::toString).orElse(none) + " models "
                    + p.models().stream().map(ModelMapping::pattern).toList()
                    + (p.translation().dropUnsupported() ? " translation drops unsupported fields" : "")
                    + (p.settings().describe().isEmpty()
                            ? ""
                            : ", " + p.settings().describe()));
        }
        return String.join("\n", lines);
    }
}
