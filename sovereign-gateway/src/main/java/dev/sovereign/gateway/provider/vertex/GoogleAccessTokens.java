package dev.sovereign.gateway.provider.vertex;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import dev.sovereign.gateway.provider.RefreshedToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Google OAuth access tokens for Vertex AI from the official Google auth library: Application Default Credentials
 * ({@code GOOGLE_APPLICATION_CREDENTIALS}, gcloud's user credentials, the metadata server of a Google Cloud machine),
 * or a credentials file named in the configuration (a service account key or a workload identity federation
 * configuration), scoped to {@code cloud-platform}. A service account key exchanges a signed JWT at its {@code
 * token_uri}.
 *
 * <p>Every call blocks (files, token endpoints, the metadata server): only for a {@link RefreshedToken}'s worker
 * thread, one call at a time.
 */
final class GoogleAccessTokens implements RefreshedToken.Source {
    static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";

    private final Optional<Path> credentialsFile;
    private final Clock clock;
    private GoogleCredentials credentials;

    GoogleAccessTokens(Optional<Path> credentialsFile, Clock clock) {
        this.credentialsFile = credentialsFile;
        this.clock = clock;
    }

    @Override
    public RefreshedToken.Token fetch() throws IOException {
        if (credentials == null) credentials = load().createScoped(List.of(SCOPE));
        credentials.refresh();
        AccessToken token = credentials.getAccessToken();
        if (token == null) throw new IOException("the Google credentials gave no access token");
        return new RefreshedToken.Token(
                token.getTokenValue(),
                token.getExpirationTime() == null
                        ? clock.instant().plus(Duration.ofMinutes(30))
                        : token.getExpirationTime().toInstant());
    }

    @SuppressWarnings("deprecation") // the file is the operator's own configuration, not input from a client
    private GoogleCredentials load() throws IOException {
        if (credentialsFile.isEmpty()) return GoogleCredentials.getApplicationDefault();
        try (InputStream in = Files.newInputStream(credentialsFile.get())) {
            return GoogleCredentials.fromStream(in);
        }
    }
}
