package dev.sovereign.gateway.provider;

import dev.sovereign.config.Timeouts;
import dev.sovereign.gateway.wire.GatewayFailure;
import dev.sovereign.gateway.wire.LoopTimer;
import dev.sovereign.gateway.wire.SilenceTimer;
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
    private LoopTimer timer;
    private SilenceTimer silence;

    CallTimer(Vertx vertx, Consumer<GatewayFailure> onExpiry) {
        this.vertx = vertx;
        this.onExpiry = onExpiry;
    }

    /** Fails the call with {@code failure} in {@code ms} unless cancelled or re-armed before. */
    void deadline(long ms, Supplier<GatewayFailure> failure) {
        cancel();
        timer = LoopTimer.start(vertx.getOrCreateContext(), ms, () -> {
            timer = null;
            onExpiry.accept(failure.get());
        });
    }

    /** Guards the silence between chunks from now on ({@link SilenceTimer}); chunks only stamp {@link #activity}. */
    void idle(Timeouts timeouts) {
        cancel();
        silence =
                new SilenceTimer(vertx, timeouts.idle(), () -> onExpiry.accept(UpstreamFailures.idleTimeout(timeouts)));
        silence.start();
    }

    /** A chunk arrived. */
    void activity() {
        if (silence != null) silence.activity();
    }

    void cancel() {
        if (silence != null) {
            silence.cancel();
            silence = null;
        }
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
