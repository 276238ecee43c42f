package dev.sovereign.gateway.policy;

import dev.sovereign.config.ConfigLoader;
import dev.sovereign.config.GatewayConfig;
import dev.sovereign.policy.DefaultPolicy;
import dev.sovereign.policy.Policy;
import dev.sovereign.policy.PolicyException;
import dev.sovereign.policy.PolicyLoader;
import dev.sovereign.policy.ProviderFacts;
import dev.sovereign.routing.ModelRouter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy the gateway decides with, and its hot reload. With no {@code policy.yaml}, the built-in default policy
 * ({@link DefaultPolicy}) is in force; there is always one. A reload (file change, SIGHUP, admin call) loads the file
 * completely — YAML, CEL, references, guarantees — and only then swaps it in; a broken or guarantee-breaking
 * policy is rejected, the running one stays, and the rejection is logged and shown by {@code /readyz}.
 * Thread-safe: decisions read one immutable policy.
 */
public final class ActivePolicy {
    private static final Logger LOG = LoggerFactory.getLogger(ActivePolicy.class);

    /** Where the policy file is or would be: a file created there after start is loaded like a changed one. */
    private final Path file;

    private final PolicyLoader loader;
    private final Map<String, ProviderFacts> providers;
    private final Clock clock;
    private volatile Loaded current;
    private volatile String rejection;
    private volatile Instant rejectedAt;

    /** A policy in force, with where it came from. */
    public record Loaded(Policy policy, String digest, Instant loadedAt) {}

    /** How a reload went. */
    public record Reload(boolean changed, boolean accepted, String message) {}

    private ActivePolicy(Path file, PolicyLoader loader, Map<String, ProviderFacts> providers, Clock clock) {
        this.file = file;
        this.loader = loader;
        this.providers = providers;
        this.clock = clock;
    }

    /**
     * Loads the configured policy, if any.
     *
     * @throws PolicyException when the policy file cannot be loaded: a gateway does not start on a broken policy
     */
    public static ActivePolicy start(GatewayConfig config, ModelRouter router, Map<String, String> env, Clock clock) {
        Map<String, ProviderFacts> providers = ProviderFacts.of(config);
        ActivePolicy active = new ActivePolicy(
                config.policy().orElse(config.dir().resolve(ConfigLoader.POLICY_FILE)),
                new PolicyLoader(providers, router),
                providers,
                clock);
        if (config.policy().isEmpty()) {
            String yaml = DefaultPolicy.yaml(config, providers, env);
            Policy policy = new PolicyLoader(providers, router).load("built-in default policy", yaml);
            active.current = new Loaded(policy, digest(yaml.getBytes(StandardCharsets.UTF_8)), Instant.now(clock));
            LOG.info(
                    "policy: the built-in default ({} rules: secrets blocked, special categories self-hosted,"
                            + " personal data pseudonymized; {} guarantees hold)",
                    policy.rules().size(),
                    policy.guarantees().size());
        } else {
            Path path = config.policy().get();
            byte[] bytes = read(path);
            active.current = active.load(bytes);
            Policy p = active.current.policy();
            LOG.info(
                    "policy {}: {} rules, {} routes, {} guarantees hold",
                    path,
                    p.rules().size(),
                    p.routes().size(),
                    p.guarantees().size());
        }
        return active;
    }

    /**
     * Each configured provider's region and jurisdiction (from its sovereignty profile: built-in, or the
     * organisation's own in the configuration directory).
     */
    public Map<String, ProviderFacts> providers() {
        return providers;
    }

    /**
     * The policy in force, with its digest: a request takes it once and uses it for its decision, the route guard,
     * its fallbacks and its audit record, so that a reload while it is handled cannot mix two policies in one
     * decision.
     */
    public Loaded inForce() {
        return current;
    }

    public Optional<Loaded> loaded() {
        return Optional.ofNullable(current);
    }

    /** The last rejected reload's message, while the file still holds that policy. */
    public Optional<String> rejection() {
        return Optional.ofNullable(rejection);
    }

    public Optional<Instant> rejectedAt() {
        return Optional.ofNullable(rejectedAt);
    }

    /**
     * Reads the policy file again; swaps in the new policy only if it loads completely. Without a file the built-in
     * default stays; a file removed after it was loaded leaves its policy in force (a policy is never dropped
     * silently), and says so.
     */
    public synchronized Reload reload() {
        Path path = file;
        if (!Files.exists(path)) {
            Loaded l = current;
            boolean fromFile = l != null && l.policy().source().equals(ConfigLoader.POLICY_FILE);
            return new Reload(
                    false,
                    true,
                    fromFile
                            ? "no " + ConfigLoader.POLICY_FILE + " in " + path.getParent()
                                    + " any more: the policy loaded from it stays in force until one is there again"
                            : "no " + ConfigLoader.POLICY_FILE + " in " + path.getParent()
                                    + ": the built-in default policy stays in force");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            return reject("cannot read " + path + ": " + e.getMessage());
        }
        String digest = digest(bytes);
        Loaded l = current;
        if (l != null && l.digest().equals(digest)) {
            rejection = null;
            rejectedAt = null;
            return new Reload(false, true, "unchanged");
        }
        try {
            current = load(bytes);
        } catch (PolicyException e) {
            return reject(e.getMessage());
        }
        rejection = null;
        rejectedAt = null;
        Policy p = current.policy();
        LOG.info(
                "policy loaded from {}: {} rules, {} guarantees hold",
                path,
                p.rules().size(),
                p.guarantees().size());
        return new Reload(
                true,
                true,
                "loaded from " + path + ": " + p.rules().size() + " rules, "
                        + p.guarantees().size() + " guarantees");
    }

    /** Whether the file differs from the policy in force (or from the last rejected version); false without one. */
    public boolean fileChanged() {
        if (!Files.isRegularFile(file)) return false;
        try {
            String digest = digest(Files.readAllBytes(file));
            Loaded l = current;
            return (l == null || !l.digest().equals(digest)) && !digest.equals(rejectedDigest);
        } catch (IOException e) {
            return false;
        }
    }

    private volatile String rejectedDigest;

    private Reload reject(String message) {
        rejection = message;
        rejectedAt = Instant.now(clock);
        try {
            rejectedDigest = digest(Files.readAllBytes(file));
        } catch (IOException e) {
            rejectedDigest = null;
        }
        LOG.error("policy reload rejected, the running policy stays: {}", message);
        return new Reload(true, false, message);
    }

    private Loaded load(byte[] bytes) {
        Policy policy = loader.load(ConfigLoader.POLICY_FILE, new String(bytes, StandardCharsets.UTF_8));
        return new Loaded(policy, digest(bytes), Instant.now(clock));
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new PolicyException(path + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
