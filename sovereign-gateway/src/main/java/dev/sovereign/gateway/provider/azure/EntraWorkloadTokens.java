package dev.sovereign.gateway.provider.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.config.EntraWorkloadIdentity;
import dev.sovereign.gateway.provider.RefreshedToken;
import dev.sovereign.gateway.wire.Json;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;

/**
 * Microsoft Entra access tokens for Azure OpenAI through workload identity: the federated token the kubelet writes
 * (read afresh each time, as it rotates) is the client assertion of an OAuth 2.0 client-credentials request for the
 * scope {@code https://cognitiveservices.azure.com/.default} at the tenant's token endpoint, the exchange Azure
 * Identity's {@code WorkloadIdentityCredential} makes. Neither token is ever logged; an error names only the
 * endpoint's status and Entra's error code. Blocking: only for a {@link RefreshedToken}'s worker thread.
 */
final class EntraWorkloadTokens implements RefreshedToken.Source {
    static final String SCOPE = "https://cognitiveservices.azure.com/.default";
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final EntraWorkloadIdentity identity;
    private final Json json;
    private final Clock clock;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    EntraWorkloadTokens(EntraWorkloadIdentity identity, Json json, Clock clock) {
        this.identity = identity;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public RefreshedToken.Token fetch() throws IOException, InterruptedException {
        String assertion = Files.readString(identity.federatedTokenFile(), StandardCharsets.UTF_8)
                .strip();
        if (assertion.isEmpty()) throw new IOException(identity.federatedTokenFile() + " is empty");
        String form = "client_id=" + encode(identity.clientId()) + "&scope=" + encode(SCOPE)
                + "&grant_type=client_credentials&client_assertion_type=" + encode(ASSERTION_TYPE)
                + "&client_assertion=" + encode(assertion);
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(identity.tokenEndpoint())
                        .timeout(TIMEOUT)
                        .header("content-type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        JsonNode body = json.tryParse(response.body());
        if (response.statusCode() != 200
                || body == null
                || !body.path("access_token").isTextual()) {
            String error = body == null ? "" : body.path("error").asText("");
            throw new IOException("the Entra token endpoint answered HTTP " + response.statusCode()
                    + (error.isEmpty() ? "" : " (" + error + ")"));
        }
        long expiresIn = body.path("expires_in").asLong(3600);
        return new RefreshedToken.Token(
                body.path("access_token").asText(), clock.instant().plusSeconds(expiresIn));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
