package dev.sovereign.cli;

import dev.sovereign.config.ConfigLoader;
import dev.sovereign.config.GatewayConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config DIR} option shared by every command that reads the configuration. */
public final class ConfigOptions {
    @Option(
            names = {"-c", "--config"},
            paramLabel = "DIR",
            defaultValue = "config",
            description =
                    "Configuration directory (sovereign.yaml, providers.yaml); missing files take built-in defaults. Default: ${DEFAULT-VALUE}")
    public Path dir;

    public GatewayConfig load() {
        return new ConfigLoader(System.getenv()).load(dir);
    }
}
