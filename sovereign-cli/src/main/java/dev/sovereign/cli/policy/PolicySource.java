package dev.sovereign.cli.policy;

import dev.sovereign.classify.Classifier;
import dev.sovereign.cli.ConfigOptions;
import dev.sovereign.config.ConfigLoader;
import dev.sovereign.config.GatewayConfig;
import dev.sovereign.policy.DefaultPolicy;
import dev.sovereign.policy.Explainer;
import dev.sovereign.policy.Policy;
import dev.sovereign.policy.PolicyLoader;
import dev.sovereign.policy.ProviderFacts;
import dev.sovereign.routing.ModelRouter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The configuration and policy a policy command works with: read from {@code --config DIR} as {@code serve} reads
 * them (providers, their sovereignty profiles, {@code policy.yaml}), or with another policy file given by {@code
 * --policy FILE}. The commands never call a provider, so credentials need not be set: a placeholder stands in for
 * a credential variable the configuration names that is not set.
 */
public final class PolicySource {
    @Mixin
    ConfigOptions config;

    @Option(
            names = "--policy",
            paramLabel = "FILE",
            description = "Policy file to use instead of the configuration's policy.yaml.")
    Path policy;

    static final String DEFAULT = "built-in default policy";

    /** The configuration directory ({@code --config DIR}). */
    public Path configDir() {
        return config.dir;
    }

    /** The environment the configuration reads; replaceable by tests. */
    Map<String, String> env = System.getenv();

    /** What was read: the configuration, its providers' facts and model maps, and the policy if there is one. */
    public record Loaded(
            GatewayConfig config,
            Map<String, ProviderFacts> providers,
            ModelRouter router,
            Optional<Path> policyFile,
            Optional<Policy> policy) {

        public Explainer explainer() {
            return policy.map(p -> Explainer.of(p, Classifier.defaults()))
                    .orElseGet(() -> Explainer.byModel(router, providers, Classifier.defaults()));
        }

        /** The policy file in words, for headers. */
        public String describePolicy() {
            return policyFile.map(Path::toString).orElse(DEFAULT + " (no policy.yaml)");
        }
    }

    /** The configuration and the policy (the configured one, or {@code --policy FILE}), loaded and checked. */
    public Loaded load() throws IOException {
        Loaded loaded = configuration(null);
        Text text = text(loaded);
        Policy p = new PolicyLoader(loaded.providers(), loaded.router()).load(text.name(), text.yaml());
        return new Loaded(loaded.config(), loaded.providers(), loaded.router(), loaded.policyFile(), Optional.of(p));
    }

    /** A policy's name for messages (its file, or {@value #DEFAULT}) and its YAML. */
    record Text(String name, String yaml) {}

    /**
     * The text of {@code loaded}'s policy: its file's, or — as {@code serve} does without {@code policy.yaml} — the
     * built-in default policy written for the configured providers.
     */
    Text text(Loaded loaded) throws IOException {
        if (loaded.policyFile().isEmpty()) {
            return new Text(
                    DEFAULT, DefaultPolicy.yaml(loaded.config(), loaded.providers(), DefaultPolicy.forTools(env)));
        }
        Path path = loaded.policyFile().get();
        return new Text(path.toString(), read(path));
    }

    /**
     * The configuration and the policy file's path ({@code file} when not null, else {@code --policy FILE}, else
     * the configuration's), without loading the policy.
     */
    Loaded configuration(Path file) throws IOException {
        GatewayConfig gateway = new ConfigLoader(ConfigOptions.toolEnvironment(config.dir, env, true)).load(config.dir);
        Optional<Path> path =
                file != null ? Optional.of(file) : policy != null ? Optional.of(policy) : gateway.policy();
        return new Loaded(
                gateway, ProviderFacts.of(gateway), new ModelRouter(gateway.providers()), path, Optional.empty());
    }

    static String read(Path path) throws IOException {
        return Files.readString(path, StandardCharsets.UTF_8);
    }
}
