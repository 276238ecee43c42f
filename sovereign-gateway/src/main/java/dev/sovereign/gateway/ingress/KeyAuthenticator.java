package dev.sovereign.gateway.ingress;

import dev.sovereign.config.ClientKey;
import dev.sovereign.gateway.wire.FailureKind;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.gateway.wire.Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Authenticates client keys against the configured SHA-256 hashes: the gateway never holds a client key
 * in clear. A key arrives as {@code x-api-key} (Anthropic SDKs) or {@code Authorization: Bearer} (both).
 * With no keys configured, every caller is {@link Principal#LOCAL}; the server then listens on loopback
 * only. Thread-safe.
 */
public final class KeyAuthenticator {
    private final Map<String, Principal> byHash = new HashMap<>();

    public KeyAuthenticator(List<ClientKey> keys) {
        for (ClientKey k : keys) {
            byHash.put(k.sha256(), new Principal(k.id(), k.team(), k.workload(), k.admin()));
        }
    }

    public boolean open() {
        return byHash.isEmpty();
    }

    /**
     * @param apiKeyHeader the {@code x-api-key} header or {@code null}
     * @param authorization the {@code Authorization} header or {@code null}
     */
    public Principal authenticate(String apiKeyHeader, String authorization) {
        if (open()) return Principal.LOCAL;
        String presented = apiKeyHeader;
        if (presented == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorization.substring(7).trim();
        }
        if (presented == null || presented.isEmpty()) {
            throw new GatewayFailure(
                    FailureKind.UNAUTHENTICATED,
                    "No API key: send your gateway key as x-api-key or Authorization: Bearer.");
        }
        Principal principal = byHash.get(sha256(presented));
        if (principal == null) {
            throw new GatewayFailure(FailureKind.UNAUTHENTICATED, "The API key is not valid for this gateway.");
        }
        return principal;
    }

    /** Lower-case hex SHA-256 of a key, as written in {@code sovereign.yaml}. */
    public static String sha256(String key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
