package dev.sovereign.gateway.provider.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.gateway.provider.RefreshedToken;
import dev.sovereign.gateway.wire.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * A Microsoft Entra access token read from a file that the platform keeps fresh (a sidecar or an init job that runs
 * the Azure CLI or an Azure Identity library, for example with workload identity). The token is for the resource
 * {@code https://cognitiveservices.azure.com}; a federated Kubernetes service-account token is not one, it must be
 * exchanged first. Its expiry is read from the JWT's {@code exp} claim; a token that is not a JWT is taken for five
 * minutes. Reads block: only for a {@link RefreshedToken}'s worker thread.
 */
final class EntraTokenFile implements RefreshedToken.Source {
    private static final Duration UNKNOWN_LIFETIME = Duration.ofMinutes(5);

    private final Path file;
    private final Json json;
    private final Clock clock;

    EntraTokenFile(Path file, Json json, Clock clock) {
        this.file = file;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public RefreshedToken.Token fetch() throws IOException {
        String token = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (token.isEmpty()) throw new IOException(file + " is empty");
        return new RefreshedToken.Token(token, expiry(token));
    }

    private Instant expiry(String token) {
        String[] parts = token.split("\\.");
        if (parts.length == 3) {
            try {
                JsonNode claims = json.tryParse(Base64.getUrlDecoder().decode(parts[1]));
                if (claims != null && claims.path("exp").canConvertToLong()) {
                    return Instant.ofEpochSecond(claims.path("exp").asLong());
                }
            } catch (IllegalArgumentException notBase64) {
                // not a JWT after all: take the default lifetime
            }
        }
        return clock.instant().plus(UNKNOWN_LIFETIME);
    }
}
