package dev.sovereign.gateway.ingress;

import dev.sovereign.config.Limits;
import dev.sovereign.gateway.wire.LoopTimer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a client connection may hold: a request head within {@link Limits#headerTimeout()} of the connection's opening
 * or of the end of the previous answer, and no more than {@link Limits#keepAliveTimeout()} idle between requests;
 * beyond {@link Limits#maxConnections()} open connections (counted over every event loop), a new connection is only
 * served {@code /healthz} and {@code /readyz}, within a second, so that probes keep answering while slow or idle
 * clients hold the others. One instance per event loop: its state is touched on that loop only.
 */
public final class ClientConnections {
    /** The head timeout of a connection beyond the limit: enough for a probe, not for a slow client. */
    private static final long OVER_LIMIT_HEAD_MS = 1000;

    private final Vertx vertx;
    private final Limits limits;
    private final AtomicInteger open;
    private final Map<HttpConnection, State> states = new IdentityHashMap<>();

    private static final class State {
        final boolean overLimit;
        /** The connection sent something it must not be trusted after (ambiguous framing): serve nothing more. */
        public boolean poisoned;

        LoopTimer timer;
        int inFlight;

        State(boolean overLimit) {
            this.overLimit = overLimit;
        }
    }

    public ClientConnections(Vertx vertx, Limits limits, AtomicInteger open) {
        this.vertx = vertx;
        this.limits = limits;
        this.open = open;
    }

    /** A connection opened: it must send a request head in time. */
    public void opened(HttpConnection connection) {
        State state = new State(open.incrementAndGet() > limits.maxConnections());
        states.put(connection, state);
        arm(
                connection,
                state,
                state.overLimit ? OVER_LIMIT_HEAD_MS : limits.headerTimeout().toMillis());
        connection.closeHandler(v -> {
            open.decrementAndGet();
            disarm(state);
            states.remove(connection);
        });
    }

    /**
     * A request head arrived: its connection's timer stops until the answer ends. Returns false when the connection
     * is beyond the limit and the request is not a probe: the caller answers 503 and the connection closes.
     */
    public boolean began(HttpServerRequest req, String path) {
        HttpConnection connection = req.connection();
        State state = states.get(connection);
        if (state == null) return true; // HTTP/2 streams and connections opened before this guard: not limited here
        disarm(state);
        state.inFlight++;
        req.response().endHandler(v -> ended(connection, state));
        if (state.overLimit) req.response().putHeader("connection", "close"); // one answer, then it closes
        return !state.overLimit || path.equals("/healthz") || path.equals("/readyz");
    }

    /**
     * Marks {@code req}'s connection so that no later request on it is served: what follows an ambiguously framed
     * request may be a request smuggled behind its body, already decoded and waiting.
     */
    public void poison(HttpServerRequest req) {
        State state = states.get(req.connection());
        if (state != null) state.poisoned = true;
    }

    /** Whether {@code req} came on a connection {@link #poison}ed by an earlier request. */
    public boolean poisoned(HttpServerRequest req) {
        State state = states.get(req.connection());
        return state != null && state.poisoned;
    }

    /** Whether this connection is beyond the limit (its answer then closes it). */
    boolean overLimit(HttpServerRequest req) {
        State state = states.get(req.connection());
        return state != null && state.overLimit;
    }

    private void ended(HttpConnection connection, State state) {
        state.inFlight--;
        if (state.inFlight == 0 && states.containsKey(connection)) {
            // The next request's head must come, whole, within the keep-alive timeout; beyond the limit there is
            // no next request: the connection closes once the answer is out.
            arm(
                    connection,
                    state,
                    state.overLimit ? 1 : limits.keepAliveTimeout().toMillis());
        }
    }

    private void arm(HttpConnection connection, State state, long ms) {
        disarm(state);
        state.timer = LoopTimer.start(vertx.getOrCreateContext(), ms, () -> {
            state.timer = null;
            if (state.inFlight == 0) connection.close();
        });
    }

    private void disarm(State state) {
        if (state.timer != null) {
            state.timer.cancel();
            state.timer = null;
        }
    }
}
