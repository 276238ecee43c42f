package dev.sovereign.cli;

import dev.sovereign.audit.ContentSealer;
import dev.sovereign.config.ConfigLoader;
import dev.sovereign.config.GatewayConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code --config DIR} option shared by every command that reads the configuration. */
public final class ConfigOptions {
    /** The configuration directory: {@code config} unless {@code --config} names another, which must exist. */
    public Path dir = Path.of("config");

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(
            names = {"-c", "--config"},
            paramLabel = "DIR",
            description =
                    "Configuration directory (sovereign.yaml, providers.yaml, policy.yaml); missing files take built-in"
                            + " defaults. Default: config (used when it exists; a directory named here must exist)")
    void configDirectory(Path given) {
        if (!Files.exists(given)) {
            throw new ParameterException(
                    command.commandLine(),
                    "--config " + given + ": no such directory (without --config, ./config is read when it exists)");
        }
        if (!Files.isDirectory(given)) {
            throw new ParameterException(
                    command.commandLine(),
                    "--config " + given + ": is a file; name the directory that holds sovereign.yaml, providers.yaml"
                            + " and policy.yaml");
        }
        dir = given;
    }

    public GatewayConfig load() {
        return new ConfigLoader(System.getenv()).load(dir);
    }

    /**
     * The configuration as commands that never call a provider read it (policy tools, reports): provider
     * credentials need not be set. See {@link #toolEnvironment}.
     */
    public GatewayConfig loadForTools() {
        return new ConfigLoader(toolEnvironment(dir, System.getenv(), false)).load(dir);
    }

    /**
     * {@code env}, with a placeholder for each credential the configuration in {@code dir} names that is not set:
     * the variables named by {@code api_key_env}, the content-capture key, and with {@code storePassword} the
     * store's {@code password_env} (for commands that never open the store). The variables that decide which
     * providers exist without {@code providers.yaml} are left as they are. The placeholder is 32 zero bytes in
     * base64, which also passes as a content-capture key.
     */
    public static Map<String, String> toolEnvironment(Path dir, Map<String, String> env, boolean storePassword) {
        Map<String, String> view = new HashMap<>(env);
        for (String file : List.of(ConfigLoader.PROVIDERS_FILE, ConfigLoader.SOVEREIGN_FILE)) {
            Path path = dir.resolve(file);
            if (!Files.isRegularFile(path)) continue;
            String text;
            try {
                text = Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Matcher m = (storePassword ? CREDENTIAL_VARIABLE : API_KEY_VARIABLE).matcher(text);
            while (m.find()) view.putIfAbsent(m.group(1), PLACEHOLDER);
        }
        view.putIfAbsent(ContentSealer.KEY_ENV, PLACEHOLDER);
        return view;
    }

    private static final Pattern CREDENTIAL_VARIABLE =
            Pattern.compile("(?:api_key_env|password_env)\\s*:\\s*[\"']?([A-Za-z_][A-Za-z0-9_]*)");

    private static final Pattern API_KEY_VARIABLE =
            Pattern.compile("api_key_env\\s*:\\s*[\"']?([A-Za-z_][A-Za-z0-9_]*)");

    private static final String PLACEHOLDER = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
}
