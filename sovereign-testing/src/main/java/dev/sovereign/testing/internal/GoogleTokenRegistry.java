package dev.sovereign.testing.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Google OAuth access tokens the fake token endpoint issued, with their expiry, so that the Vertex AI endpoints
 * accept exactly those. Thread-safe.
 */
public final class GoogleTokenRegistry {
    private final Clock clock;
    private final Map<String, Instant> issued = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile Duration lifetime = Duration.ofHours(1);

    GoogleTokenRegistry(Clock clock) {
        this.clock = clock;
    }

    /** Issues a new token valid for the current lifetime. */
    String issue() {
        String token = "ya29.fake-" + Ids.request().substring(4) + "-" + count.incrementAndGet();
        issued.put(token, clock.instant().plus(lifetime));
        return token;
    }

    /** True for a token this server issued and that has not expired. */
    boolean valid(String token) {
        Instant expiry = token == null ? null : issued.get(token);
        return expiry != null && clock.instant().isBefore(expiry);
    }

    /** How long the next tokens live. */
    public Duration lifetime() {
        return lifetime;
    }

    public void setLifetime(Duration lifetime) {
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("token lifetime must be positive, was " + lifetime);
        }
        this.lifetime = lifetime;
    }

    /** Tokens issued since start. */
    public int issuedCount() {
        return count.get();
    }

    /** Makes every token issued so far invalid, as a revoked credential would be. */
    public void revokeAll() {
        issued.clear();
    }
}
