package dev.sovereign.testing.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Microsoft Entra's token endpoint for workload identity ({@code POST /{tenant}/oauth2/v2.0/token}, the authority
 * host pointed here): the client-credentials grant with a federated client assertion ({@code client_id}, {@code
 * scope}, {@code grant_type=client_credentials}, {@code client_assertion_type=…jwt-bearer}, {@code client_assertion}).
 * Answers {@code {"token_type":"Bearer","expires_in","access_token"}} with an access token shaped as Entra's (a JWT
 * whose claims name the audience, tenant and app; not signed), or Entra's {@code {"error","error_description"}} with
 * 400. Stateless and thread-safe.
 */
final class EntraTokens {
    static final String SUFFIX = "/oauth2/v2.0/token";
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private EntraTokens() {}

    static void issue(Exchange exchange) {
        String tenant = exchange.path().substring(1, exchange.path().length() - SUFFIX.length());
        Map<String, String> form = form(exchange.bodyAsString());
        if (!"client_credentials".equals(form.get("grant_type"))) {
            refuse(exchange, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.");
            return;
        }
        if (!ASSERTION_TYPE.equals(form.get("client_assertion_type"))
                || form.getOrDefault("client_assertion", "").split("\\.").length != 3
                || form.getOrDefault("client_id", "").isEmpty()) {
            refuse(exchange, "invalid_client", "AADSTS700024: Client assertion is missing or invalid.");
            return;
        }
        if (!"https://cognitiveservices.azure.com/.default".equals(form.get("scope"))) {
            refuse(exchange, "invalid_scope", "AADSTS70011: The provided value for scope is not valid.");
            return;
        }
        long exp = exchange.state().clock().instant().getEpochSecond() + 3599;
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        ObjectNode claims = Json.object()
                .put("aud", "https://cognitiveservices.azure.com")
                .put("tid", tenant)
                .put("appid", form.get("client_id"))
                .put("exp", exp);
        String token = b64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(Json.string(claims).getBytes(StandardCharsets.UTF_8)) + "."
                + Ids.request().substring(4);
        ObjectNode answer = Json.object()
                .put("token_type", "Bearer")
                .put("expires_in", 3599)
                .put("ext_expires_in", 3599)
                .put("access_token", token);
        exchange.write(200, Json.buffer(answer), Map.of());
    }

    private static void refuse(Exchange exchange, String error, String description) {
        exchange.write(
                400, Json.buffer(Json.object().put("error", error).put("error_description", description)), Map.of());
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
