package dev.sovereign.gateway.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing of admin keys through the sign-in form: after {@code maxFailures} failed sign-ins from one
 * address within {@code window}, that address is refused until the window since its first failure has passed. A
 * success clears the address. At most 10,000 addresses are tracked: beyond, the windows that have passed are
 * forgotten, and all of them if that is not enough (memory stays bounded when very many addresses fail at once).
 *
 * <p>Thread-safe.
 */
public final class SignInThrottle {
    public static final int MAX_FAILURES = 10;
    public static final Duration WINDOW = Duration.ofMinutes(5);
    private static final int CAPACITY = 10_000;

    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

    private record Failures(Instant since, int count) {}

    public SignInThrottle(Clock clock, int maxFailures, Duration window) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    public static SignInThrottle withDefaults() {
        return new SignInThrottle(Clock.systemUTC(), MAX_FAILURES, WINDOW);
    }

    /** How long {@code address} must wait before it may try again, or empty when it may try now. */
    public Optional<Duration> refusal(String address) {
        Failures f = byAddress.get(address);
        if (f == null) return Optional.empty();
        Instant now = clock.instant();
        Instant end = f.since().plus(window);
        if (!now.isBefore(end)) {
            byAddress.remove(address, f);
            return Optional.empty();
        }
        return f.count() >= maxFailures ? Optional.of(Duration.between(now, end)) : Optional.empty();
    }

    /** Counts a failed sign-in from {@code address}. */
    public void failed(String address) {
        Instant now = clock.instant();
        if (byAddress.size() >= CAPACITY) {
            byAddress.values().removeIf(f -> !now.isBefore(f.since().plus(window)));
            if (byAddress.size() >= CAPACITY) byAddress.clear();
        }
        byAddress.merge(
                address,
                new Failures(now, 1),
                (old, one) ->
                        !now.isBefore(old.since().plus(window)) ? one : new Failures(old.since(), old.count() + 1));
    }

    /** Forgets the failures of {@code address} after it signed in. */
    public void succeeded(String address) {
        byAddress.remove(address);
    }
}
