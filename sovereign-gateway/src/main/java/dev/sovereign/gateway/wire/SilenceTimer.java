package dev.sovereign.gateway.wire;

import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * Fires once nothing has happened for a given time. Activity only stamps the time; the one timer re-arms itself for
 * the time left when it fires early, so a busy transfer costs one timer per idle period rather than one per chunk.
 * Confined to one event loop.
 */
public final class SilenceTimer {
    private final Vertx vertx;
    private final long limitMs;
    private final Runnable onSilence;
    private LoopTimer timer;
    private long lastNanos;

    public SilenceTimer(Vertx vertx, Duration limit, Runnable onSilence) {
        this.vertx = vertx;
        this.limitMs = limit.toMillis();
        this.onSilence = onSilence;
    }

    /** Starts counting the silence from now. */
    public void start() {
        lastNanos = System.nanoTime();
        checkIn(limitMs);
    }

    /** Something happened: the silence starts again from now. */
    public void activity() {
        lastNanos = System.nanoTime();
    }

    public void cancel() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void checkIn(long ms) {
        cancel();
        timer = LoopTimer.start(vertx.getOrCreateContext(), ms, () -> {
            timer = null;
            long silentMs = (System.nanoTime() - lastNanos) / 1_000_000;
            if (silentMs >= limitMs) onSilence.run();
            else checkIn(limitMs - silentMs);
        });
    }
}
