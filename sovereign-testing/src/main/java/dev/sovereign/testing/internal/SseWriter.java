package dev.sovereign.testing.internal;

import dev.sovereign.testing.Fault;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/**
 * Writes a prepared list of stream frames — SSE, or Bedrock's event-stream messages — as a {@code 200}
 * response of the given content type, one write per frame, so a client really receives the stream
 * incrementally.
 *
 * <p>Design: the writer is a small state machine driven by {@link #pump()}. Without delays it
 * writes frames in a loop until the write queue is full (then it resumes from the drain handler);
 * the chunk delay and stall faults park it on a Vert.x timer, never a sleeping thread. Exactly one
 * of "timer pending", "drain pending" or "running" holds at a time, so callbacks never race.
 *
 * <p>Stream faults act when {@code fault.events()} frames have been written (or after the last
 * frame, if there are fewer): disconnect closes the connection without ending the chunked body;
 * the error fault writes {@code errorFrame} and ends; a stall parks for its delay, then goes on.
 *
 * <p>Counting: the stream counts as open from the headers until it ends; a connection the client
 * closes first counts as cancelled. Confined to the request's event loop.
 */
final class SseWriter {

    private final Exchange exchange;
    private final HttpServerResponse response;
    private final List<Buffer> frames;
    private final Buffer errorFrame;
    private static final long DISCONNECT_GRACE_MS = 50;
    private io.vertx.core.Future<Void> lastWrite;
    private final long delayMillis;
    private final String contentType;
    private final java.util.Map<String, String> headers;
    private Fault fault;
    private int next;
    private boolean delayed;
    private boolean finished;

    SseWriter(
            Exchange exchange,
            List<Buffer> frames,
            Buffer errorFrame,
            Fault fault,
            String contentType,
            java.util.Map<String, String> headers) {
        this.contentType = contentType;
        this.headers = headers;
        this.exchange = exchange;
        this.response = exchange.response();
        this.frames = frames;
        this.errorFrame = errorFrame;
        this.fault = fault;
        this.delayMillis = exchange.state().chunkDelayMillis();
    }

    void start() {
        if (response.closed()) {
            return;
        }
        response.setStatusCode(200)
                .setChunked(true)
                .putHeader("content-type", contentType)
                .putHeader("cache-control", "no-cache")
                .putHeader(exchange.requestIdHeader(), exchange.requestId());
        headers.forEach(response::putHeader);
        exchange.state().streamOpened();
        response.closeHandler(v -> finish(true));
        response.exceptionHandler(t -> finish(true));
        response.writeHead();
        pump();
    }

    private void pump() {
        while (!finished) {
            if (response.closed()) {
                finish(true);
                return;
            }
            if (fault != null && next == Math.min(fault.events(), frames.size())) {
                Fault acting = fault;
                fault = null;
                switch (acting.kind()) {
                    case DISCONNECT_AFTER_EVENTS -> {
                        finish(false);
                        // Close once the events are on the wire and a reader had time to take them: clients
                        // such as the JDK's may drop buffered bytes when an error overtakes them.
                        Runnable close =
                                () -> exchange.vertx().setTimer(DISCONNECT_GRACE_MS, t -> exchange.closeConnection());
                        if (lastWrite == null) close.run();
                        else lastWrite.onComplete(v -> close.run());
                        return;
                    }
                    case ERROR_EVENT_AFTER_EVENTS, BEDROCK_STREAM_EXCEPTION -> {
                        response.write(errorFrame);
                        end();
                        return;
                    }
                    case GARBAGE_AFTER_EVENTS -> response.write("data: " + Fault.GARBAGE + "\n\n");
                    case STALL_AFTER_EVENTS -> {
                        if (!acting.delay().isZero()) {
                            delayed = true; // the stall replaces the chunk delay before the next frame
                            exchange.vertx().setTimer(UpstreamState.toTimerMillis(acting.delay()), t -> pump());
                            return;
                        }
                    }
                    default -> throw new IllegalStateException("not a stream fault: " + acting);
                }
            }
            if (next == frames.size()) {
                end();
                return;
            }
            if (next > 0 && delayMillis > 0 && !delayed) {
                delayed = true;
                exchange.vertx().setTimer(delayMillis, t -> pump());
                return;
            }
            delayed = false;
            lastWrite = response.write(frames.get(next++));
            if (response.writeQueueFull()) {
                response.drainHandler(v -> {
                    response.drainHandler(null);
                    pump();
                });
                return;
            }
        }
    }

    private void end() {
        finish(false);
        response.end();
    }

    private void finish(boolean cancelledByClient) {
        if (!finished) {
            finished = true;
            exchange.state().streamEnded(cancelledByClient);
        }
    }
}
