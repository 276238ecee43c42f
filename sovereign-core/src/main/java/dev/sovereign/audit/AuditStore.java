package dev.sovereign.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where audit events are kept: append-only chains, one per writer, plus the checkpoints that anchor them.
 * Every method does blocking I/O: call it off the event loop. An unreachable or failing store throws
 * {@link AuditStoreException}; {@link #append} is all or nothing.
 */
public interface AuditStore extends AutoCloseable {

    /** The store's location for messages, without credentials. */
    String describe();

    /** The last stored event of {@code writer}'s chain, or empty when it has none. */
    Optional<Head> head(String writer);

    /** Stores {@code events} (consecutive links of one or more chains) in one transaction. */
    void append(List<ChainedEvent> events);

    void addCheckpoint(Checkpoint checkpoint);

    /** Every checkpoint in the store, per writer in the order written. */
    List<Checkpoint> checkpoints();

    /** Stores an external time-stamp token over one of the checkpoints. */
    void addTimeStamp(TimeStamp stamp);

    /** Every time-stamp token in the store, in the order received. */
    List<TimeStamp> timeStamps();

    /** The writers that have events in the store. */
    List<String> writers();

    /** Calls {@code sink} with {@code writer}'s events in the order of their sequence numbers as stored. */
    void scan(String writer, Consumer<StoredEvent> sink);

    /**
     * Calls {@code sink} with every event whose time is in [{@code from}, {@code to}) ({@code null}: unbounded), in
     * the order the store received them, streaming rather than holding them all: the input of reports.
     */
    void scanTime(Instant from, Instant to, Consumer<StoredEvent> sink);

    /** Events that match {@code query}, newest first, one page at a time. */
    AuditPage query(AuditQuery query);

    /**
     * The last event of {@code writer} such that it and every event before it are older than {@code cutoff},
     * or empty.
     */
    Optional<StoredEvent> lastOlderThan(String writer, Instant cutoff);

    /** Deletes {@code writer}'s events up to and including {@code seq}; returns how many. */
    long deleteThrough(String writer, long seq);

    @Override
    void close();

    /** The end of a chain: the last sequence number and hash. */
    record Head(long seq, String hash) {}
}
