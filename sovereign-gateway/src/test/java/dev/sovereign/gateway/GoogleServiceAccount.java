package dev.sovereign.gateway;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A Google service account key file as the Google Cloud console issues it, with a fresh RSA key, whose {@code
 * token_uri} points at the fake upstream's token endpoint: the official Google auth library signs a JWT with the key
 * and exchanges it there for an access token, as it would at {@code oauth2.googleapis.com}.
 */
final class GoogleServiceAccount {
    private GoogleServiceAccount() {}

    /** The key file's JSON, {@code token_uri} at {@code <tokenBase>/token} ({@code ${UPSTREAM}} for the fixture). */
    static String keyFile(String tokenBase) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            String pem = "-----BEGIN PRIVATE KEY-----\\n"
                    + Base64.getEncoder()
                            .encodeToString(
                                    generator.generateKeyPair().getPrivate().getEncoded())
                    + "\\n-----END PRIVATE KEY-----\\n";
            return """
                    {"type": "service_account", "project_id": "acme-prod-123", "private_key_id": "0123456789abcdef",
                     "private_key": "%s",
                     "client_email": "gateway@acme-prod-123.iam.gserviceaccount.com", "client_id": "1234567890",
                     "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": "%s/token"}
                    """.formatted(pem, tokenBase);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
