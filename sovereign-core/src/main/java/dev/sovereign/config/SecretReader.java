package dev.sovereign.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a secret that a setting refers to, never one written inline: from an environment variable
 * ({@code ..._env}) or a file ({@code ..._file}). The secret remembers where it came from for the log. Immutable.
 */
final class SecretReader {
    private final Map<String, String> env;

    /** @param env the process environment */
    SecretReader(Map<String, String> env) {
        this.env = env;
    }

    /**
     * The secret in environment variable {@code envName}, else in file {@code filePath}, else empty when neither is
     * set; an unset variable, or a file that is empty or cannot be read, fails.
     *
     * @param at the setting path of the block, to which {@code envSetting} or {@code fileSetting} is appended
     */
    Optional<Secret> read(
            String file, String at, String envSetting, String envName, String fileSetting, String filePath) {
        if (envName != null) {
            String value = env.get(envName);
            if (value == null || value.isBlank()) {
                throw ConfigException.at(
                        file, at + "." + envSetting, "environment variable " + envName + " is not set");
            }
            return Optional.of(new Secret(value.trim(), "env:" + envName));
        }
        if (filePath != null) {
            try {
                String value = Files.readString(Path.of(filePath), StandardCharsets.UTF_8)
                        .trim();
                if (value.isEmpty()) throw ConfigException.at(file, at + "." + fileSetting, filePath + " is empty");
                return Optional.of(new Secret(value, "file:" + filePath));
            } catch (IOException e) {
                throw ConfigException.at(
                        file,
                        at + "." + fileSetting,
                        filePath + " cannot be read (" + e.getClass().getSimpleName() + ")");
            }
        }
        return Optional.empty();
    }
}
