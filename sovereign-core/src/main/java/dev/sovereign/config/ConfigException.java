package dev.sovereign.config;

/**
 * Invalid configuration. The message names the file and the setting, and never contains a secret value.
 */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    static ConfigException at(String file, String setting, String problem) {
        return new ConfigException(file + ": " + setting + ": " + problem);
    }
}
