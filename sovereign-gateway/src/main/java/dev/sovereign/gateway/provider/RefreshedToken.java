package dev.sovereign.gateway.provider;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider's access token (a Google OAuth token, a Microsoft Entra token), kept fresh ahead of its expiry so that
 * requests never wait for it.
 *
 * <p>Design: obtaining a token is blocking I/O (a token endpoint, a metadata server, a file), so it runs on a Vert.x
 * worker thread and never on an event loop; event loops only read the last token through {@link #current()}. One
 * fetch is in flight at a time: the next is scheduled when the previous one ends, ahead of the token's expiry (five
 * minutes before it, or at half its life for short-lived tokens, and at least every {@code maxInterval}), or after a
 * failure with a backoff from one second to one minute. Until a first token arrives, or once the last one has expired
 * without a successful refresh, {@link #current()} is empty and requests fail cleanly. Tokens never reach logs.
 *
 * <p>Thread-safe: {@link #current()} may be called from any thread.
 */
public final class RefreshedToken {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshedToken.class);
    private static final Duration EARLY = Duration.ofMinutes(5);
    private static final Duration MAX_MARGIN = Duration.ofSeconds(30);
    private static final long MAX_BACKOFF_MS = 60_000;

    /** Obtains a token: blocking, called on a worker thread, never twice at once. */
    @FunctionalInterface
    public interface Source {
        Token fetch() throws Exception;
    }

    /** A token and when it expires. {@link #toString()} never shows the value. */
    public record Token(String value, Instant expiresAt) {
        @Override
        public String toString() {
            return "Token[****, expires " + expiresAt + "]";
        }
    }

    private final Vertx vertx;
    private final String providerId;
    private final Source source;
    private final Clock clock;
    private final Duration maxInterval;
    /** The token and the instant until which requests may use it; replaced whole. */
    private record Held(Token token, Instant usableUntil) {}

    private volatile Held held;
    private int failures;

    private RefreshedToken(Vertx vertx, String providerId, Source source, Clock clock, Duration maxInterval) {
        this.vertx = vertx;
        this.providerId = providerId;
        this.source = source;
        this.clock = clock;
        this.maxInterval = maxInterval;
    }

    /**
     * Starts fetching tokens for {@code providerId} from {@code source} at once, in the background.
     *
     * @param maxInterval the longest time between two fetches, even for a long-lived token (a file the platform
     *     rewrites should be read again often)
     */
    public static RefreshedToken start(
            Vertx vertx, String providerId, Source source, Clock clock, Duration maxInterval) {
        RefreshedToken refreshed = new RefreshedToken(vertx, providerId, source, clock, maxInterval);
        refreshed.refresh();
        return refreshed;
    }

    /**
     * The token, unless none was obtained yet or the last one is about to expire (within 30 seconds, or a tenth of
     * its life for short-lived tokens) without a successful refresh; never blocks.
     */
    public Optional<String> current() {
        Held h = held;
        if (h == null || !clock.instant().isBefore(h.usableUntil())) return Optional.empty();
        return Optional.of(h.token().value());
    }

    private void refresh() {
        vertx.executeBlocking(source::fetch, false).onComplete(ar -> {
            if (ar.succeeded() && usable(ar.result())) {
                Token t = ar.result();
                Duration life = Duration.between(clock.instant(), t.expiresAt());
                Duration margin = life.dividedBy(10).compareTo(MAX_MARGIN) < 0 ? life.dividedBy(10) : MAX_MARGIN;
                held = new Held(t, t.expiresAt().minus(margin));
                failures = 0;
                schedule(nextRefresh(life));
            } else {
                failures++;
                Throwable cause = ar.cause();
                LOG.atWarn()
                        .addKeyValue("provider", providerId)
                        .addKeyValue("attempt", failures)
                        .log(
                                "credentials for provider {} could not be obtained: {}",
                                providerId,
                                cause == null ? "no token, or one already expired" : describe(cause));
                schedule(Duration.ofMillis(Math.min(MAX_BACKOFF_MS, 1000L << Math.min(16, failures - 1))));
            }
        });
    }

    private boolean usable(Token t) {
        return t != null && !t.value().isBlank() && t.expiresAt().isAfter(clock.instant());
    }

    private Duration nextRefresh(Duration life) {
        Duration next = life.compareTo(EARLY.multipliedBy(2)) > 0 ? life.minus(EARLY) : life.dividedBy(2);
        if (next.compareTo(maxInterval) > 0) next = maxInterval;
        return next.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : next;
    }

    private void schedule(Duration delay) {
        vertx.setTimer(Math.max(1, delay.toMillis()), id -> refresh());
    }

    /** The kind of failure and its message's first line, cut short: libraries' messages name files and hosts. */
    private static String describe(Throwable t) {
        String m =
                t.getMessage() == null ? "" : t.getMessage().lines().findFirst().orElse("");
        if (m.length() > 200) m = m.substring(0, 200) + "…";
        return t.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + m);
    }
}
