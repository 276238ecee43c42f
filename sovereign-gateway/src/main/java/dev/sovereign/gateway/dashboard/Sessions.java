package dev.sovereign.gateway.dashboard;

import dev.sovereign.gateway.wire.Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's sign-in sessions, held in this process's memory.
 *
 * <p>A session id is 256 random bits from the injected {@link SecureRandom}; the map is keyed by its SHA-256, so
 * the ids themselves live only in the browsers' cookies. A session ends after {@code idleTimeout} without a request,
 * after {@code lifetime} in any case, or when signed out. At most {@code capacity} sessions exist: opening one more
 * ends the expired ones, then the one idle the longest. Sessions are not shared between replicas (see {@link
 * SharedSessions} for that, and {@link SessionStore#inMemory} for these behind the same asynchronous interface); a
 * restart ends them all.
 *
 * <p>Thread-safe: every event loop of the process shares one instance.
 */
public final class Sessions {
    /** The defaults: 30 minutes idle, 12 hours at most, 1,000 sessions. */
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

    public static final Duration LIFETIME = Duration.ofHours(12);
    public static final int CAPACITY = 1000;

    private static final Base64.Encoder TOKEN = Base64.getUrlEncoder().withoutPadding();

    private final Clock clock;
    private final SecureRandom random;
    private final Duration idleTimeout;
    private final Duration lifetime;
    private final int capacity;
    private final Map<String, Entry> byHash = new ConcurrentHashMap<>();

    /** What the server keeps of a session: never its id. */
    private static final class Entry {
        final String csrfToken;
        final Principal principal;
        final Instant expires;
        volatile Instant lastSeen;

        Entry(String csrfToken, Principal principal, Instant expires, Instant lastSeen) {
            this.csrfToken = csrfToken;
            this.principal = principal;
            this.expires = expires;
            this.lastSeen = lastSeen;
        }
    }

    public Sessions(Clock clock, SecureRandom random, Duration idleTimeout, Duration lifetime, int capacity) {
        if (idleTimeout.isNegative() || idleTimeout.isZero()) throw new IllegalArgumentException("idleTimeout > 0");
        if (lifetime.compareTo(idleTimeout) < 0) throw new IllegalArgumentException("lifetime >= idleTimeout");
        if (capacity < 1) throw new IllegalArgumentException("capacity >= 1");
        this.clock = clock;
        this.random = random;
        this.idleTimeout = idleTimeout;
        this.lifetime = lifetime;
        this.capacity = capacity;
    }

    /** Sessions with the defaults, the system clock and a strong random source. */
    public static Sessions withDefaults() {
        return new Sessions(Clock.systemUTC(), new SecureRandom(), IDLE_TIMEOUT, LIFETIME, CAPACITY);
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Opens a session for {@code principal}, with a fresh id and CSRF token. */
    public synchronized Session open(Principal principal) {
        Instant now = clock.instant();
        if (byHash.size() >= capacity) {
            byHash.values().removeIf(e -> expired(e, now));
            while (byHash.size() >= capacity) {
                byHash.entrySet().stream()
                        .min(Comparator.comparing(e -> e.getValue().lastSeen))
                        .ifPresent(e -> byHash.remove(e.getKey()));
            }
        }
        String id = token();
        Entry entry = new Entry(token(), principal, now.plus(lifetime), now);
        byHash.put(hash(id), entry);
        return new Session(id, entry.csrfToken, principal, entry.expires);
    }

    /**
     * The live session with this id, its idle time restarted; empty for an unknown, ended or expired id (an
     * expired one is forgotten here).
     */
    public Optional<Session> find(String id) {
        if (!plausibleId(id)) return Optional.empty();
        String key = hash(id);
        Entry e = byHash.get(key);
        if (e == null) return Optional.empty();
        Instant now = clock.instant();
        if (expired(e, now)) {
            byHash.remove(key, e);
            return Optional.empty();
        }
        e.lastSeen = now;
        return Optional.of(new Session(id, e.csrfToken, e.principal, e.expires));
    }

    /** Ends the session with this id, if there is one. */
    public void end(String id) {
        if (plausibleId(id)) byHash.remove(hash(id));
    }

    /** Sessions held, expired ones not yet forgotten included. */
    public int size() {
        return byHash.size();
    }

    /** Whether {@code presented} is the session's CSRF token, compared in constant time. */
    public static boolean csrfMatches(Session session, String presented) {
        if (presented == null) return false;
        return MessageDigest.isEqual(
                session.csrfToken().getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    private boolean expired(Entry e, Instant now) {
        return !now.isBefore(e.expires) || !now.isBefore(e.lastSeen.plus(idleTimeout));
    }

    /** 256 random bits, base64url without padding (43 characters). */
    String token() {
        return token(random);
    }

    /** 256 bits of {@code random}, base64url without padding (43 characters). */
    static String token(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return TOKEN.encodeToString(bytes);
    }

    /** Whether {@code id} may be a session id at all (not empty, not too long), so that it is worth looking up. */
    static boolean plausibleId(String id) {
        return id != null && !id.isEmpty() && id.length() <= 100;
    }

    /** The SHA-256 of a session id, base64url without padding: what the server keeps instead of the id. */
    static String hash(String id) {
        try {
            return TOKEN.encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
