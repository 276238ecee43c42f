package dev.sovereign.audit;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anchors checkpoints outside the gateway: every {@code every}, on a thread of its own (never on a request's path),
 * sends each writer's newest checkpoint not yet time-stamped to an RFC 3161 authority and keeps the token in the
 * store and beside the checkpoint files. A token over a checkpoint vouches for every event the checkpoint covers,
 * so one token per interval anchors everything before it. An authority that fails is logged and tried again at the
 * next round with the then newest checkpoint; nothing waits for it but {@link #close}, which stamps the last
 * checkpoint (the writer's stop) within the client's timeout.
 */
public final class CheckpointStamper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStamper.class);

    private final TimeStampClient client;
    private final AuditStore store;
    private final CheckpointLog log;
    private final Duration every;
    private final Clock clock;
    private final Map<String, Checkpoint> waiting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService thread;
    private final AtomicLong stamped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile Instant lastStampedAt;
    private volatile Instant oldestWaitingSince;
    private volatile String lastError;

    /**
     * @param log the checkpoint directory, where tokens are also written; {@code null} for the store only
     * @param every how often the newest checkpoint is sent
     */
    public CheckpointStamper(TimeStampClient client, AuditStore store, CheckpointLog log, Duration every, Clock clock) {
        this.client = client;
        this.store = store;
        this.log = log;
        this.every = every;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("audit-timestamp").daemon(true).factory());
        thread.scheduleWithFixedDelay(this::round, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Takes a checkpoint just written; it is sent at the next round unless a newer one of its writer replaces it. */
    public void offer(Checkpoint checkpoint) {
        waiting.put(checkpoint.writer(), checkpoint);
        if (oldestWaitingSince == null) oldestWaitingSince = Instant.now(clock);
    }

    /** Tokens received and kept. */
    public long stamped() {
        return stamped.get();
    }

    /** Rounds in which the authority or the store failed. */
    public long failed() {
        return failed.get();
    }

    /** When the last token was kept, or {@code null}. */
    public Instant lastStampedAt() {
        return lastStampedAt;
    }

    /** The last failure's message (without credentials), or {@code null} once a round succeeds again. */
    public String lastError() {
        return lastError;
    }

    public String authority() {
        return client.describe();
    }

    public Duration every() {
        return every;
    }

    /**
     * How long the oldest checkpoint not yet time-stamped has waited: at most about {@code every} plus the
     * authority's answer while it works, growing while it fails.
     */
    public Duration lag() {
        Instant since = oldestWaitingSince;
        return since == null ? Duration.ZERO : Duration.between(since, Instant.now(clock));
    }

    private void round() {
        List<Checkpoint> due = new ArrayList<>(waiting.values());
        boolean ok = true;
        for (Checkpoint c : due) {
            try {
                TimeStamp stamp = client.stamp(c);
                store.addTimeStamp(stamp);
                if (log != null) log.append(stamp);
                waiting.remove(c.writer(), c);
                stamped.incrementAndGet();
                lastStampedAt = Instant.now(clock);
            } catch (IOException | RuntimeException e) {
                ok = false;
                failed.incrementAndGet();
                lastError = e.getMessage();
                LOG.warn("audit checkpoint #{} of writer {} not time-stamped: {}", c.seq(), c.writer(), e.getMessage());
            }
        }
        if (ok) lastError = null;
        if (waiting.isEmpty()) oldestWaitingSince = null;
    }

    /** Stops the rounds and sends what waits (the stop checkpoint) once, waiting up to {@code timeout}. */
    public void close(Duration timeout) {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) return;
            if (!waiting.isEmpty()) round();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
