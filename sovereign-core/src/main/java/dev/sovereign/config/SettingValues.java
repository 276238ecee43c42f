package dev.sovereign.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Reads the values that several settings share the form of (durations, http(s) URLs), failing with a
 * {@link ConfigException} that names the file and the setting. Stateless.
 */
final class SettingValues {
    private SettingValues() {}

    static Duration duration(String file, String setting, String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw ConfigException.at(file, setting, e.getMessage());
        }
    }

    /** {@code value} as a duration greater than zero, or {@code otherwise} when it is not set. */
    static Duration positive(String file, String setting, String value, Duration otherwise) {
        if (value == null) return otherwise;
        Duration d = duration(file, setting, value);
        if (d.isZero() || d.isNegative()) throw ConfigException.at(file, setting, "must be longer than 0");
        return d;
    }

    /** An http(s) base URL without a trailing slash; credentials in it are refused. */
    static URI endpoint(String file, String setting, String value) {
        try {
            URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw ConfigException.at(file, setting, "'" + value + "' is not an http(s) URL");
            }
            if (uri.getUserInfo() != null) {
                throw ConfigException.at(
                        file, setting, "credentials must not be written in the URL; use api_key_env or api_key_file");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw ConfigException.at(file, setting, "'" + value + "' is not a URL: " + e.getReason());
        }
    }
}
