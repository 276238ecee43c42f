package dev.sovereign.config;

import dev.sovereign.config.internal.ConfigFiles;
import dev.sovereign.cost.Prices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads {@code sovereign.yaml} and {@code providers.yaml} from a configuration directory, fills in the
 * defaults, and validates the result. Every file is optional: with none, providers are enabled from the
 * environment variables of the official SDKs ({@code ANTHROPIC_API_KEY}, {@code OPENAI_API_KEY}) plus a
 * local OpenAI-compatible server.
 *
 * <p>Errors are {@link ConfigException}s naming the file, the setting and (for YAML errors) the line. {@link #load}
 * reads the parts in a fixed order, so that of several problems the same one is reported first: the files as YAML,
 * the server settings, client keys, audit, providers, prices, usage limits. Each part has a reader of its own in this package.
 */
public final class ConfigLoader {
    public static final String SOVEREIGN_FILE = "sovereign.yaml";
    public static final String PROVIDERS_FILE = "providers.yaml";
    public static final String POLICY_FILE = "policy.yaml";
    public static final String DEFAULT_LOCAL_BASE_URL = "http://localhost:11434/v1";

    /** Connections per event loop to one provider: enough for a thousand concurrent streams. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /** What ids of keys and providers may be: lower-case letters, digits, '.', '_' or '-', at most 64. */
    public static final String ID_RULE =
            "lower-case letters, digits, '.', '_' or '-' (at most 64, starting with a letter or digit)";

    /** Whether {@code id} may name a key or a provider ({@link #ID_RULE}). */
    public static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    private final ConfigFileReader files = new ConfigFileReader();
    private final Map<String, String> env;
    private final SecretReader secrets;

    /** @param env the process environment (injected so that tests are exact) */
    public ConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(env);
        this.secrets = new SecretReader(this.env);
    }

    public GatewayConfig load(Path dir) {
        Path providersPath = dir.resolve(PROVIDERS_FILE);
        ConfigFiles.SovereignFile main = files.read(dir.resolve(SOVEREIGN_FILE), ConfigFiles.SovereignFile.class);
        ConfigFiles.ProvidersFile providersFile = files.read(providersPath, ConfigFiles.ProvidersFile.class);
        ProviderLines providerLines = new ProviderLines(PROVIDERS_FILE, ConfigFileReader.located(providersPath));

        ServerSettings server = ServerSettings.read(main);
        List<ClientKey> keys = main == null || main.keys() == null ? List.of() : ClientKeyLoader.read(main.keys());
        AuditConfig audit =
                new AuditSettingsLoader(env, secrets).read(main == null ? null : main.audit(), server.dataDir());
        List<ProviderConfig> providers = providersFile == null
                ? EnvironmentProviders.read(env)
                : new ProviderEntryLoader(env, secrets, providerLines).read(providersFile);
        Path policy = dir.resolve(POLICY_FILE);
        return new GatewayConfig(
                server.host(),
                server.port(),
                server.admin(),
                server.dataDir(),
                server.limits(),
                server.drainTimeout(),
                server.accessLog(),
                keys,
                providers,
                audit,
                Files.exists(policy) ? Optional.of(policy) : Optional.empty(),
                prices(dir.resolve(Prices.FILE)),
                dir,
                source(dir),
                UsageLimitsLoader.read(main, keys, secrets));
    }

    /** Where the configuration came from, for the start-up log: the files found, or the built-in defaults. */
    private static String source(Path dir) {
        List<String> files = Stream.of(SOVEREIGN_FILE, PROVIDERS_FILE, POLICY_FILE, Prices.FILE)
                .filter(f -> Files.exists(dir.resolve(f)))
                .toList();
        String where = dir.toAbsolutePath().normalize().toString();
        return files.isEmpty()
                ? "built-in defaults (no files in " + where + ")"
                : where + " (" + String.join(", ", files) + "; built-in defaults for the others)";
    }

    /** The built-in prices extended by {@code file}; an invalid entry stops the start, naming file and field. */
    private static Prices prices(Path file) {
        try {
            return Prices.load(file);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }
}
