package dev.sovereign.gateway;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes every request body being read or processed may hold together, over every event loop. Thread-safe: a
 * reservation is one compare-and-set.
 */
final class BodyBudget {
    private final long limit;
    private final AtomicLong used = new AtomicLong();

    BodyBudget(long limit) {
        if (limit <= 0) throw new IllegalArgumentException("a body budget must be positive, not " + limit);
        this.limit = limit;
    }

    /** Takes {@code bytes} of the budget if they fit; false, taking nothing, when they do not. */
    boolean reserve(long bytes) {
        while (true) {
            long now = used.get();
            if (now + bytes > limit) return false;
            if (used.compareAndSet(now, now + bytes)) return true;
        }
    }

    /** Gives back {@code bytes} taken by {@link #reserve}. */
    void release(long bytes) {
        if (bytes > 0) used.addAndGet(-bytes);
    }

    long used() {
        return used.get();
    }

    long limit() {
        return limit;
    }
}
