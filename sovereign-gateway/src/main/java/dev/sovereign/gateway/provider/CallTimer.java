package dev.sovereign.gateway.provider;

import dev.sovereign.config.Timeouts;
import dev.sovereign.gateway.wire.GatewayFailure;
import io.vertx.core.Vertx;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one timer of a forwarded call: a deadline (the connection, the first byte) or, once the answer flows, the
 * silence allowed between chunks. When it expires, the call is told the failure. Confined to the call's event loop.
 */
final class CallTimer {
    private final Vertx vertx;
    private final Consumer<GatewayFailure> onExpiry;
    private long timer = -1;
    private long lastActivityNanos;

    CallTimer(Vertx vertx, Consumer<GatewayFailure> onExpiry) {
        this.vertx = vertx;
        this.onExpiry = onExpiry;
    }

    /** Fails the call with {@code failure} in {@code ms} unless cancelled or re-armed before. */
    void deadline(long ms, Supplier<GatewayFailure> failure) {
        cancel();
        timer = vertx.setTimer(ms, id -> {
            timer = -1;
            onExpiry.accept(failure.get());
        });
    }

    /**
     * Guards the silence between chunks. Chunks only stamp {@link #activity}; the timer re-arms itself for the
     * remaining time when it fires early, so a fast stream costs one timer per idle period rather than one per chunk.
     */
    void idle(Timeouts timeouts) {
        lastActivityNanos = System.nanoTime();
        checkIdleIn(timeouts, timeouts.idle().toMillis());
    }

    /** A chunk arrived. */
    void activity() {
        lastActivityNanos = System.nanoTime();
    }

    private void checkIdleIn(Timeouts timeouts, long ms) {
        cancel();
        timer = vertx.setTimer(Math.max(1, ms), id -> {
            timer = -1;
            long silentMs = (System.nanoTime() - lastActivityNanos) / 1_000_000;
            long idleMs = timeouts.idle().toMillis();
            if (silentMs >= idleMs) onExpiry.accept(UpstreamFailures.idleTimeout(timeouts));
            else checkIdleIn(timeouts, idleMs - silentMs);
        });
    }

    void cancel() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
