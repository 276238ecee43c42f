package dev.sovereign.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Sign-in session records and counts of failed sign-ins, kept where every gateway replica reads and writes them (a
 * shared Redis), so that a session opened on one replica is known to all of them and failures count over all of them.
 *
 * <p>Keys and values are opaque strings: a key must not be a secret itself (callers pass a hash of a session id,
 * never the id), and a value is whatever the caller needs to restore the session. A record ends after {@code idleTtl}
 * without being read ({@link #touch}), after its lifetime in any case, or when removed; its end is reckoned by the
 * store's clock, so that replicas whose clocks disagree still agree on it.
 *
 * <p>Implementations are thread-safe; their futures may complete on any thread, and fail (rather than hang) when the
 * store cannot be asked.
 */
public interface SessionRecords extends AutoCloseable {

    /** A live record: the value stored, and when it ends at the latest whatever its activity. */
    record Entry(String value, Instant expires) {}

    /**
     * The failed sign-ins of one address within its current window.
     *
     * @param count the failures counted since the window began (0 when there is no window)
     * @param windowLeft how long the window still runs ({@link Duration#ZERO} when there is none)
     */
    record Failures(long count, Duration windowLeft) {
        public static final Failures NONE = new Failures(0, Duration.ZERO);
    }

    /**
     * Stores {@code value} under {@code key}, replacing any record there: it ends after {@code idleTtl} unless read,
     * and after {@code lifetime} in any case.
     *
     * @return when the record ends at the latest
     */
    CompletionStage<Instant> put(String key, String value, Duration idleTtl, Duration lifetime);

    /**
     * The live record under {@code key}, its idle time restarted: it now ends after {@code idleTtl} unless read again,
     * but never after the end its lifetime set. Empty when there is none.
     */
    CompletionStage<Optional<Entry>> touch(String key, Duration idleTtl);

    /** Removes the record under {@code key}, if there is one. */
    CompletionStage<Void> remove(String key);

    /**
     * Counts a failed sign-in from {@code address}: the first failure starts a window of {@code window}, the failures
     * after it count within that window, and the count is forgotten when the window ends.
     *
     * @return the failures counted within the window, this one included
     */
    CompletionStage<Long> addFailure(String address, Duration window);

    /** The failures of {@code address} within its current window. */
    CompletionStage<Failures> failures(String address);

    /** Forgets the failures of {@code address}. */
    CompletionStage<Void> clear(String address);

    /** Releases the connection to the store; later calls fail. */
    @Override
    void close();
}
