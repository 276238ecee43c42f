package dev.sovereign.gateway.wire;

import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.Context;
import io.vertx.core.internal.ContextInternal;
import java.util.concurrent.TimeUnit;

/**
 * A one-shot timer on the event loop of a context, scheduled with Netty's scheduler of that loop. {@code
 * Vertx.setTimer} also files each timer in a concurrent map and as a close hook of its context and takes both out
 * again when cancelled, which for the several timers each request arms and cancels (its head, its body, the audit
 * commit, the provider's first byte and silence) cost about 4 % of a request's CPU (BENCHMARKS.md, "CPU per
 * request"). The task runs on the context, as a Vert.x timer's handler would, its failures reported to the context.
 * Arm and cancel it on that context's event loop.
 */
public final class LoopTimer {
    private final ScheduledFuture<?> scheduled;

    private LoopTimer(ScheduledFuture<?> scheduled) {
        this.scheduled = scheduled;
    }

    /** Runs {@code task} on {@code context} in {@code delayMs} milliseconds (at least one) unless cancelled before. */
    public static LoopTimer start(Context context, long delayMs, Runnable task) {
        ContextInternal ctx = (ContextInternal) context;
        return new LoopTimer(ctx.nettyEventLoop()
                .schedule(() -> ctx.emit(v -> task.run()), Math.max(1, delayMs), TimeUnit.MILLISECONDS));
    }

    /** Stops the timer; a timer that has fired or was cancelled is left as it is. */
    public void cancel() {
        scheduled.cancel(false);
    }
}
