package dev.sovereign.config;

import static dev.sovereign.config.SettingValues.endpoint;

import dev.sovereign.config.internal.ConfigFiles;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the entries of {@code providers.yaml} into {@link ProviderConfig}s: the settings every provider has (id, kind,
 * endpoint, credential, formats, timeouts, model map, CA file, profile), the blocks of {@link ProviderCallSettings},
 * and through {@link KindSettingsLoader} the settings of its kind. Problems name the line of the setting
 * ({@link ProviderLines}). Immutable.
 */
final class ProviderEntryLoader {
    private static final String FILE = ConfigLoader.PROVIDERS_FILE;

    private final Map<String, String> env;
    private final SecretReader secrets;
    private final ProviderLines lines;

    /** @param env the process environment (kinds that authenticate through it read it) */
    ProviderEntryLoader(Map<String, String> env, SecretReader secrets, ProviderLines lines) {
        this.env = env;
        this.secrets = secrets;
        this.lines = lines;
    }

    List<ProviderConfig> read(ConfigFiles.ProvidersFile file) {
        if (file.providers() == null || file.providers().isEmpty()) {
            throw ConfigException.at(FILE, "providers", "list at least one provider");
        }
        List<ProviderConfig> result = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < file.providers().size(); i++) {
            ConfigFiles.Provider p = file.providers().get(i);
            if (p == null || !ConfigLoader.validId(p.id())) {
                throw ConfigException.at(
                        lines.at(i, "id"),
                        "providers[" + i + "].id",
                        "required: lower-case letters, digits, '.', '_' or '-'");
            }
            String at = "providers[" + i + "] (" + p.id() + ")";
            if (!ids.add(p.id()))
                throw ConfigException.at(lines.at(i, "id"), at + ".id", "'" + p.id() + "' is used twice");
            result.add(entry(i, at, p));
        }
        return result;
    }

    /** Provider {@code i}, whose setting path is {@code at}; the checks run in the order of this method. */
    private ProviderConfig entry(int i, String at, ConfigFiles.Provider p) {
        ProviderKind kind = kind(i, at, p);
        // Without an endpoint, the kind's settings derive one (bedrock, vertex) or require it.
        URI endpoint = p.endpoint() == null ? null : endpoint(lines.at(i, "endpoint"), at + ".endpoint", p.endpoint());
        Optional<Secret> credential = credential(i, at, p, kind);
        Set<WireFormat> formats = formats(i, at, p, kind);
        TranslationOptions translation =
                ProviderCallSettings.translation(lines.at(i, "translation"), at + ".translation", p.translation());
        KindSettingsLoader.Resolved kindSettings =
                KindSettingsLoader.resolve(lines, i, at, kind, p, endpoint, credential, formats, env);
        Timeouts timeouts = ProviderCallSettings.timeouts(lines.at(i, "timeouts"), at, p.timeouts());
        int maxConnections = p.maxConnections() == null ? ConfigLoader.DEFAULT_MAX_CONNECTIONS : p.maxConnections();
        if (maxConnections < 1)
            throw ConfigException.at(lines.at(i, "max_connections"), at + ".max_connections", "must be at least 1");
        List<ModelMapping> models = models(i, at, p, kindSettings);
        Optional<Path> caFile = caFile(i, at, p);
        String profile = p.profile() != null ? p.profile() : kindSettings.defaultProfile(p.id(), models);
        return new ProviderConfig(
                p.id(),
                kind,
                kindSettings.endpoint(),
                kindSettings.region() == null ? "unknown" : kindSettings.region(),
                credential,
                formats,
                profile,
                timeouts,
                maxConnections,
                models,
                caFile,
                translation,
                ProviderCallSettings.resilience(lines.at(i, "resilience"), at + ".resilience", p.resilience()),
                kindSettings.settings());
    }

    private ProviderKind kind(int i, String at, ConfigFiles.Provider p) {
        if (p.kind() == null)
            throw ConfigException.at(
                    lines.at(i, "kind"),
                    at + ".kind",
                    "required: anthropic, bedrock, openai-compatible, vertex or azure-openai");
        try {
            return ProviderKind.fromId(p.kind());
        } catch (IllegalArgumentException e) {
            throw ConfigException.at(lines.at(i, "kind"), at + ".kind", e.getMessage());
        }
    }

    /** The API key from {@code api_key_env} or {@code api_key_file} (not both); an anthropic provider needs one. */
    private Optional<Secret> credential(int i, String at, ConfigFiles.Provider p, ProviderKind kind) {
        if (p.apiKeyEnv() != null && p.apiKeyFile() != null) {
            throw ConfigException.at(lines.at(i, "api_key_env"), at, "set api_key_env or api_key_file, not both");
        }
        Optional<Secret> credential = secrets.read(
                lines.at(i, p.apiKeyEnv() != null ? "api_key_env" : "api_key_file"),
                at,
                "api_key_env",
                p.apiKeyEnv(),
                "api_key_file",
                p.apiKeyFile());
        if (kind == ProviderKind.ANTHROPIC && credential.isEmpty()) {
            throw ConfigException.at(lines.at(i, null), at, "an anthropic provider needs api_key_env or api_key_file");
        }
        return credential;
    }

    /** The {@code formats} the provider serves natively, or its kind's when the setting is absent. */
    private Set<WireFormat> formats(int i, String at, ConfigFiles.Provider p, ProviderKind kind) {
        Set<WireFormat> formats = EnumSet.noneOf(WireFormat.class);
        if (p.formats() == null) {
            formats.addAll(kind.defaultFormats());
            return formats;
        }
        for (String name : p.formats()) {
            try {
                formats.add(WireFormat.fromId(name));
            } catch (IllegalArgumentException e) {
                throw ConfigException.at(lines.at(i, "formats"), at + ".formats", e.getMessage());
            }
        }
        if (formats.isEmpty()) {
            throw ConfigException.at(
                    lines.at(i, "formats"),
                    at + ".formats",
                    "list at least one format the provider serves: anthropic, openai");
        }
        return formats;
    }

    /** The model map, in order, each entry checked as the provider's kind will send it. */
    private List<ModelMapping> models(
            int i, String at, ConfigFiles.Provider p, KindSettingsLoader.Resolved kindSettings) {
        if (p.models() == null || p.models().isEmpty()) {
            throw ConfigException.at(
                    lines.at(i, "models"),
                    at + ".models",
                    "list the models this provider serves (a name, an alias or a glob such as claude-*)");
        }
        List<ModelMapping> models = new ArrayList<>();
        for (int m = 0; m < p.models().size(); m++) {
            ConfigFiles.Model dto = p.models().get(m);
            String modelAt = at + ".models[" + m + "]";
            if (dto == null || dto.pattern() == null || dto.pattern().isBlank()) {
                throw ConfigException.at(lines.atModel(i, m, "pattern"), modelAt + ".pattern", "required");
            }
            ModelMapping mapping = new ModelMapping(dto.pattern(), dto.upstream());
            kindSettings.checkModel(lines, i, m, modelAt, mapping);
            models.add(mapping);
        }
        return models;
    }

    private Optional<Path> caFile(int i, String at, ConfigFiles.Provider p) {
        if (p.caFile() == null) return Optional.empty();
        Path path = Path.of(p.caFile());
        if (!Files.isReadable(path))
            throw ConfigException.at(lines.at(i, "ca_file"), at + ".ca_file", p.caFile() + " cannot be read");
        return Optional.of(path);
    }
}
