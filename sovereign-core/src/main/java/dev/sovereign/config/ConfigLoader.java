package dev.sovereign.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sovereign.audit.ContentSealer;
import dev.sovereign.audit.TimeStampVerifier;
import dev.sovereign.config.internal.ConfigFiles;
import dev.sovereign.config.yaml.LocatedYaml;
import dev.sovereign.cost.Prices;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads {@code sovereign.yaml} and {@code providers.yaml} from a configuration directory, fills in the
 * defaults, and validates the result. Every file is optional: with none, providers are enabled from the
 * environment variables of the official SDKs ({@code ANTHROPIC_API_KEY}, {@code OPENAI_API_KEY}) plus a
 * local OpenAI-compatible server.
 *
 * <p>Errors are {@link ConfigException}s naming the file, the setting and (for YAML errors) the line.
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

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private final Map<String, String> env;

    /** @param env the process environment (injected so that tests are exact) */
    public ConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public GatewayConfig load(Path dir) {
        Path sovereignPath = dir.resolve(SOVEREIGN_FILE);
        Path providersPath = dir.resolve(PROVIDERS_FILE);
        ConfigFiles.SovereignFile main = read(sovereignPath, ConfigFiles.SovereignFile.class);
        ConfigFiles.ProvidersFile providersFile = read(providersPath, ConfigFiles.ProvidersFile.class);
        ProviderLines providerLines = new ProviderLines(PROVIDERS_FILE, located(providersPath));

        String host = "127.0.0.1";
        int port = 8080;
        GatewayConfig.Listener admin = null;
        Path dataDir = Path.of("data");
        Limits limits = Limits.DEFAULTS;
        Duration drain = Duration.ofSeconds(30);
        boolean accessLog = true;
        List<ClientKey> keys = List.of();
        ConfigFiles.AuditDto auditDto = null;
        if (main != null) {
            String file = SOVEREIGN_FILE;
            if (main.listen() != null) {
                if (main.listen().host() != null) host = main.listen().host();
                if (main.listen().port() != null) {
                    port = main.listen().port();
                    if (port < 0 || port > 65535)
                        throw ConfigException.at(file, "listen.port", port + " is not a TCP port");
                }
            }
            if (main.admin() != null) admin = adminListener(main.admin(), host, port);
            if (main.dataDir() != null) dataDir = Path.of(main.dataDir());
            if (main.limits() != null) {
                long body = main.limits().maxBodyBytes() == null
                        ? limits.maxBodyBytes()
                        : main.limits().maxBodyBytes();
                int depth = main.limits().maxJsonDepth() == null
                        ? limits.maxJsonDepth()
                        : main.limits().maxJsonDepth();
                if (body < 1024) throw ConfigException.at(file, "limits.max_body_bytes", "must be at least 1024");
                if (depth < 8 || depth > 10_000)
                    throw ConfigException.at(file, "limits.max_json_depth", "must be between 8 and 10000");
                ConfigFiles.LimitsDto l = main.limits();
                Duration header = positive(file, "limits.header_timeout", l.headerTimeout(), limits.headerTimeout());
                Duration bodyIdle =
                        positive(file, "limits.body_idle_timeout", l.bodyIdleTimeout(), limits.bodyIdleTimeout());
                Duration keepAlive =
                        positive(file, "limits.keep_alive_timeout", l.keepAliveTimeout(), limits.keepAliveTimeout());
                int connections = l.maxConnections() == null ? limits.maxConnections() : l.maxConnections();
                if (connections < 1) throw ConfigException.at(file, "limits.max_connections", "must be at least 1");
                long bodyMemory = l.bodyMemoryBytes() == null ? limits.bodyMemoryBytes() : l.bodyMemoryBytes();
                if (bodyMemory != 0 && bodyMemory < Limits.BODY_COPIES * body)
                    throw ConfigException.at(
                            file,
                            "limits.body_memory_bytes",
                            "must be at least twice max_body_bytes (" + Limits.BODY_COPIES * body
                                    + "; a body's bytes are held twice while it is read), or 0 for a quarter of"
                                    + " the heap");
                limits = new Limits(body, depth, header, bodyIdle, keepAlive, connections, bodyMemory);
            }
            if (main.drainTimeout() != null) drain = duration(file, "drain_timeout", main.drainTimeout());
            if (main.accessLog() != null) accessLog = main.accessLog();
            if (main.keys() != null) keys = keys(main.keys());
            auditDto = main.audit();
        }
        AuditConfig audit = audit(auditDto, dataDir);
        List<ProviderConfig> providers =
                providersFile == null ? providersFromEnvironment() : providers(providersFile, providerLines);
        List<String> files = java.util.stream.Stream.of(SOVEREIGN_FILE, PROVIDERS_FILE, POLICY_FILE, Prices.FILE)
                .filter(f -> Files.exists(dir.resolve(f)))
                .toList();
        String where = dir.toAbsolutePath().normalize().toString();
        String source = files.isEmpty()
                ? "built-in defaults (no files in " + where + ")"
                : where + " (" + String.join(", ", files) + "; built-in defaults for the others)";
        Path policy = dir.resolve(POLICY_FILE);
        return new GatewayConfig(
                host,
                port,
                Optional.ofNullable(admin),
                dataDir,
                limits,
                drain,
                accessLog,
                keys,
                providers,
                audit,
                Files.exists(policy) ? Optional.of(policy) : Optional.empty(),
                prices(dir.resolve(Prices.FILE)),
                dir,
                source);
    }

    /**
     * The admin API and dashboard's own listener: {@code host} defaults to loopback, {@code port} is required and
     * must differ from the client listener's (unless both are 0, any free port).
     */
    private static GatewayConfig.Listener adminListener(ConfigFiles.Listen admin, String host, int port) {
        String file = SOVEREIGN_FILE;
        String adminHost = admin.host() == null ? "127.0.0.1" : admin.host().trim();
        if (adminHost.isEmpty()) throw ConfigException.at(file, "admin.host", "must not be empty");
        if (admin.port() == null) {
            throw ConfigException.at(
                    file, "admin.port", "required: the port of the admin API and dashboard (for example 9090)");
        }
        int adminPort = admin.port();
        if (adminPort < 0 || adminPort > 65535)
            throw ConfigException.at(file, "admin.port", adminPort + " is not a TCP port");
        if (adminPort != 0 && adminPort == port) {
            throw ConfigException.at(
                    file,
                    "admin.port",
                    adminPort + " is also listen.port; the admin listener needs a port of its own (or leave admin"
                            + " out to serve /admin and /ui on " + host + ":" + port + ")");
        }
        return new GatewayConfig.Listener(adminHost, adminPort);
    }

    /** The built-in prices extended by {@code file}; an invalid entry stops the start, naming file and field. */
    private static Prices prices(Path file) {
        try {
            return Prices.load(file);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    private static final Pattern STORE_URL = Pattern.compile("sqlite:.+|(jdbc:)?postgres(ql)?://[^/]+/[^?/]+(\\?.*)?");

    private AuditConfig audit(ConfigFiles.AuditDto dto, Path dataDir) {
        AuditConfig d = AuditConfig.defaults(dataDir);
        if (dto == null) return d;
        String file = SOVEREIGN_FILE;
        String store = dto.store() == null ? d.store() : dto.store().trim();
        if (!STORE_URL.matcher(store).matches()) {
            throw ConfigException.at(
                    file,
                    "audit.store",
                    "'" + AuditConfig.mask(store)
                            + "' is not a store URL; use sqlite:<file> or postgresql://host[:port]/database");
        }
        if (store.matches("(?i).*[?&]password=.*")) {
            throw ConfigException.at(
                    file, "audit.store", "do not put the password in the URL; use password_env or password_file");
        }
        Optional<Secret> password = Optional.empty();
        if (dto.passwordEnv() != null || dto.passwordFile() != null) {
            password = secret(file, "audit", "password_env", dto.passwordEnv(), "password_file", dto.passwordFile());
        }
        if (dto.writer() != null && !dto.writer().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw ConfigException.at(
                    file, "audit.writer", "'" + dto.writer() + "' must be 1-100 letters, digits, '.', '-' or '_'");
        }
        Path signingKey = dto.signingKey() == null ? d.signingKey() : Path.of(dto.signingKey());
        Path verifyKey = dto.verifyKey() != null
                ? Path.of(dto.verifyKey())
                : dto.signingKey() == null ? d.verifyKey() : AuditConfig.publicKeyFor(signingKey);
        Duration interval = dto.checkpointInterval() == null
                ? d.checkpointInterval()
                : duration(file, "audit.checkpoint_interval", dto.checkpointInterval());
        if (interval.compareTo(Duration.ofSeconds(1)) < 0 || interval.compareTo(Duration.ofHours(24)) > 0) {
            throw ConfigException.at(file, "audit.checkpoint_interval", "must be between 1s and 24h");
        }
        boolean capture = Boolean.TRUE.equals(dto.capture());
        if (capture) {
            String key = env.get(ContentSealer.KEY_ENV);
            if (key == null || key.isBlank()) {
                throw ConfigException.at(
                        file,
                        "audit.capture",
                        "content capture needs the encryption key in " + ContentSealer.KEY_ENV
                                + " (32 random bytes, base64: `openssl rand -base64 32`)");
            }
            try {
                ContentSealer.of(key);
            } catch (IllegalArgumentException e) {
                throw ConfigException.at(file, "audit.capture", e.getMessage());
            }
        }
        int retention = dto.retentionDays() == null ? 0 : dto.retentionDays();
        if (retention < 0 || retention > 36_500) {
            throw ConfigException.at(file, "audit.retention_days", "must be between 0 (keep) and 36500");
        }
        String sync = dto.sqliteSync() == null ? d.sqliteSync() : dto.sqliteSync();
        if (!sync.equals("normal") && !sync.equals("full")) {
            throw ConfigException.at(file, "audit.sqlite_sync", "'" + sync + "' is not one of: normal, full");
        }
        int pool = dto.poolSize() == null ? d.poolSize() : dto.poolSize();
        if (pool < 1 || pool > 64) throw ConfigException.at(file, "audit.pool_size", "must be between 1 and 64");
        return new AuditConfig(
                dto.enabled() == null || dto.enabled(),
                store,
                password,
                Optional.ofNullable(dto.writer()),
                signingKey,
                verifyKey,
                dto.checkpoints() == null ? d.checkpoints() : Path.of(dto.checkpoints()),
                interval,
                capture,
                retention,
                sync,
                pool,
                timestamp(file, dto.timestamp()));
    }

    private static Optional<TimestampConfig> timestamp(String file, ConfigFiles.TimestampDto dto) {
        if (dto == null) return Optional.empty();
        if (dto.url() == null || dto.url().isBlank()) {
            throw ConfigException.at(
                    file, "audit.timestamp.url", "is missing: the RFC 3161 time-stamping authority's http(s) URL");
        }
        URI url;
        try {
            url = new URI(dto.url().trim());
        } catch (URISyntaxException e) {
            throw ConfigException.at(file, "audit.timestamp.url", "is not a URL: " + e.getReason());
        }
        if (url.getScheme() == null
                || !(url.getScheme().equalsIgnoreCase("http") || url.getScheme().equalsIgnoreCase("https"))
                || url.getHost() == null) {
            throw ConfigException.at(file, "audit.timestamp.url", "must be an http:// or https:// URL with a host");
        }
        if (dto.trust() == null || dto.trust().isBlank()) {
            throw ConfigException.at(
                    file,
                    "audit.timestamp.trust",
                    "is missing: a PEM file with the authority's certificate (or its root), which verification"
                            + " checks the tokens against");
        }
        Path trust = Path.of(dto.trust());
        try {
            TimeStampVerifier.load(trust);
        } catch (IOException e) {
            throw ConfigException.at(file, "audit.timestamp.trust", e.getMessage());
        }
        Duration every = dto.every() == null
                ? TimestampConfig.DEFAULT_EVERY
                : duration(file, "audit.timestamp.every", dto.every());
        if (every.compareTo(Duration.ofSeconds(1)) < 0 || every.compareTo(Duration.ofHours(24)) > 0) {
            throw ConfigException.at(file, "audit.timestamp.every", "must be between 1s and 24h");
        }
        Duration timeout = dto.timeout() == null
                ? TimestampConfig.DEFAULT_TIMEOUT
                : duration(file, "audit.timestamp.timeout", dto.timeout());
        if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofMinutes(2)) > 0) {
            throw ConfigException.at(file, "audit.timestamp.timeout", "must be between 100ms and 2m");
        }
        return Optional.of(new TimestampConfig(url, trust, every, timeout));
    }

    private <T> T read(Path path, Class<T> type) {
        if (!Files.exists(path)) return null;
        String name = path.getFileName().toString();
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot be read: " + e.getMessage(), e);
        }
        if (text.isBlank()) return null;
        try {
            return yaml.readValue(text, type);
        } catch (UnrecognizedPropertyException e) {
            List<String> known = e.getKnownPropertyIds() == null
                    ? List.of()
                    : e.getKnownPropertyIds().stream()
                            .map(String::valueOf)
                            .sorted()
                            .toList();
            // Records are bound from buffered tokens, so the parser is past the key: find the key's own line.
            int line = lineOfKey(text, e.getPropertyName());
            throw new ConfigException(
                    name + (line > 0 ? ":" + line : locate(tokenLocation(e))) + ": " + settingPath(e)
                            + ": unknown setting '" + e.getPropertyName() + "'"
                            + (known.isEmpty() ? "" : "; expected one of: " + String.join(", ", known)),
                    e);
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            String expected = expected(e.getTargetType());
            if (expected == null) throw mappingProblem(name, e);
            String given =
                    e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f && f.getValue() != null
                            ? ", not '" + f.getValue() + "'"
                            : "";
            throw new ConfigException(
                    name + locate(tokenLocation(e)) + ": " + settingPath(e) + ": expected " + expected + given, e);
        } catch (JsonMappingException e) {
            throw mappingProblem(name, e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(
                    name + locate(e.getLocation()) + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
    }

    /** What a setting of {@code type} holds, in the words of a configuration file; null for other types. */
    private static String expected(Class<?> type) {
        if (type == null) return null;
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) return "a number";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (type == String.class) return "a text value";
        if (List.class.isAssignableFrom(type)) return "a list";
        if (Map.class.isAssignableFrom(type) || type.isRecord()) return "a mapping of settings";
        return null;
    }

    private ConfigException mappingProblem(String name, JsonMappingException e) {
        return new ConfigException(
                name + locate(tokenLocation(e)) + ": " + settingPath(e) + ": "
                        + e.getOriginalMessage()
                                .replaceAll(" \\(class [^)]*\\)", "")
                                .replaceAll("\\s*at \\[Source.*", ""),
                e);
    }

    /** The file with the line of every setting, or {@code null} when it is absent or only Jackson could read it. */
    private static LocatedYaml located(Path path) {
        try {
            return Files.exists(path) ? LocatedYaml.parse(path.getFileName().toString(), Files.readString(path)) : null;
        } catch (IOException | LocatedYaml.SyntaxError e) {
            return null;
        }
    }

    private static int lineOfKey(String text, String key) {
        Pattern p = Pattern.compile("^[\\s-]*\"?" + Pattern.quote(key) + "\"?\\s*:");
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (p.matcher(lines[i]).find()) return i + 1;
        }
        return -1;
    }

    private static JsonLocation tokenLocation(JsonMappingException e) {
        if (e.getProcessor() instanceof JsonParser parser && parser.currentTokenLocation() != null) {
            return parser.currentTokenLocation();
        }
        return e.getLocation();
    }

    private static String locate(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? "" : ":" + location.getLineNr();
    }

    private static String settingPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "(top level)" : sb.toString();
    }

    private static List<ClientKey> keys(List<ConfigFiles.Key> dtos) {
        List<ClientKey> keys = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < dtos.size(); i++) {
            ConfigFiles.Key k = dtos.get(i);
            String at = "keys[" + i + "]";
            if (k == null || k.id() == null || !ID.matcher(k.id()).matches()) {
                throw ConfigException.at(
                        SOVEREIGN_FILE, at + ".id", "required: lower-case letters, digits, '.', '_' or '-'");
            }
            String hash = k.sha256() == null ? null : k.sha256().toLowerCase(Locale.ROOT);
            if (hash == null || !SHA256_HEX.matcher(hash).matches()) {
                throw ConfigException.at(
                        SOVEREIGN_FILE,
                        at + ".sha256",
                        "required: the SHA-256 of the key as 64 hex digits (sovereign keys create prints one)");
            }
            if (k.team() == null || k.team().isBlank())
                throw ConfigException.at(SOVEREIGN_FILE, at + ".team", "required");
            if (k.workload() == null || k.workload().isBlank())
                throw ConfigException.at(SOVEREIGN_FILE, at + ".workload", "required");
            if (!ids.add(k.id()))
                throw ConfigException.at(SOVEREIGN_FILE, at + ".id", "'" + k.id() + "' is used twice");
            if (!hashes.add(hash))
                throw ConfigException.at(SOVEREIGN_FILE, at + ".sha256", "the same key is listed twice");
            keys.add(new ClientKey(k.id(), hash, k.team(), k.workload(), Boolean.TRUE.equals(k.admin())));
        }
        return keys;
    }

    private List<ProviderConfig> providers(ConfigFiles.ProvidersFile file, ProviderLines lines) {
        if (file.providers() == null || file.providers().isEmpty()) {
            throw ConfigException.at(PROVIDERS_FILE, "providers", "list at least one provider");
        }
        List<ProviderConfig> result = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < file.providers().size(); i++) {
            ConfigFiles.Provider p = file.providers().get(i);
            String at = "providers[" + i + "]";
            if (p == null || p.id() == null || !ID.matcher(p.id()).matches()) {
                throw ConfigException.at(
                        lines.at(i, "id"), at + ".id", "required: lower-case letters, digits, '.', '_' or '-'");
            }
            at = "providers[" + i + "] (" + p.id() + ")";
            if (!ids.add(p.id()))
                throw ConfigException.at(lines.at(i, "id"), at + ".id", "'" + p.id() + "' is used twice");
            if (p.kind() == null)
                throw ConfigException.at(
                        lines.at(i, "kind"),
                        at + ".kind",
                        "required: anthropic, bedrock, openai-compatible, vertex or azure-openai");
            ProviderKind kind;
            try {
                kind = ProviderKind.fromId(p.kind());
            } catch (IllegalArgumentException e) {
                throw ConfigException.at(lines.at(i, "kind"), at + ".kind", e.getMessage());
            }
            boolean bedrock = kind == ProviderKind.BEDROCK;
            String region = bedrock ? BedrockSettings.region(lines.at(i, "region"), at, p.region()) : p.region();
            URI endpoint;
            if (p.endpoint() != null) {
                endpoint = endpoint(lines.at(i, "endpoint"), at + ".endpoint", p.endpoint());
            } else if (bedrock) {
                endpoint = BedrockSettings.defaultEndpoint(region);
            } else {
                endpoint = null; // derived from the kind's settings (vertex), or required by them
            }
            if (p.apiKeyEnv() != null && p.apiKeyFile() != null) {
                throw ConfigException.at(lines.at(i, "api_key_env"), at, "set api_key_env or api_key_file, not both");
            }
            Optional<Secret> credential = secret(
                    lines.at(i, p.apiKeyEnv() != null ? "api_key_env" : "api_key_file"),
                    at,
                    "api_key_env",
                    p.apiKeyEnv(),
                    "api_key_file",
                    p.apiKeyFile());
            if (kind == ProviderKind.ANTHROPIC && credential.isEmpty()) {
                throw ConfigException.at(
                        lines.at(i, null), at, "an anthropic provider needs api_key_env or api_key_file");
            }
            Set<WireFormat> formats = EnumSet.noneOf(WireFormat.class);
            if (p.formats() == null) {
                formats.addAll(defaultFormats(kind));
            } else {
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
            }
            TranslationOptions translation =
                    translation(lines.at(i, "translation"), at + ".translation", p.translation());
            if (bedrock) BedrockSettings.formats(lines.at(i, "formats"), at, formats);
            KindSettingsLoader.Resolved kindSettings =
                    KindSettingsLoader.resolve(lines.at(i, null), at, kind, p, endpoint, credential, formats, env);
            Timeouts t = Timeouts.DEFAULTS;
            if (p.timeouts() != null) {
                String where = lines.at(i, "timeouts");
                t = new Timeouts(
                        p.timeouts().connect() == null
                                ? t.connect()
                                : duration(
                                        where,
                                        at + ".timeouts.connect",
                                        p.timeouts().connect()),
                        p.timeouts().firstByte() == null
                                ? t.firstByte()
                                : duration(
                                        where,
                                        at + ".timeouts.first_byte",
                                        p.timeouts().firstByte()),
                        p.timeouts().idle() == null
                                ? t.idle()
                                : duration(
                                        where,
                                        at + ".timeouts.idle",
                                        p.timeouts().idle()));
            }
            int maxConnections = p.maxConnections() == null ? DEFAULT_MAX_CONNECTIONS : p.maxConnections();
            if (maxConnections < 1)
                throw ConfigException.at(lines.at(i, "max_connections"), at + ".max_connections", "must be at least 1");
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
                if (bedrock) {
                    String key = dto.upstream() == null || dto.upstream().equals("*") ? "pattern" : "upstream";
                    BedrockSettings.model(lines.atModel(i, m, key), modelAt, mapping, region);
                }
                models.add(mapping);
            }
            Optional<Path> caFile = Optional.empty();
            if (p.caFile() != null) {
                Path path = Path.of(p.caFile());
                if (!Files.isReadable(path))
                    throw ConfigException.at(lines.at(i, "ca_file"), at + ".ca_file", p.caFile() + " cannot be read");
                caFile = Optional.of(path);
            }
            String profile = p.profile() != null
                    ? p.profile()
                    : bedrock
                            ? BedrockSettings.defaultProfile(p.id(), region, models)
                            : kindSettings.defaultProfile() != null ? kindSettings.defaultProfile() : p.id();
            result.add(new ProviderConfig(
                    p.id(),
                    kind,
                    kindSettings.endpoint(),
                    bedrock
                            ? (region == null ? "unknown" : region)
                            : kindSettings.region() == null ? "unknown" : kindSettings.region(),
                    credential,
                    formats,
                    profile,
                    t,
                    maxConnections,
                    models,
                    caFile,
                    translation,
                    resilience(lines.at(i, "resilience"), at + ".resilience", p.resilience()),
                    kindSettings.settings()));
        }
        return result;
    }

    /** A provider's {@code resilience} block over the defaults; {@code 0s} for {@code max_retry_after} never waits. */
    private static Resilience resilience(String f, String at, ConfigFiles.ResilienceDto r) {
        Resilience d = Resilience.DEFAULTS;
        if (r == null) return d;
        Resilience.Breaker breaker = d.breaker();
        ConfigFiles.BreakerDto b = r.circuitBreaker();
        if (b != null) {
            int window = b.window() == null ? breaker.window() : b.window();
            try {
                breaker = new Resilience.Breaker(
                        b.enabled() == null ? breaker.enabled() : b.enabled(),
                        b.failureRate() == null ? breaker.failureRatePercent() : b.failureRate(),
                        window,
                        b.minCalls() == null ? Math.min(breaker.minCalls(), window) : b.minCalls(),
                        b.openFor() == null
                                ? breaker.openFor()
                                : duration(f, at + ".circuit_breaker.open_for", b.openFor()));
            } catch (IllegalArgumentException e) {
                throw ConfigException.at(f, at + ".circuit_breaker", e.getMessage());
            }
        }
        Duration backoff = r.backoff() == null ? d.backoff() : duration(f, at + ".backoff", r.backoff());
        Duration maxBackoff = r.maxBackoff() == null
                ? (backoff.compareTo(d.maxBackoff()) > 0 ? backoff : d.maxBackoff())
                : duration(f, at + ".max_backoff", r.maxBackoff());
        try {
            return new Resilience(
                    r.retries() == null ? d.retries() : r.retries(),
                    backoff,
                    maxBackoff,
                    r.maxRetryAfter() == null
                            ? d.maxRetryAfter()
                            : duration(f, at + ".max_retry_after", r.maxRetryAfter()),
                    r.maxConcurrent() == null ? d.maxConcurrent() : r.maxConcurrent(),
                    breaker);
        } catch (IllegalArgumentException e) {
            throw ConfigException.at(f, at, e.getMessage());
        }
    }

    private static TranslationOptions translation(String file, String at, ConfigFiles.TranslationDto dto) {
        if (dto == null) return TranslationOptions.DEFAULTS;
        int maxTokens = dto.defaultMaxTokens() == null ? TranslationOptions.DEFAULT_MAX_TOKENS : dto.defaultMaxTokens();
        if (maxTokens < 1) throw ConfigException.at(file, at + ".default_max_tokens", "must be at least 1");
        return new TranslationOptions(Boolean.TRUE.equals(dto.dropUnsupported()), maxTokens);
    }

    private Optional<Secret> credential(String file, String at, String envName, String filePath) {
        return secret(file, at, "api_key_env", envName, "api_key_file", filePath);
    }

    private Optional<Secret> secret(
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

    /**
     * The zero-configuration providers: {@code anthropic} when {@code ANTHROPIC_API_KEY} is set, {@code openai}
     * when {@code OPENAI_API_KEY} is set, and always {@code local}. Models named {@code claude-*} go to
     * anthropic; all others to openai when it is enabled, else to local.
     */
    List<ProviderConfig> providersFromEnvironment() {
        List<ProviderConfig> providers = new ArrayList<>();
        String anthropicKey = env.get("ANTHROPIC_API_KEY");
        if (anthropicKey != null && !anthropicKey.isBlank()) {
            URI base = endpoint(
                    "environment",
                    "ANTHROPIC_BASE_URL",
                    env.getOrDefault("ANTHROPIC_BASE_URL", "https://api.anthropic.com"));
            providers.add(new ProviderConfig(
                    "anthropic",
                    ProviderKind.ANTHROPIC,
                    base,
                    "us",
                    Optional.of(new Secret(anthropicKey.trim(), "env:ANTHROPIC_API_KEY")),
                    defaultFormats(ProviderKind.ANTHROPIC),
                    "anthropic",
                    Timeouts.DEFAULTS,
                    DEFAULT_MAX_CONNECTIONS,
                    List.of(new ModelMapping("claude-*", null)),
                    Optional.empty()));
        }
        String openAiKey = env.get("OPENAI_API_KEY");
        boolean openAi = openAiKey != null && !openAiKey.isBlank();
        if (openAi) {
            URI base = endpoint(
                    "environment", "OPENAI_BASE_URL", env.getOrDefault("OPENAI_BASE_URL", "https://api.openai.com/v1"));
            providers.add(new ProviderConfig(
                    "openai",
                    ProviderKind.OPENAI_COMPATIBLE,
                    base,
                    "us",
                    Optional.of(new Secret(openAiKey.trim(), "env:OPENAI_API_KEY")),
                    Set.of(WireFormat.OPENAI),
                    "openai",
                    Timeouts.DEFAULTS,
                    DEFAULT_MAX_CONNECTIONS,
                    List.of(new ModelMapping("*", null)),
                    Optional.empty()));
        }
        URI local = endpoint(
                "environment",
                "SOVEREIGN_LOCAL_BASE_URL",
                env.getOrDefault("SOVEREIGN_LOCAL_BASE_URL", DEFAULT_LOCAL_BASE_URL));
        // Ollama, vLLM and llama.cpp serve both /v1/chat/completions and /v1/messages.
        providers.add(new ProviderConfig(
                "local",
                ProviderKind.OPENAI_COMPATIBLE,
                local,
                "local",
                Optional.empty(),
                EnumSet.allOf(WireFormat.class),
                "self-hosted-open-weights",
                Timeouts.DEFAULTS,
                DEFAULT_MAX_CONNECTIONS,
                openAi ? List.of() : List.of(new ModelMapping("*", null)),
                Optional.empty()));
        return providers;
    }

    private static Set<WireFormat> defaultFormats(ProviderKind kind) {
        return switch (kind) {
            // The Anthropic API also serves the OpenAI Chat Completions format at /v1/chat/completions.
            case ANTHROPIC -> EnumSet.allOf(WireFormat.class);
            case BEDROCK, VERTEX -> EnumSet.of(WireFormat.ANTHROPIC);
            case OPENAI_COMPATIBLE, AZURE_OPENAI -> EnumSet.of(WireFormat.OPENAI);
        };
    }

    private static URI endpoint(String file, String setting, String value) {
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

    /** {@code value} as a duration greater than zero, or {@code otherwise} when it is not set. */
    private static Duration positive(String file, String setting, String value, Duration otherwise) {
        if (value == null) return otherwise;
        Duration d = duration(file, setting, value);
        if (d.isZero() || d.isNegative()) throw ConfigException.at(file, setting, "must be longer than 0");
        return d;
    }

    private static Duration duration(String file, String setting, String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw ConfigException.at(file, setting, e.getMessage());
        }
    }
}
