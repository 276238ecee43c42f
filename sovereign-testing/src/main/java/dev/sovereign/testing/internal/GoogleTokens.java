package dev.sovereign.testing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Google's OAuth 2.0 token endpoint for service accounts ({@code POST /token}, the {@code token_uri} of a service
 * account key pointed here): the JWT-bearer grant ({@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer},
 * {@code assertion=<signed JWT>}). The assertion's claims are checked ({@code iss}, {@code aud} naming this endpoint,
 * the {@code cloud-platform} scope, an {@code exp} in the future); its RS256 signature is not, as the fake holds no
 * public key. Answers {@code {"access_token","expires_in","token_type":"Bearer"}}, or Google's {@code
 * {"error","error_description"}} with 400. Stateless and thread-safe.
 */
final class GoogleTokens {
    static final String PATH = "/token";
    static final String GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";

    private GoogleTokens() {}

    static void issue(Exchange exchange) {
        Map<String, String> form = form(exchange.bodyAsString());
        if (!GRANT.equals(form.get("grant_type"))) {
            refuse(exchange, "unsupported_grant_type", "Invalid grant_type: " + form.get("grant_type"));
            return;
        }
        JsonNode claims = claims(form.get("assertion"));
        if (claims == null) {
            refuse(exchange, "invalid_grant", "Invalid JWT: not a signed JWT.");
            return;
        }
        long now = exchange.state().clock().instant().getEpochSecond();
        if (!claims.path("iss").isTextual()
                || !claims.path("aud").asText("").endsWith(PATH)
                || !claims.path("scope").asText("").contains(SCOPE)
                || claims.path("exp").asLong(0) <= now) {
            refuse(exchange, "invalid_grant", "Invalid JWT Signature or claims.");
            return;
        }
        GoogleTokenRegistry tokens = exchange.state().googleTokens();
        ObjectNode answer = Json.object()
                .put("access_token", tokens.issue())
                .put("expires_in", Math.max(1, tokens.lifetime().toSeconds()))
                .put("token_type", "Bearer");
        exchange.write(200, Json.buffer(answer), Map.of());
    }

    private static void refuse(Exchange exchange, String error, String description) {
        exchange.write(
                400, Json.buffer(Json.object().put("error", error).put("error_description", description)), Map.of());
    }

    private static JsonNode claims(String jwt) {
        if (jwt == null) return null;
        String[] parts = jwt.split("\\.");
        if (parts.length != 3 || parts[2].isEmpty()) return null;
        try {
            return Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return null;
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}
