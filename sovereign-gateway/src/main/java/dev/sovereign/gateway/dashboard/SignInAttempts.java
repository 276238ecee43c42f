package dev.sovereign.gateway.dashboard;

import dev.sovereign.sessions.SessionRecords;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The failed sign-ins that slow down guessing of admin keys: after {@link SignInThrottle#MAX_FAILURES} failures from
 * one address within {@link SignInThrottle#WINDOW} of the first, the address is refused until that window has passed;
 * a success clears the address. Counted in this process ({@link #inMemory}) or over every replica ({@link #shared}).
 * Operations are asynchronous; their stages may complete on any thread, and fail when the shared store cannot be
 * asked. Thread-safe.
 */
public interface SignInAttempts {

    /** How long {@code address} must wait before it may try again, or empty when it may try now. */
    CompletionStage<Optional<Duration>> refusal(String address);

    /** Counts a failed sign-in from {@code address}. */
    CompletionStage<Void> failed(String address);

    /** Forgets the failures of {@code address} after it signed in. */
    CompletionStage<Void> succeeded(String address);

    /** What {@code throttle}, held in this process's memory, answers, as completed stages. */
    static SignInAttempts inMemory(SignInThrottle throttle) {
        return new SignInAttempts() {
            @Override
            public CompletionStage<Optional<Duration>> refusal(String address) {
                return CompletableFuture.completedFuture(throttle.refusal(address));
            }

            @Override
            public CompletionStage<Void> failed(String address) {
                throttle.failed(address);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletionStage<Void> succeeded(String address) {
                throttle.succeeded(address);
                return CompletableFuture.completedFuture(null);
            }
        };
    }

    /** Failures counted in {@code records}, which every replica shares, with the default limit and window. */
    static SignInAttempts shared(SessionRecords records) {
        return shared(records, SignInThrottle.MAX_FAILURES, SignInThrottle.WINDOW);
    }

    /** Failures counted in {@code records}: {@code maxFailures} within {@code window} of the first. */
    static SignInAttempts shared(SessionRecords records, int maxFailures, Duration window) {
        return new SignInAttempts() {
            @Override
            public CompletionStage<Optional<Duration>> refusal(String address) {
                return records.failures(address)
                        .thenApply(
                                f -> f.count() >= maxFailures && f.windowLeft().isPositive()
                                        ? Optional.of(f.windowLeft())
                                        : Optional.empty());
            }

            @Override
            public CompletionStage<Void> failed(String address) {
                return records.addFailure(address, window).thenApply(n -> null);
            }

            @Override
            public CompletionStage<Void> succeeded(String address) {
                return records.clear(address);
            }
        };
    }
}
