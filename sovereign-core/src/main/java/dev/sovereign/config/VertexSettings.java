package dev.sovereign.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings of a {@code vertex} provider (Claude on Google Vertex AI): the Google Cloud project, and where its
 * credentials come from. The provider's region is the Vertex AI location, which also picks the host.
 *
 * @param project the Google Cloud project id the requests are billed to
 * @param credentialsFile a Google credentials JSON file (a service account key, or an external account for workload
 *     identity federation); empty for Application Default Credentials ({@code GOOGLE_APPLICATION_CREDENTIALS}, the
 *     gcloud user credentials, or the metadata server of the machine)
 */
public record VertexSettings(String project, Optional<Path> credentialsFile) implements ProviderSettings {
    /** {@code global}, the multi-regions {@code eu} and {@code us}, or a region such as {@code europe-west1}. */
    private static final Pattern LOCATION = Pattern.compile("global|eu|us|[a-z]+-[a-z]+[0-9]+");

    /** Google Cloud project ids: 6 to 30 lower-case letters, digits and hyphens, starting with a letter. */
    private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");

    public VertexSettings {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(credentialsFile, "credentialsFile");
    }

    @Override
    public String describe() {
        return "project " + project + ", Google credentials "
                + credentialsFile.map(Path::toString).orElse("from Application Default Credentials");
    }

    /** Whether {@code location} is a Vertex AI location name. */
    public static boolean isLocation(String location) {
        return location != null && LOCATION.matcher(location).matches();
    }

    /** Whether {@code project} is a Google Cloud project id. */
    public static boolean isProject(String project) {
        return project != null && PROJECT.matcher(project).matches();
    }

    /**
     * The Vertex AI host of a location, as the official Anthropic SDKs choose it: {@code aiplatform.googleapis.com} for
     * {@code global}, {@code aiplatform.eu.rep.googleapis.com} and {@code aiplatform.us.rep.googleapis.com} for the
     * multi-regions, else {@code {location}-aiplatform.googleapis.com}.
     */
    public static URI endpointFor(String location) {
        return URI.create(
                switch (location) {
                    case "global" -> "https://aiplatform.googleapis.com";
                    case "eu" -> "https://aiplatform.eu.rep.googleapis.com";
                    case "us" -> "https://aiplatform.us.rep.googleapis.com";
                    default -> "https://" + location + "-aiplatform.googleapis.com";
                });
    }
}
