package dev.sovereign.bench.audit;

import dev.sovereign.audit.AuditEvent;
import dev.sovereign.audit.AuditWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;

/**
 * Producer threads appending decision events to one {@link AuditWriter}, each durable (as the gateway commits
 * a decision before the upstream call), optionally each followed by its completion (not durable, as the gateway
 * records it after the answer).
 *
 * <p>Two ways to load the writer. Closed ({@code rate == 0}): each producer keeps up to {@code inFlight /
 * producers} decisions waiting for their commit and appends the next as soon as one commits, like that many
 * concurrent requests; the latency runs from {@code append} to the commit. Open ({@code rate > 0}): the
 * producers append at a fixed total rate whatever the writer does, and the latency runs from each event's
 * <em>scheduled</em> time, so a writer that falls behind is charged for the wait (no coordinated omission);
 * durable events beyond the writer's queue fail, and are counted.
 *
 * <p>Threading: producers are platform threads; futures complete on the writer's thread, which records the
 * latency ({@link Recorder} is safe across threads) and returns the producer's window permit.
 */
final class AuditLoad {
    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(2);

    private final AuditWriter writer;
    private final int producers;
    private final int inFlight;
    private final int rate;
    private final boolean completions;
    private final boolean timeOrderedIds;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    final Recorder latency = new Recorder(MAX_MICROS, 3);
    final AtomicLong decisionsOk = new AtomicLong();
    final AtomicLong decisionsFailed = new AtomicLong();
    final AtomicLong completionsOk = new AtomicLong();
    final AtomicLong completionsFailed = new AtomicLong();
    final AtomicLong outstanding = new AtomicLong();
    private final AtomicLong loggedFailures = new AtomicLong();

    AuditLoad(AuditWriter writer, int producers, int inFlight, int rate, boolean completions, boolean timeOrderedIds) {
        if (producers < 1) throw new IllegalArgumentException("--producers must be at least 1");
        if (rate == 0 && inFlight < producers) {
            throw new IllegalArgumentException("--in-flight must be at least --producers");
        }
        this.writer = writer;
        this.producers = producers;
        this.inFlight = inFlight;
        this.rate = rate;
        this.completions = completions;
        this.timeOrderedIds = timeOrderedIds;
    }

    void start() {
        long begin = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        for (int i = 0; i < producers; i++) {
            int index = i;
            // Open loop: producer i sends at begin + i/rate + k * producers/rate, so the total rate is even.
            Thread t =
                    Thread.ofPlatform().name("audit-producer-" + i).daemon(true).start(() -> produce(index, begin));
            threads.add(t);
        }
    }

    /** Stops appending and waits (up to {@code timeoutSeconds}) for every event appended to be settled. */
    void stop(int timeoutSeconds) throws InterruptedException {
        running = false;
        for (Thread t : threads) t.join();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (outstanding.get() > 0 && System.nanoTime() < deadline) Thread.sleep(10);
        if (outstanding.get() > 0) {
            throw new IllegalStateException(outstanding.get() + " events still not settled " + timeoutSeconds
                    + " s after the producers stopped");
        }
    }

    private void produce(int index, long begin) {
        DecisionEvents events = new DecisionEvents(42 + index, timeOrderedIds);
        Semaphore window =
                rate > 0 ? null : new Semaphore(inFlight / producers + (index < inFlight % producers ? 1 : 0));
        long interval = rate > 0 ? TimeUnit.SECONDS.toNanos(producers) / rate : 0;
        long scheduled = begin + (rate > 0 ? index * (TimeUnit.SECONDS.toNanos(1) / rate) : 0);
        AuditEvent previous = null;
        try {
            while (running) {
                long start;
                if (window == null) {
                    long wait;
                    while ((wait = scheduled - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
                    start = scheduled;
                    scheduled += interval;
                } else {
                    if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) continue;
                    start = System.nanoTime();
                }
                AuditEvent decision = events.decision();
                outstanding.incrementAndGet();
                writer.append(decision, true).whenComplete((receipt, failure) -> {
                    if (failure == null) {
                        latency.recordValue(Math.min(MAX_MICROS, (System.nanoTime() - start) / 1000));
                        decisionsOk.incrementAndGet();
                    } else {
                        decisionsFailed.incrementAndGet();
                        logFailure(failure);
                    }
                    outstanding.decrementAndGet();
                    if (window != null) window.release();
                });
                if (completions && previous != null) {
                    outstanding.incrementAndGet();
                    writer.append(events.completion(previous), false).whenComplete((receipt, failure) -> {
                        if (failure == null) completionsOk.incrementAndGet();
                        else completionsFailed.incrementAndGet();
                        outstanding.decrementAndGet();
                    });
                }
                previous = decision;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void logFailure(Throwable failure) {
        if (loggedFailures.incrementAndGet() <= 5) System.err.println("durable event failed: " + failure);
    }
}
