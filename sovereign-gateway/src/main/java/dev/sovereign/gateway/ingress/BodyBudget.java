package dev.sovereign.gateway.ingress;

import dev.sovereign.config.Limits;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory every request body being read or processed may cost together, over every event loop: each body byte
 * is charged {@link Limits#BODY_COPIES} times, what it costs the heap while it is read. Thread-safe: a reservation
 * is one compare-and-set.
 */
public final class BodyBudget {
    private final long limit;
    private final AtomicLong used = new AtomicLong();

    public BodyBudget(long limit) {
        if (limit <= 0) throw new IllegalArgumentException("a body budget must be positive, not " + limit);
        this.limit = limit;
    }

    /** Takes what {@code bytes} of body cost if it fits; false, taking nothing, when it does not. */
    boolean reserve(long bytes) {
        long cost = bytes * Limits.BODY_COPIES;
        while (true) {
            long now = used.get();
            if (now + cost > limit) return false;
            if (used.compareAndSet(now, now + cost)) return true;
        }
    }

    /** Gives back what {@code bytes} of body, taken by {@link #reserve}, cost. */
    void release(long bytes) {
        if (bytes > 0) used.addAndGet(-bytes * Limits.BODY_COPIES);
    }

    long used() {
        return used.get();
    }

    long limit() {
        return limit;
    }
}
