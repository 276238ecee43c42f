package dev.sovereign.config;

import dev.sovereign.config.internal.ConfigFiles;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the client keys of {@code sovereign.yaml} ({@code keys}): each a unique id, the SHA-256 of the key (never the
 * key itself), a team and a workload. Stateless.
 */
final class ClientKeyLoader {
    private static final String FILE = ConfigLoader.SOVEREIGN_FILE;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private ClientKeyLoader() {}

    static List<ClientKey> read(List<ConfigFiles.Key> dtos) {
        List<ClientKey> keys = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < dtos.size(); i++) {
            ConfigFiles.Key k = dtos.get(i);
            String at = "keys[" + i + "]";
            if (k == null || !ConfigLoader.validId(k.id())) {
                throw ConfigException.at(FILE, at + ".id", "required: lower-case letters, digits, '.', '_' or '-'");
            }
            String hash = k.sha256() == null ? null : k.sha256().toLowerCase(Locale.ROOT);
            if (hash == null || !SHA256_HEX.matcher(hash).matches()) {
                throw ConfigException.at(
                        FILE,
                        at + ".sha256",
                        "required: the SHA-256 of the key as 64 hex digits (sovereign keys create prints one)");
            }
            if (k.team() == null || k.team().isBlank()) throw ConfigException.at(FILE, at + ".team", "required");
            if (k.workload() == null || k.workload().isBlank())
                throw ConfigException.at(FILE, at + ".workload", "required");
            if (!ids.add(k.id())) throw ConfigException.at(FILE, at + ".id", "'" + k.id() + "' is used twice");
            if (!hashes.add(hash)) throw ConfigException.at(FILE, at + ".sha256", "the same key is listed twice");
            keys.add(new ClientKey(
                    k.id(),
                    hash,
                    k.team(),
                    k.workload(),
                    Boolean.TRUE.equals(k.admin()),
                    UsageLimitsLoader.limits(at + ".limits", k.limits())));
        }
        return keys;
    }
}
