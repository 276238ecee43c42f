package dev.sovereign.config;

import dev.sovereign.config.internal.ConfigFiles;
import dev.sovereign.residency.Regions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks the settings that belong to one provider kind ({@code bedrock}, {@code vertex},
 * {@code azure-openai}, the dialect of {@code openai-compatible}), and what follows from them: the endpoint a kind
 * derives, the region where requests are processed, what the kind requires of the model map, and the sovereignty
 * profile of a provider that names none. A setting of another kind is refused. Stateless.
 */
final class KindSettingsLoader {
    static final String VERTEX_EU_PROFILE = "claude-vertex-eu";
    static final String AZURE_EU_PROFILE = "azure-openai-eu";
    static final String MISTRAL_PROFILE = "mistral";

    private static final Pattern DATED_VERSION = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}(-preview)?");

    /**
     * What a kind's settings decide.
     *
     * @param endpoint the base URL (derived when the kind can)
     * @param region where requests are processed (for {@code bedrock}, the AWS region), or {@code null} when the
     *     file does not say
     * @param kindProfile the sovereignty profile the kind's settings imply for a provider that names none, or
     *     {@code null} (for {@code bedrock} it depends on the model map: see {@link #defaultProfile})
     */
    record Resolved(ProviderSettings settings, URI endpoint, String region, String kindProfile) {
        /**
         * Checks {@code mapping}, entry {@code m} of provider {@code i}'s model map, as this kind will send it: a
         * {@code bedrock} provider must be sent a Bedrock model id that Bedrock serves from its region.
         */
        void checkModel(ProviderLines lines, int i, int m, String at, ModelMapping mapping) {
            if (settings instanceof BedrockSettings bedrock) {
                BedrockSettingsLoader.model(lines, i, m, at, mapping, bedrock);
            }
        }

        /** The sovereignty profile of provider {@code id}, which names none, serving {@code models}. */
        String defaultProfile(String id, List<ModelMapping> models) {
            if (settings instanceof BedrockSettings bedrock) {
                return BedrockSettingsLoader.defaultProfile(id, bedrock, models);
            }
            return kindProfile != null ? kindProfile : id;
        }
    }

    private KindSettingsLoader() {}

    /**
     * The kind's settings of provider {@code i}, whose setting path is {@code at}.
     *
     * @param endpoint the configured endpoint, or {@code null} when none is set
     * @param credential the configured API key, if any
     * @param env the process environment (workload identity is configured through it)
     */
    static Resolved resolve(
            ProviderLines lines,
            int i,
            String at,
            ProviderKind kind,
            ConfigFiles.Provider p,
            URI endpoint,
            Optional<Secret> credential,
            Set<WireFormat> formats,
            Map<String, String> env) {
        String file = lines.at(i, null);
        refuseForeign(file, at, kind, p);
        return switch (kind) {
            case BEDROCK -> BedrockSettingsLoader.resolve(lines, i, at, p, endpoint, formats);
            case VERTEX -> vertex(file, at, p, endpoint, credential, formats);
            case AZURE_OPENAI -> azure(file, at, p, requireEndpoint(file, at, endpoint), credential, formats, env);
            case OPENAI_COMPATIBLE -> openAiCompatible(file, at, p, requireEndpoint(file, at, endpoint));
            case ANTHROPIC ->
                new Resolved(new ProviderSettings.None(), requireEndpoint(file, at, endpoint), p.region(), null);
        };
    }

    private static URI requireEndpoint(String file, String at, URI endpoint) {
        if (endpoint == null) throw ConfigException.at(file, at + ".endpoint", "required: the base URL");
        return endpoint;
    }

    private static void refuseForeign(String file, String at, ProviderKind kind, ConfigFiles.Provider p) {
        if (kind != ProviderKind.VERTEX) {
            only(file, at, "project", p.project(), "vertex");
            only(file, at, "credentials_file", p.credentialsFile(), "vertex");
        }
        if (kind != ProviderKind.AZURE_OPENAI) {
            only(file, at, "api_version", p.apiVersion(), "azure-openai");
            only(file, at, "data_zone", p.dataZone(), "azure-openai");
            only(file, at, "entra_token_file", p.entraTokenFile(), "azure-openai");
            only(
                    file,
                    at,
                    "entra_workload_identity",
                    p.entraWorkloadIdentity() == null
                            ? null
                            : p.entraWorkloadIdentity().toString(),
                    "azure-openai");
        }
        if (kind != ProviderKind.OPENAI_COMPATIBLE) only(file, at, "dialect", p.dialect(), "openai-compatible");
    }

    private static void only(String file, String at, String setting, String value, String kind) {
        if (value != null) {
            throw ConfigException.at(file, at + "." + setting, "applies to " + kind + " providers only");
        }
    }

    private static Resolved vertex(
            String file,
            String at,
            ConfigFiles.Provider p,
            URI endpoint,
            Optional<Secret> credential,
            Set<WireFormat> formats) {
        String region = p.region();
        if (region == null || !VertexSettings.isLocation(region)) {
            throw ConfigException.at(
                    file,
                    at + ".region",
                    (region == null ? "required for a vertex provider" : "'" + region + "' is not a Vertex AI location")
                            + ": global, the multi-regions eu or us, or a region such as europe-west1");
        }
        if (!VertexSettings.isProject(p.project())) {
            throw ConfigException.at(
                    file,
                    at + ".project",
                    p.project() == null
                            ? "required for a vertex provider: the Google Cloud project id"
                            : "'" + p.project() + "' is not a Google Cloud project id");
        }
        if (credential.isPresent()) {
            throw ConfigException.at(
                    file,
                    at,
                    "a vertex provider authenticates with Google credentials, not an API key: remove api_key_env and"
                            + " api_key_file (set credentials_file, or leave it out for Application Default"
                            + " Credentials)");
        }
        if (!formats.equals(Set.of(WireFormat.ANTHROPIC))) {
            throw ConfigException.at(
                    file, at + ".formats", "a vertex provider serves the anthropic format only; write [anthropic]");
        }
        Optional<Path> credentialsFile = readableFile(file, at + ".credentials_file", p.credentialsFile());
        return new Resolved(
                new VertexSettings(p.project(), credentialsFile),
                endpoint == null ? VertexSettings.endpointFor(region) : endpoint,
                region,
                Regions.inEu(region) ? VERTEX_EU_PROFILE : null);
    }

    private static Resolved azure(
            String file,
            String at,
            ConfigFiles.Provider p,
            URI endpoint,
            Optional<Secret> credential,
            Set<WireFormat> formats,
            Map<String, String> env) {
        if (endpoint.getPath() != null && endpoint.getPath().contains("/openai")) {
            throw ConfigException.at(
                    file,
                    at + ".endpoint",
                    "give the resource's URL (https://{resource}.openai.azure.com or"
                            + " https://{resource}.services.ai.azure.com) without /openai: the gateway adds the path"
                            + " that api_version calls for");
        }
        String version = p.apiVersion() == null ? AzureOpenAiSettings.V1 : p.apiVersion();
        if (!version.equals(AzureOpenAiSettings.V1)
                && !DATED_VERSION.matcher(version).matches()) {
            throw ConfigException.at(
                    file,
                    at + ".api_version",
                    "'" + version + "' is not an Azure OpenAI API version: v1, or a dated version such as 2024-10-21");
        }
        AzureDataZone zone = dataZone(file, at, p);
        String resourceRegion = p.region();
        Optional<Path> tokenFile = readableFile(file, at + ".entra_token_file", p.entraTokenFile());
        Optional<EntraWorkloadIdentity> workload = Boolean.TRUE.equals(p.entraWorkloadIdentity())
                ? Optional.of(workloadIdentity(file, at + ".entra_workload_identity", env))
                : Optional.empty();
        int credentials =
                (credential.isPresent() ? 1 : 0) + (tokenFile.isPresent() ? 1 : 0) + (workload.isPresent() ? 1 : 0);
        if (credentials != 1) {
            throw ConfigException.at(
                    file,
                    at,
                    "an azure-openai provider needs one credential: api_key_env or api_key_file (an API key),"
                            + " entra_token_file (a Microsoft Entra access token) or entra_workload_identity: true");
        }
        if (!formats.equals(Set.of(WireFormat.OPENAI))) {
            throw ConfigException.at(
                    file, at + ".formats", "an azure-openai provider serves the openai format only; write [openai]");
        }
        String region = zone.processingRegion(resourceRegion);
        return new Resolved(
                new AzureOpenAiSettings(version, zone, resourceRegion, tokenFile, workload),
                endpoint,
                region,
                Regions.inEu(region) ? AZURE_EU_PROFILE : null);
    }

    /** The deployment type, which must agree with the resource's region when it is given (required for regional). */
    private static AzureDataZone dataZone(String file, String at, ConfigFiles.Provider p) {
        if (p.dataZone() == null) {
            throw ConfigException.at(
                    file,
                    at + ".data_zone",
                    "required for an azure-openai provider, as its deployments' type says where requests are"
                            + " processed: regional (Standard), eu or us (Data Zone), or global (Global)");
        }
        AzureDataZone zone;
        try {
            zone = AzureDataZone.fromId(p.dataZone());
        } catch (IllegalArgumentException e) {
            throw ConfigException.at(file, at + ".data_zone", e.getMessage());
        }
        String resourceRegion = p.region();
        if (zone == AzureDataZone.REGIONAL && resourceRegion == null) {
            throw ConfigException.at(
                    file, at + ".region", "required with data_zone: regional: the Azure region of the resource");
        }
        if (zone == AzureDataZone.EU && resourceRegion != null && !Regions.inEu(resourceRegion)) {
            throw ConfigException.at(
                    file,
                    at + ".data_zone",
                    "eu Data Zone deployments need a resource in an EU region; '" + resourceRegion + "' is not one");
        }
        if (zone == AzureDataZone.US && resourceRegion != null && !Regions.within(resourceRegion, "us")) {
            throw ConfigException.at(
                    file,
                    at + ".data_zone",
                    "us Data Zone deployments need a resource in a US region; '" + resourceRegion + "' is not one");
        }
        return zone;
    }

    private static Resolved openAiCompatible(String file, String at, ConfigFiles.Provider p, URI endpoint) {
        OpenAiDialect dialect;
        try {
            dialect = p.dialect() == null ? OpenAiDialect.detect(endpoint) : OpenAiDialect.fromId(p.dialect());
        } catch (IllegalArgumentException e) {
            throw ConfigException.at(file, at + ".dialect", e.getMessage());
        }
        String region = p.region();
        Optional<String> hostRegion = OpenAiDialect.mistralRegion(endpoint);
        if (hostRegion.isPresent()) {
            if (region == null) {
                region = hostRegion.get();
            } else if (Regions.placed(region) && !Regions.within(region, hostRegion.get())) {
                throw ConfigException.at(
                        file,
                        at + ".region",
                        "'" + region + "' contradicts the endpoint " + endpoint.getHost() + ", which processes in "
                                + hostRegion.get());
            }
        }
        boolean mistralHost = OpenAiDialect.detect(endpoint) == OpenAiDialect.MISTRAL;
        return new Resolved(
                new OpenAiCompatibleSettings(dialect), endpoint, region, mistralHost ? MISTRAL_PROFILE : null);
    }

    /** The workload identity that AKS injects through the environment. */
    private static EntraWorkloadIdentity workloadIdentity(String file, String setting, Map<String, String> env) {
        String tenant = required(file, setting, env, EntraWorkloadIdentity.TENANT_ENV);
        String client = required(file, setting, env, EntraWorkloadIdentity.CLIENT_ENV);
        String tokenFile = required(file, setting, env, EntraWorkloadIdentity.TOKEN_FILE_ENV);
        Path path = readableFile(file, setting, tokenFile).orElseThrow();
        String authority =
                env.getOrDefault(EntraWorkloadIdentity.AUTHORITY_ENV, EntraWorkloadIdentity.PUBLIC_CLOUD_AUTHORITY);
        URI authorityHost;
        try {
            authorityHost = URI.create(authority.strip());
        } catch (IllegalArgumentException e) {
            throw ConfigException.at(
                    file, setting, EntraWorkloadIdentity.AUTHORITY_ENV + " is not a URL: " + authority);
        }
        if (!"https".equals(authorityHost.getScheme()) && !"http".equals(authorityHost.getScheme())) {
            throw ConfigException.at(
                    file, setting, EntraWorkloadIdentity.AUTHORITY_ENV + " is not an http(s) URL: " + authority);
        }
        return new EntraWorkloadIdentity(tenant, client, path, authorityHost);
    }

    private static String required(String file, String setting, Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw ConfigException.at(
                    file,
                    setting,
                    "workload identity needs the environment variable " + name
                            + " (set by Azure Kubernetes Service for a pod with workload identity)");
        }
        return value.strip();
    }

    private static Optional<Path> readableFile(String file, String setting, String value) {
        if (value == null) return Optional.empty();
        Path path = Path.of(value);
        if (!Files.isReadable(path)) throw ConfigException.at(file, setting, value + " cannot be read");
        return Optional.of(path);
    }
}
