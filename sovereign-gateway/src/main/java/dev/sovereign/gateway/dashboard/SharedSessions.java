package dev.sovereign.gateway.dashboard;

import dev.sovereign.config.ClientKey;
import dev.sovereign.gateway.wire.Principal;
import dev.sovereign.sessions.SessionRecords;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The dashboard's sessions in {@link SessionRecords} that every replica of the gateway shares: a session opened on one
 * replica is found on all of them, and signing out on one ends it on all.
 *
 * <p>A record is kept under the SHA-256 of the session id (the id lives only in the browser's cookie) and holds the
 * session's CSRF token and the id of the key it was opened with; the store keeps when it ends. The principal is
 * resolved from the configured keys each time the session is found, so that a key removed from the configuration, or
 * no longer an admin key, ends its sessions; the local operator's session of a gateway without keys is {@link
 * Principal#LOCAL}. A session ends after {@code idleTimeout} without a request, after {@code lifetime} in any case,
 * or when signed out; there is no cap on their number (each ends with its time to live). Thread-safe.
 */
public final class SharedSessions implements SessionStore {
    /** The format of a record's value: {@code 1|<csrf token>|<key id>}. */
    private static final String VERSION = "1";

    private final SessionRecords records;
    private final Map<String, Principal> byKeyId;
    private final boolean open;
    private final SecureRandom random;
    private final Duration idleTimeout;
    private final Duration lifetime;

    /**
     * @param keys the gateway's client keys: a session's key must be one of them, with {@code admin: true}; none for a
     *     gateway without keys, whose sessions are the local operator's
     */
    public SharedSessions(
            SessionRecords records,
            List<ClientKey> keys,
            SecureRandom random,
            Duration idleTimeout,
            Duration lifetime) {
        if (idleTimeout.isNegative() || idleTimeout.isZero()) throw new IllegalArgumentException("idleTimeout > 0");
        if (lifetime.compareTo(idleTimeout) < 0) throw new IllegalArgumentException("lifetime >= idleTimeout");
        this.records = records;
        Map<String, Principal> m = new HashMap<>();
        for (ClientKey k : keys) m.put(k.id(), new Principal(k.id(), k.team(), k.workload(), k.admin()));
        this.byKeyId = Map.copyOf(m);
        this.open = keys.isEmpty();
        this.random = random;
        this.idleTimeout = idleTimeout;
        this.lifetime = lifetime;
    }

    /** Sessions in {@code records} with the defaults of {@link Sessions} and a strong random source. */
    public static SharedSessions withDefaults(SessionRecords records, List<ClientKey> keys) {
        return new SharedSessions(records, keys, new SecureRandom(), Sessions.IDLE_TIMEOUT, Sessions.LIFETIME);
    }

    @Override
    public CompletionStage<Session> open(Principal principal) {
        String id = token();
        String csrf = token();
        String value = VERSION + "|" + csrf + "|" + principal.keyId();
        return records.put(Sessions.hash(id), value, idleTimeout, lifetime)
                .thenApply(expires -> new Session(id, csrf, principal, expires));
    }

    @Override
    public CompletionStage<Optional<Session>> find(String id) {
        if (!Sessions.plausibleId(id)) return CompletableFuture.completedFuture(Optional.empty());
        String key = Sessions.hash(id);
        return records.touch(key, idleTimeout).thenCompose(entry -> {
            if (entry.isEmpty()) return CompletableFuture.completedFuture(Optional.<Session>empty());
            String[] parts = entry.get().value().split("\\|", 3);
            Principal principal = parts.length == 3 && parts[0].equals(VERSION) ? principal(parts[2]) : null;
            if (principal == null) {
                // A key removed from the configuration, or no longer an admin key, or a record this version cannot
                // read: the session has ended.
                return records.remove(key).thenApply(v -> Optional.<Session>empty());
            }
            return CompletableFuture.completedFuture(
                    Optional.of(new Session(id, parts[1], principal, entry.get().expires())));
        });
    }

    @Override
    public CompletionStage<Void> end(String id) {
        if (!Sessions.plausibleId(id)) return CompletableFuture.completedFuture(null);
        return records.remove(Sessions.hash(id));
    }

    @Override
    public String token() {
        return Sessions.token(random);
    }

    @Override
    public void close() {
        records.close();
    }

    @Override
    public String toString() {
        return "SharedSessions[" + records + "]";
    }

    /** The principal a session of key {@code keyId} is, or {@code null} when that key may not open the dashboard. */
    private Principal principal(String keyId) {
        if (open) return Principal.LOCAL.keyId().equals(keyId) ? Principal.LOCAL : null;
        Principal p = byKeyId.get(keyId);
        return p != null && p.admin() ? p : null;
    }
}
