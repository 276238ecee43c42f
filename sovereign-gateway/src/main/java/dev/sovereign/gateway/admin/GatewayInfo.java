package dev.sovereign.gateway.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.config.ClientKey;
import dev.sovereign.config.GatewayConfig;
import dev.sovereign.config.ModelMapping;
import dev.sovereign.config.ProviderConfig;
import dev.sovereign.gateway.policy.ActivePolicy;
import dev.sovereign.policy.PolicyMatrix;
import java.util.TreeSet;

/**
 * {@code GET /admin/gateway}: how this gateway is set up, for the dashboard's pages and for operators. Never a
 * secret: keys appear by id, team and workload, providers by id, kind, region, profile and model patterns.
 *
 * <pre>{@code
 * {"listen": {"host": "127.0.0.1", "port": 8080}, "admin_listen": {"host": "127.0.0.1", "port": 9090},
 *  "open": false, "audit": {"enabled": true, "store": "sqlite:data/audit.db"}, "policy": "config/policy.yaml",
 *  "providers": [{"id": "anthropic", "kind": "anthropic", "region": "us", "profile": "anthropic",
 *                 "models": ["claude-*"]}],
 *  "keys": [{"id": "dpo", "team": "privacy", "workload": "audit", "admin": true}],
 *  "workloads": ["audit", "hr-assistant"]}
 * }</pre>
 *
 * Ports are those bound (a configured 0 is any free port). {@code admin_listen} is {@code null} when the admin API is served on the client listener; {@code open} is true
 * when there are no client keys (loopback callers are then the operator); {@code workloads} are those of the keys
 * and those the policy names, sorted.
 */
final class GatewayInfo {
    private GatewayInfo() {}

    static ObjectNode of(
            GatewayConfig config,
            int listenPort,
            int adminPort,
            ActivePolicy policy,
            boolean auditing,
            ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.putObject("listen").put("host", config.host()).put("port", listenPort);
        config.adminListener()
                .ifPresentOrElse(
                        a -> root.putObject("admin_listen")
                                .put("host", a.host())
                                .put("port", adminPort),
                        () -> root.putNull("admin_listen"));
        root.put("open", config.keys().isEmpty());
        root.putObject("audit")
                .put("enabled", auditing)
                .put("store", auditing ? config.audit().describeStore() : null);
        var loaded = policy.loaded();
        root.put("policy", loaded.map(l -> l.policy().source()).orElse(null));
        ArrayNode providers = root.putArray("providers");
        for (ProviderConfig p : config.providers()) {
            ObjectNode n = providers
                    .addObject()
                    .put("id", p.id())
                    .put("kind", p.kind().id())
                    .put("region", p.region())
                    .put("profile", p.profile());
            ArrayNode models = n.putArray("models");
            for (ModelMapping m : p.models()) models.add(m.pattern());
        }
        ArrayNode keys = root.putArray("keys");
        TreeSet<String> workloads = new TreeSet<>();
        for (ClientKey k : config.keys()) {
            keys.addObject()
                    .put("id", k.id())
                    .put("team", k.team())
                    .put("workload", k.workload())
                    .put("admin", k.admin());
            workloads.add(k.workload());
        }
        loaded.ifPresent(l -> workloads.addAll(PolicyMatrix.namedWorkloads(l.policy())));
        workloads.remove(PolicyMatrix.OTHER);
        ArrayNode w = root.putArray("workloads");
        workloads.forEach(w::add);
        return root;
    }
}
