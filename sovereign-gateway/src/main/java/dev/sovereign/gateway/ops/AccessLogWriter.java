package dev.sovereign.gateway.ops;

import io.vertx.core.Vertx;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes access-log lines to an output stream (standard output by default) in batches, off the event
 * loop. Lines gather in a buffer on the event loop; the first line of an empty buffer schedules a
 * flush a few milliseconds later, and a full buffer flushes at once. Each flush is one write on a worker
 * thread, with at most one write in flight per writer, so a burst of requests costs one write and one
 * thread hand-off instead of one per line, and a slow reader never blocks the event loop: past
 * {@code maxPendingBytes} lines are dropped and counted. Confined to one event loop; the stream may be
 * shared by several writers, whose batches never interleave.
 */
public final class AccessLogWriter {
    private static final Logger LOG = LoggerFactory.getLogger(AccessLogWriter.class);
    private static final int FLUSH_BYTES = 64 * 1024;
    private static final long FLUSH_DELAY_MS = 20;

    private final Vertx vertx;
    private final OutputStream out;
    private final int maxPendingBytes;
    private final AtomicLong dropped;
    private StringBuilder buffer = new StringBuilder(FLUSH_BYTES);
    private boolean scheduled;
    private boolean writing;
    /** The batch handed to a worker, until written: close() writes it itself if the worker never ran. */
    private Batch inFlight;

    /** Bytes written exactly once, by whichever of the worker and close() gets the stream's lock first. */
    private static final class Batch {
        final byte[] bytes;
        boolean written;

        Batch(byte[] bytes) {
            this.bytes = bytes;
        }

        void writeOnce(OutputStream out) throws java.io.IOException {
            synchronized (out) {
                if (written) return;
                written = true;
                out.write(bytes);
                out.flush();
            }
        }
    }

    /**
     * @param dropped counts lines dropped because the stream could not keep up (shared with metrics)
     */
    public AccessLogWriter(Vertx vertx, OutputStream out, int maxPendingBytes, AtomicLong dropped) {
        this.vertx = vertx;
        this.out = out;
        this.maxPendingBytes = maxPendingBytes;
        this.dropped = dropped;
    }

    /** Queues one line (without its newline). */
    public void write(String line) {
        if (buffer.length() + line.length() + 1 > maxPendingBytes) {
            dropped.incrementAndGet();
            return;
        }
        buffer.append(line).append('\n');
        if (buffer.length() >= FLUSH_BYTES) {
            flush();
        } else if (!scheduled) {
            scheduled = true;
            vertx.setTimer(FLUSH_DELAY_MS, id -> {
                scheduled = false;
                flush();
            });
        }
    }

    /** Hands the gathered lines to a worker thread, unless a write is already in flight. */
    public void flush() {
        if (writing || buffer.isEmpty()) return;
        Batch batch = new Batch(buffer.toString().getBytes(StandardCharsets.UTF_8));
        buffer = new StringBuilder(FLUSH_BYTES);
        writing = true;
        inFlight = batch;
        vertx.<Void>executeBlocking(
                        () -> {
                            batch.writeOnce(out);
                            return null;
                        },
                        false)
                .onComplete(ar -> {
                    writing = false;
                    inFlight = null;
                    if (ar.failed())
                        LOG.warn(
                                "access log lines could not be written: {}",
                                ar.cause().toString());
                    if (!buffer.isEmpty() && !scheduled) flush();
                });
    }

    /**
     * Writes what is left, once the event loops have stopped: their timers are cancelled and their
     * blocking tasks may never have run, so the batch in flight (if its worker never wrote it) and the
     * gathered lines are written here, each exactly once.
     */
    public void close() {
        Batch pending = inFlight;
        Batch rest = new Batch(buffer.toString().getBytes(StandardCharsets.UTF_8));
        buffer = new StringBuilder();
        try {
            if (pending != null) pending.writeOnce(out);
            if (rest.bytes.length > 0) rest.writeOnce(out);
        } catch (java.io.IOException e) {
            LOG.warn("access log lines could not be written at shutdown: {}", e.toString());
        }
    }
}
