package dev.sovereign.audit;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of a chain: takes events from any thread, links them on its own thread and commits them in
 * groups (everything waiting, up to {@code maxBatch}, in one transaction), then completes each event's future.
 *
 * <p>Design note. A <em>durable</em> event (a decision before an upstream call) fails its future when the commit
 * fails, so the caller can refuse the request: nothing is forwarded unaudited. Other events (completions,
 * refusals) are kept and retried with the next group, up to {@code maxRetained}; beyond that the oldest are
 * dropped and counted. After a failed commit the chain's head is read again from the store before the next
 * attempt, so a commit whose outcome was unknown (a connection lost during COMMIT) never forks the chain;
 * attempts are at most one per {@code retryEvery} while the store is failing, and durable events that arrive in
 * between fail at once. A group of only non-durable events waits up to {@code linger} for a durable one to share
 * its commit. Checkpoints are signed and written to the store and to the {@link CheckpointLog}: at
 * start, every {@code checkpointEvery} while events come and every {@code checkpointEveryEvents} events (on a thread of their own, so that their insert and fsync
 * never hold a commit; once events stop, the next round of the writer thread, at most 200 ms later, covers the
 * last of them), and at {@link #close()}. At start the writer also seals, with {@link ChainSeal}, the chains that
 * earlier processes left uncovered: its own id's at once, other writers' once they stood still for twice
 * {@code checkpointEvery} and a second (a live writer on the same store moves or covers its chain by then).
 */
public final class AuditWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditWriter.class);

    private final AuditStore store;
    private final String writer;
    private final AuditSigner signer;
    private final CheckpointLog checkpointLog;
    private final Clock clock;
    private final Options options;
    private final BlockingQueue<Pending> queue;
    private final ArrayDeque<Pending> retained = new ArrayDeque<>();
    private final Thread thread;
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    /** How long a commit may run before the store counts as unavailable. */
    public static final Duration STALLED = Duration.ofSeconds(2);

    private static final Duration PROBE_EVERY = Duration.ofSeconds(2);

    private volatile long commitStartedNanos;
    private long lastProbeNanos = System.nanoTime();
    private volatile boolean running = true;
    private volatile boolean healthy = true;
    private volatile String lastError;
    private AuditChain chain;
    private volatile long checkpointedSeq = -1;
    private long lastCheckpointNanos;
    /**
     * Writes the periodic checkpoints, so that their store insert and file fsync never hold the commits that requests
     * wait on. One at a time, in order; the stop checkpoint waits for it.
     */
    private final java.util.concurrent.ExecutorService checkpointer;

    private volatile boolean checkpointPending;
    /** Told of each checkpoint once written (the external time-stamping). */
    private volatile java.util.function.Consumer<Checkpoint> onCheckpoint = c -> {};
    /** Other writers' chains found uncovered at start, with their end then: sealed if still there at {@link #sealDueNanos}. */
    private Map<String, AuditStore.Head> unsealed;

    private long sealDueNanos;
    private volatile long nextAttemptNanos;
    private volatile int retainedCount;
    /** Non-durable events waiting (up to {@code linger}) for a durable one to share their commit. */
    private final List<Pending> deferred = new ArrayList<>();

    private long deferredUntilNanos;
    private volatile int deferredCount;

    /**
     * @param maxBatch events per transaction at most
     * @param maxQueue events waiting at most; beyond it durable events fail at once
     * @param maxRetained non-durable events kept across failed commits at most
     * @param checkpointEvery how often a checkpoint is written while events come
     * @param retryEvery how often a failing store is tried again
     * @param linger how long a non-durable event (a completion, a refusal) may wait for a durable one to share its
     *     commit; zero commits each as soon as it comes
     * @param checkpointEveryEvents a checkpoint is also written once this many events came since the last one,
     *     however short the time (the checkpoint thread writes one at a time, so a burst costs one at most per
     *     checkpoint write)
     */
    public record Options(
            int maxBatch,
            int maxQueue,
            int maxRetained,
            Duration checkpointEvery,
            Duration retryEvery,
            Duration linger,
            long checkpointEveryEvents) {
        /** What a busy gateway needs: at 50 requests/s and more, completions ride with the next decision. */
        public static final Duration DEFAULT_LINGER = Duration.ofMillis(20);

        /** Events without a signed checkpoint over them span at most about this long while events come. */
        public static final Duration DEFAULT_CHECKPOINT_EVERY = Duration.ofSeconds(1);

        /** Events without a signed checkpoint over them number at most about this many, however fast they come. */
        public static final long DEFAULT_CHECKPOINT_EVERY_EVENTS = 10_000;

        public static final Options DEFAULTS = new Options(
                2048,
                100_000,
                100_000,
                DEFAULT_CHECKPOINT_EVERY,
                Duration.ofMillis(250),
                DEFAULT_LINGER,
                DEFAULT_CHECKPOINT_EVERY_EVENTS);

        public Options {
            if (linger.isNegative()) throw new IllegalArgumentException("linger must not be negative");
            if (checkpointEveryEvents < 1) throw new IllegalArgumentException("checkpointEveryEvents must be positive");
        }

        public Options(
                int maxBatch,
                int maxQueue,
                int maxRetained,
                Duration checkpointEvery,
                Duration retryEvery,
                Duration linger) {
            this(maxBatch, maxQueue, maxRetained, checkpointEvery, retryEvery, linger, DEFAULT_CHECKPOINT_EVERY_EVENTS);
        }

        /** These options with checkpoints every {@code every} instead. */
        public Options withCheckpointEvery(Duration every) {
            return new Options(maxBatch, maxQueue, maxRetained, every, retryEvery, linger, checkpointEveryEvents);
        }

        /** These options with a checkpoint also every {@code events} events. */
        public Options withCheckpointEveryEvents(long events) {
            return new Options(maxBatch, maxQueue, maxRetained, checkpointEvery, retryEvery, linger, events);
        }
    }

    /** Where an event was committed. */
    public record Receipt(String writer, long seq, String hash) {}

    public AuditWriter(
            AuditStore store,
            String writer,
            AuditSigner signer,
            CheckpointLog checkpointLog,
            Clock clock,
            Options options) {
        if (!CheckpointLog.WRITER_ID.matcher(writer).matches()) {
            throw new IllegalArgumentException(
                    "audit writer id '" + writer + "' must be 1-100 letters, digits, '.', '-' or '_'");
        }
        if (!signer.canSign()) throw new IllegalArgumentException("the audit writer needs a private signing key");
        this.store = Objects.requireNonNull(store);
        this.writer = writer;
        this.signer = signer;
        this.checkpointLog = checkpointLog;
        this.checkpointer = java.util.concurrent.Executors.newSingleThreadExecutor(Thread.ofPlatform()
                .name("audit-checkpoint-" + writer)
                .daemon(true)
                .factory());
        this.clock = clock;
        this.options = options;
        this.queue = new ArrayBlockingQueue<>(options.maxQueue());
        this.thread = Thread.ofPlatform().name("audit-writer").daemon(true).unstarted(this::run);
    }

    /**
     * Calls {@code listener} with each checkpoint of this writer once it is written (on the thread that wrote it:
     * keep it short). Set it before {@link #start()} to see the start checkpoint too.
     */
    public AuditWriter onCheckpoint(java.util.function.Consumer<Checkpoint> listener) {
        this.onCheckpoint = Objects.requireNonNull(listener);
        return this;
    }

    /**
     * Reads the chain's head (continuing it when this writer id has events) and writes the start checkpoint;
     * then starts the writer thread.
     *
     * @throws AuditStoreException when the store cannot be read or written
     */
    public AuditWriter start() {
        ChainSeal seal = new ChainSeal(store, signer, checkpointLog, clock);
        Map<String, AuditStore.Head> open = seal.uncovered();
        AuditStore.Head own = open.remove(writer);
        if (own != null) seal.seal(writer, own); // this writer's id, so its earlier process is gone
        openChain(Checkpoint.START);
        if (!open.isEmpty()) {
            unsealed = open;
            sealDueNanos = System.nanoTime() + sealAfter().toNanos();
        }
        thread.start();
        return this;
    }

    /**
     * How long a chain of another writer must stand still, its end uncovered, before it is sealed as left by a
     * crash: a writer that is alive moves its chain or signs a checkpoint over it within {@code checkpointEvery}.
     */
    private Duration sealAfter() {
        return options.checkpointEvery().multipliedBy(2).plusSeconds(1);
    }

    public String writer() {
        return writer;
    }

    /**
     * Queues {@code event}. The future completes after the event's commit, or, for a {@code durable} event,
     * fails with {@link AuditStoreException} when it could not be committed; a non-durable event's future
     * completes once it is committed, however many attempts that takes.
     */
    public CompletableFuture<Receipt> append(AuditEvent event, boolean durable) {
        String canonical = AuditJson.canonical(event);
        Pending p = new Pending(event, canonical, durable, new CompletableFuture<>());
        if (!running) {
            p.future.completeExceptionally(new AuditStoreException("the audit writer is closed", null));
            return p.future;
        }
        if (durable && stalled()) {
            failed.incrementAndGet();
            p.future.completeExceptionally(new AuditStoreException("audit store not answering", null));
            return p.future;
        }
        if (durable && !healthy && !retryDue()) {
            failed.incrementAndGet();
            p.future.completeExceptionally(new AuditStoreException("audit store unavailable: " + lastError, null));
            return p.future;
        }
        if (!queue.offer(p)) {
            if (durable) {
                failed.incrementAndGet();
                p.future.completeExceptionally(new AuditStoreException("audit queue full", null));
            } else {
                dropped.incrementAndGet();
                p.future.completeExceptionally(new AuditStoreException("audit queue full; event dropped", null));
            }
        }
        return p.future;
    }

    /** Whether the last commit succeeded. */
    public boolean healthy() {
        return healthy && !stalled();
    }

    /**
     * Whether the commit in progress has taken longer than {@link #STALLED}: a store that hangs (a database that
     * stopped answering with its connections open) is unavailable long before a socket timeout says so.
     */
    public boolean stalled() {
        long started = commitStartedNanos;
        return started != 0 && System.nanoTime() - started > STALLED.toNanos();
    }

    public long committed() {
        return committed.get();
    }

    /** Durable events refused because the store could not commit them. */
    public long failed() {
        return failed.get();
    }

    /** Non-durable events given up because too many waited for a failing store. */
    public long dropped() {
        return dropped.get();
    }

    public long batches() {
        return batches.get();
    }

    public int queued() {
        return queue.size() + retainedCount + deferredCount;
    }

    /** Commits what is queued, writes the stop checkpoint and stops the thread (waits up to {@code timeout}). */
    public void close(Duration timeout) {
        if (!running) return;
        running = false;
        queue.offer(WAKE_UP);
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(options.maxBatch());
        while (running || !queue.isEmpty() || !deferred.isEmpty() || (!retained.isEmpty() && (healthy || retryDue()))) {
            batch.clear();
            boolean retry = !retained.isEmpty() && (healthy || retryDue());
            if (!retry) {
                long waitNanos = retained.isEmpty()
                        ? TimeUnit.MILLISECONDS.toNanos(200)
                        : Math.max(1, nextAttemptNanos - System.nanoTime());
                if (!deferred.isEmpty()) {
                    waitNanos = Math.max(0, Math.min(waitNanos, deferredUntilNanos - System.nanoTime()));
                }
                try {
                    Pending first = queue.poll(waitNanos, TimeUnit.NANOSECONDS);
                    if (first != null) batch.add(first);
                } catch (InterruptedException e) {
                    running = false; // nobody interrupts this thread but the JVM going down: stop after this group
                }
                retry = !retained.isEmpty() && retryDue();
            }
            if (retry) {
                while (!retained.isEmpty() && batch.size() < options.maxBatch()) batch.add(retained.poll());
            }
            queue.drainTo(batch, options.maxBatch() - deferred.size() - batch.size());
            batch.remove(WAKE_UP);
            if (!retry && defer(batch)) continue;
            if (!deferred.isEmpty()) {
                batch.addAll(0, deferred);
                deferred.clear();
                deferredCount = 0;
            }
            if (!batch.isEmpty()) commit(batch);
            else probeWhenIdle();
            retainedCount = retained.size();
            maybeCheckpoint(Checkpoint.PERIODIC, false);
            maybeSealEarlierChains();
        }
        maybeCheckpoint(Checkpoint.STOP, true);
        if (!retained.isEmpty()) LOG.error("audit writer stopped with {} events not committed", retained.size());
        for (Pending p : retained) {
            dropped.incrementAndGet();
            p.future.completeExceptionally(
                    new AuditStoreException("audit writer stopped before the store returned", null));
        }
        retained.clear();
    }

    /**
     * Keeps a group of only non-durable events back for up to {@code linger}, so that they share the commit of the
     * next durable event instead of costing one of their own: a request's completion then rides with a later
     * request's decision, halving the commits (and the WAL) of a busy gateway. Returns whether the group was kept.
     */
    private boolean defer(List<Pending> batch) {
        if (!running || options.linger().isZero() || deferred.size() + batch.size() >= options.maxBatch()) return false;
        for (Pending p : batch) {
            if (p.durable) return false;
        }
        long now = System.nanoTime();
        if (deferred.isEmpty()) {
            if (batch.isEmpty()) return false;
            deferredUntilNanos = now + options.linger().toNanos();
        } else if (now - deferredUntilNanos >= 0) {
            return false;
        }
        deferred.addAll(batch);
        deferredCount = deferred.size();
        return true;
    }

    /**
     * With no events to commit, asks the store for this chain's head now and then, so that health (and so the
     * gateway's readiness) follows the store even when no request comes: down when it stops answering, up when it
     * answers again.
     */
    private void probeWhenIdle() {
        long now = System.nanoTime();
        if (now - lastProbeNanos < PROBE_EVERY.toNanos() || (!healthy && !retryDue())) return;
        lastProbeNanos = now;
        commitStartedNanos = now;
        try {
            store.head(writer);
            if (!healthy) {
                LOG.info("audit store {} answers again", store.describe());
                chain = null;
                healthy = true;
            }
        } catch (RuntimeException e) {
            if (healthy) {
                LOG.error(
                        "audit store {} does not answer; requests fail closed until it does: {}",
                        store.describe(),
                        rootMessage(e));
            }
            lastError = rootMessage(e);
            nextAttemptNanos = System.nanoTime() + options.retryEvery().toNanos();
            healthy = false;
        } finally {
            commitStartedNanos = 0;
        }
    }

    private boolean retryDue() {
        return System.nanoTime() >= nextAttemptNanos;
    }

    private void commit(List<Pending> batch) {
        if (!healthy && !retryDue()) {
            // The store failed a moment ago: refuse durable events at once, keep the rest for the next attempt.
            reject(batch, "audit store unavailable: " + lastError);
            return;
        }
        try {
            if (chain == null) openChain(null);
            List<ChainedEvent> linked = new ArrayList<>(batch.size());
            for (Pending p : batch) linked.add(chain.link(p.event, p.canonical));
            commitStartedNanos = System.nanoTime();
            try {
                store.append(linked);
            } finally {
                commitStartedNanos = 0;
            }
            batches.incrementAndGet();
            committed.addAndGet(linked.size());
            if (!healthy) LOG.info("audit store {} is writable again", store.describe());
            healthy = true;
            for (int i = 0; i < batch.size(); i++) {
                ChainedEvent c = linked.get(i);
                batch.get(i).future.complete(new Receipt(writer, c.seq(), c.hash()));
            }
        } catch (RuntimeException e) {
            chain = null; // the commit's outcome may be unknown: read the head again before the next attempt
            String reason = rootMessage(e);
            if (healthy) {
                LOG.error("audit store {} failed; requests fail closed until it returns: {}", store.describe(), reason);
            }
            lastError = reason;
            nextAttemptNanos = System.nanoTime() + options.retryEvery().toNanos();
            healthy = false;
            reject(batch, "audit store unavailable: " + reason);
        }
    }

    private void reject(List<Pending> batch, String message) {
        for (Pending p : batch) {
            if (p.durable) {
                failed.incrementAndGet();
                p.future.completeExceptionally(new AuditStoreException(message, null));
            } else {
                if (retained.size() >= options.maxRetained()) {
                    Pending oldest = retained.poll();
                    dropped.incrementAndGet();
                    oldest.future.completeExceptionally(new AuditStoreException("event dropped: " + message, null));
                }
                retained.add(p);
            }
        }
    }

    /** Reads the head from the store and, at start, writes the start checkpoint. */
    private void openChain(String startReason) {
        AuditStore.Head head = store.head(writer).orElseGet(this::headFromCheckpoints);
        AuditChain opened = new AuditChain(writer, head.seq(), head.hash());
        if (startReason != null) {
            checkpoint(startReason, opened.seq(), opened.head());
            checkpointedSeq = opened.seq();
            lastCheckpointNanos = System.nanoTime();
        }
        chain = opened;
    }

    /**
     * Where a chain without stored events resumes: after the last signed checkpoint of this writer (all its
     * events may have been deleted by retention), or at the start of a new chain.
     */
    private AuditStore.Head headFromCheckpoints() {
        Checkpoint last = null;
        for (Checkpoint c : store.checkpoints()) {
            if (c.writer().equals(writer) && signer.verify(c) && (last == null || c.seq() > last.seq())) last = c;
        }
        return last == null ? new AuditStore.Head(0, AuditChain.GENESIS) : new AuditStore.Head(last.seq(), last.hash());
    }

    private void maybeCheckpoint(String reason, boolean force) {
        if (force) awaitCheckpoints();
        if (chain == null || chain.seq() == checkpointedSeq) return;
        long now = System.nanoTime();
        long seq = chain.seq();
        String head = chain.head();
        if (!force) {
            boolean due = now - lastCheckpointNanos >= options.checkpointEvery().toNanos()
                    || seq - checkpointedSeq >= options.checkpointEveryEvents();
            if (checkpointPending || !due) return;
            checkpointedSeq = seq;
            lastCheckpointNanos = now;
            checkpointPending = true;
            checkpointer.execute(() -> {
                try {
                    checkpoint(reason, seq, head);
                } catch (RuntimeException e) {
                    checkpointedSeq = -1; // the next round writes one again
                    LOG.warn("audit checkpoint at {} not written: {}", seq, rootMessage(e));
                } finally {
                    checkpointPending = false;
                }
            });
            return;
        }
        try {
            checkpoint(reason, seq, head);
            checkpointedSeq = seq;
            lastCheckpointNanos = now;
        } catch (RuntimeException e) {
            LOG.warn("audit checkpoint at {} not written: {}", seq, rootMessage(e));
        }
    }

    /** Seals the chains of earlier writers that did not move since start, on the checkpoint thread. */
    private void maybeSealEarlierChains() {
        if (unsealed == null || System.nanoTime() - sealDueNanos < 0) return;
        Map<String, AuditStore.Head> chains = unsealed;
        unsealed = null;
        ChainSeal seal = new ChainSeal(store, signer, checkpointLog, clock);
        checkpointer.execute(() -> {
            for (Map.Entry<String, AuditStore.Head> e : chains.entrySet()) {
                try {
                    seal.seal(e.getKey(), e.getValue());
                } catch (RuntimeException ex) {
                    LOG.warn("audit chain of writer {} not sealed: {}", e.getKey(), rootMessage(ex));
                }
            }
        });
    }

    /** Lets the periodic checkpoint being written finish, and takes no more. */
    private void awaitCheckpoints() {
        checkpointer.shutdown();
        try {
            if (!checkpointer.awaitTermination(10, TimeUnit.SECONDS)) LOG.warn("audit checkpoint still being written");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkpoint(String reason, long seq, String head) {
        Checkpoint c = signer.sign(new Checkpoint(
                writer, seq, head, Instant.now(clock).truncatedTo(ChronoUnit.MILLIS), reason, null, null));
        store.addCheckpoint(c);
        if (checkpointLog != null) {
            try {
                checkpointLog.append(c);
            } catch (IOException e) {
                throw new AuditStoreException("checkpoint file in " + checkpointLog.dir() + ": " + e.getMessage(), e);
            }
        }
        onCheckpoint.accept(c);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.length() > 300 ? m.substring(0, 300) + "…" : m;
    }

    private record Pending(AuditEvent event, String canonical, boolean durable, CompletableFuture<Receipt> future) {}

    /** Queued by {@link #close} so that the writer thread stops waiting; never committed. */
    private static final Pending WAKE_UP = new Pending(null, null, false, new CompletableFuture<>());
}
