package dev.sovereign.audit;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks every chain in a store against its hashes, its columns and the signed checkpoints (in the store and
 * in the {@link CheckpointLog}), and reports the first break of each chain with its position: an event modified,
 * deleted, inserted or reordered; a column edited behind the chain; events cut from the end; a chain
 * replaced or removed whole; a checkpoint whose signature does not hold.
 *
 * <p>Reads the store once, one chain at a time, keeping only the hashes at checkpointed positions in memory.
 */
public final class AuditVerifier {
    private final AuditStore store;
    private final AuditSigner verifier;
    private final CheckpointLog checkpointLog;
    private final TimeStampVerifier stamps;
    private final Duration allowedLag;
    private final Clock clock;

    /** @param checkpointLog the checkpoint directory, or {@code null} to check against the store's copies only */
    public AuditVerifier(AuditStore store, AuditSigner verifier, CheckpointLog checkpointLog) {
        this(store, verifier, checkpointLog, null, null, Clock.systemUTC());
    }

    private AuditVerifier(
            AuditStore store,
            AuditSigner verifier,
            CheckpointLog checkpointLog,
            TimeStampVerifier stamps,
            Duration allowedLag,
            Clock clock) {
        this.store = store;
        this.verifier = verifier;
        this.checkpointLog = checkpointLog;
        this.stamps = stamps;
        this.allowedLag = allowedLag;
        this.clock = clock;
    }

    /**
     * This verifier, also checking the external time-stamp tokens against {@code trusted} authorities: each token
     * must sign a checkpoint of its chain exactly (a checkpoint changed or signed again after it was stamped is a
     * break), and events older than {@code allowedLag} (as of {@code clock}) that no valid token covers are counted
     * as overdue.
     */
    public AuditVerifier withTimeStamps(TimeStampVerifier trusted, Duration allowedLag, Clock clock) {
        return new AuditVerifier(store, verifier, checkpointLog, trusted, allowedLag, clock);
    }

    public VerifyReport verify() throws IOException {
        return verify(null);
    }

    /** Checks {@code writer}'s chain alone (and the checkpoint file's readability); every chain when {@code null}. */
    public VerifyReport verify(String writer) throws IOException {
        List<VerifyReport.Break> breaks = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, List<Sourced>> byWriter = new LinkedHashMap<>();
        for (Checkpoint c : store.checkpoints()) {
            if (writer != null && !writer.equals(c.writer())) continue;
            byWriter.computeIfAbsent(c.writer(), w -> new ArrayList<>()).add(new Sourced(c, "store"));
        }
        if (checkpointLog != null) {
            CheckpointLog.Contents file = checkpointLog.read();
            for (CheckpointLog.Problem p : file.problems()) {
                breaks.add(new VerifyReport.Break(
                        null, -1, VerifyReport.Kind.BAD_CHECKPOINT, "checkpoint file " + p.where() + ": " + p.what()));
            }
            for (Checkpoint c : file.checkpoints()) {
                if (writer != null && !writer.equals(c.writer())) continue;
                byWriter.computeIfAbsent(c.writer(), w -> new ArrayList<>()).add(new Sourced(c, "file"));
            }
        }
        Map<String, List<TimeStamp>> stampsByWriter = new LinkedHashMap<>();
        for (TimeStamp t : store.timeStamps()) {
            if (writer == null || writer.equals(t.writer())) {
                stampsByWriter
                        .computeIfAbsent(t.writer(), w -> new ArrayList<>())
                        .add(t);
            }
        }
        if (checkpointLog != null) {
            CheckpointLog.StampContents file = checkpointLog.readTimeStamps();
            for (CheckpointLog.Problem p : file.problems()) {
                breaks.add(new VerifyReport.Break(
                        null, -1, VerifyReport.Kind.BAD_CHECKPOINT, "time-stamp file " + p.where() + ": " + p.what()));
            }
            for (TimeStamp t : file.stamps()) {
                if (writer == null || writer.equals(t.writer())) {
                    stampsByWriter
                            .computeIfAbsent(t.writer(), w -> new ArrayList<>())
                            .add(t);
                }
            }
        }
        if (stamps == null && !stampsByWriter.isEmpty()) {
            notes.add("time-stamp tokens not checked: no trusted time-stamping authority is configured"
                    + " (audit.timestamp.trust)");
        }
        TreeSet<String> writers = new TreeSet<>(store.writers());
        writers.addAll(byWriter.keySet());
        if (writer != null) writers.retainAll(Set.of(writer));
        List<VerifyReport.Chain> chains = new ArrayList<>();
        for (String w : writers) {
            chains.add(verifyChain(
                    w, byWriter.getOrDefault(w, List.of()), stampsByWriter.getOrDefault(w, List.of()), breaks, notes));
        }
        return new VerifyReport(chains, breaks, notes, stamps != null);
    }

    /**
     * Checks {@code writer}'s time-stamp tokens against its signed checkpoints; the highest position a valid token
     * covers, and the time in that token.
     *
     * <p>Every token must name a current signed checkpoint (cheap: its SHA-256); the newest such token's signature,
     * certificate and imprint are checked, then older ones only until one holds. A valid token over checkpoint #n
     * proves every event up to #n, because #n's hash covers the chain before it: older tokens add nothing, and
     * checking each (two EC signatures, a few milliseconds) would make a year of one-minute tokens cost
     * verification half an hour.
     */
    private Stamped checkStamps(
            String writer, List<TimeStamp> tokens, List<Checkpoint> valid, List<VerifyReport.Break> breaks) {
        if (stamps == null) return new Stamped(0, null);
        Map<String, Checkpoint> byImprint = new HashMap<>();
        for (Checkpoint c : valid) byImprint.putIfAbsent(TimeStamp.imprintOf(c), c);
        Set<String> seen = new java.util.HashSet<>();
        List<TimeStamp> named = new ArrayList<>();
        for (TimeStamp t : tokens) {
            if (!seen.add(t.token())) continue; // the same token from the store and the file
            Checkpoint c = byImprint.get(t.imprint());
            if (c == null || c.seq() != t.seq()) {
                breaks.add(new VerifyReport.Break(
                        writer,
                        t.seq(),
                        VerifyReport.Kind.BAD_CHECKPOINT,
                        "the time-stamp token of " + t.time() + " names checkpoint #" + t.seq()
                                + ", and no signed checkpoint of this chain is the one it was issued for: the checkpoint"
                                + " was removed, or changed and signed again after it was time-stamped"));
                continue;
            }
            named.add(t);
        }
        named.sort((a, b) -> Long.compare(b.seq(), a.seq()));
        for (TimeStamp t : named) {
            Checkpoint c = byImprint.get(t.imprint());
            try {
                return new Stamped(c.seq(), stamps.verify(t, c));
            } catch (TimeStampVerifier.Invalid e) {
                breaks.add(new VerifyReport.Break(
                        writer,
                        c.seq(),
                        VerifyReport.Kind.BAD_CHECKPOINT,
                        "the time-stamp token of checkpoint #" + c.seq() + " " + e.getMessage()));
            }
        }
        return new Stamped(0, null);
    }

    private record Stamped(long through, java.time.Instant newest) {}

    private VerifyReport.Chain verifyChain(
            String writer,
            List<Sourced> sourced,
            List<TimeStamp> tokens,
            List<VerifyReport.Break> breaks,
            List<String> notes) {
        int breaksBefore = breaks.size();
        // Signed checkpoints only; the latest retention checkpoint anchors where the chain now starts.
        List<Checkpoint> valid = new ArrayList<>();
        boolean inFile = false;
        for (Sourced s : sourced) {
            if (!verifier.verify(s.checkpoint)) {
                breaks.add(new VerifyReport.Break(
                        writer,
                        s.checkpoint.seq(),
                        VerifyReport.Kind.BAD_CHECKPOINT,
                        "checkpoint at #" + s.checkpoint.seq() + " in the " + s.source
                                + " is not signed by the configured key " + verifier.keyId()));
                continue;
            }
            valid.add(s.checkpoint);
            inFile |= s.source.equals("file");
        }
        Checkpoint anchor = null;
        for (Checkpoint c : valid) {
            if (c.reason().equals(Checkpoint.RETENTION) && (anchor == null || c.seq() > anchor.seq())) anchor = c;
        }
        Map<Long, String> expectedAt = new HashMap<>();
        for (Checkpoint c : valid) {
            if (c.seq() > 0 && (anchor == null || c.seq() > anchor.seq())) {
                String prior = expectedAt.putIfAbsent(c.seq(), c.hash());
                if (prior != null && !prior.equals(c.hash())) {
                    breaks.add(new VerifyReport.Break(
                            writer,
                            c.seq(),
                            VerifyReport.Kind.BAD_CHECKPOINT,
                            "two signed checkpoints disagree on event #" + c.seq()));
                }
            }
        }
        long startSeq = anchor == null ? 1 : anchor.seq() + 1;
        Stamped stamped = checkStamps(writer, tokens, valid, breaks);
        Walk walk = new Walk(writer, startSeq, anchor == null ? AuditChain.GENESIS : anchor.hash(), expectedAt, breaks);
        if (stamps != null) {
            walk.stampedThrough = stamped.through();
            walk.overdueBeforeMillis = clock.millis() - allowedLag.toMillis();
        }
        store.scan(writer, walk::accept);

        if (walk.events > 0 && valid.isEmpty()) {
            breaks.add(new VerifyReport.Break(
                    writer,
                    walk.firstSeq,
                    VerifyReport.Kind.UNSIGNED_CHAIN,
                    "chain has " + walk.events + " events and no signed checkpoint: it was not written by a"
                            + " gateway holding the signing key, or its checkpoints were removed"));
        }
        long lastCheckpoint = 0;
        for (Checkpoint c : valid) lastCheckpoint = Math.max(lastCheckpoint, c.seq());
        long lastSeq = walk.events == 0 ? startSeq - 1 : walk.lastSeq;
        if (lastCheckpoint > lastSeq) {
            breaks.add(new VerifyReport.Break(
                    writer,
                    lastSeq + 1,
                    VerifyReport.Kind.DELETED,
                    walk.events == 0
                            ? "all events up to #" + lastCheckpoint + " are gone (a signed checkpoint names #"
                                    + lastCheckpoint + ")"
                            : "events #" + (lastSeq + 1) + "–#" + lastCheckpoint
                                    + " are gone from the end (a signed checkpoint names #" + lastCheckpoint + ")"));
        }
        for (Map.Entry<Long, String> e : expectedAt.entrySet()) {
            if (e.getKey() <= lastSeq && !walk.matched.contains(e.getKey()) && !walk.missing(e.getKey())) {
                breaks.add(new VerifyReport.Break(
                        writer,
                        e.getKey(),
                        VerifyReport.Kind.MODIFIED,
                        "event #" + e.getKey() + " differs from its signed checkpoint: the chain was rewritten"));
            }
        }
        if (checkpointLog != null && !inFile && !valid.isEmpty()) {
            notes.add(writer + ": no checkpoint of this chain in " + checkpointLog.dir() + "; checked against the"
                    + " store's copies only");
        }
        Checkpoint latest = null;
        for (Checkpoint c : valid) {
            if (latest == null || !c.time().isBefore(latest.time())) latest = c;
        }
        if (latest != null && latest.reason().equals(Checkpoint.STOP) && lastSeq > latest.seq()) {
            breaks.add(new VerifyReport.Break(
                    writer,
                    latest.seq() + 1,
                    VerifyReport.Kind.INSERTED,
                    "events #" + (latest.seq() + 1) + "–#" + lastSeq + " were added after the writer stopped at #"
                            + latest.seq()));
        }
        // The checkpoints at the chain's highest signed position: when only a recovered seal stands there, the writer
        // is gone (a later process sealed its end), and nothing may follow.
        boolean sealedLast = false;
        boolean continuedLast = false;
        for (Checkpoint c : valid) {
            if (c.seq() != lastCheckpoint) continue;
            if (c.reason().equals(Checkpoint.RECOVERED)) sealedLast = true;
            else continuedLast = true;
        }
        if (sealedLast && !continuedLast && lastSeq > lastCheckpoint) {
            breaks.add(new VerifyReport.Break(
                    writer,
                    lastCheckpoint + 1,
                    VerifyReport.Kind.INSERTED,
                    "events #" + (lastCheckpoint + 1) + "–#" + lastSeq + " were added after the chain was sealed at #"
                            + lastCheckpoint + " on recovery"));
        }
        // Each event counts under the first checkpoint that covers it: normal operation or a seal after a crash. A
        // position holding a recovered seal counts as sealed after the crash even when the restarted writer (same
        // id) signs its start checkpoint there too: a seal is only made where no checkpoint stood before.
        TreeMap<Long, Boolean> covering = new TreeMap<>();
        for (Checkpoint c : valid) {
            if (c.seq() >= startSeq)
                covering.merge(c.seq(), !c.reason().equals(Checkpoint.RECOVERED), Boolean::logicalAnd);
        }
        long covered = startSeq - 1;
        long anchored = 0;
        long anchoredAfterCrash = 0;
        for (Map.Entry<Long, Boolean> e : covering.entrySet()) {
            long upTo = Math.min(e.getKey(), lastSeq);
            if (upTo <= covered) continue;
            if (e.getValue()) anchored += upTo - covered;
            else anchoredAfterCrash += upTo - covered;
            covered = upTo;
        }
        long unanchored = lastSeq - Math.max(covered, lastCheckpoint);
        List<VerifyReport.Break> own = breaks.subList(breaksBefore, breaks.size());
        own.sort((a, b) -> Long.compare(a.seq(), b.seq()));
        return new VerifyReport.Chain(
                writer,
                walk.events == 0 ? 0 : walk.firstSeq,
                lastSeq,
                walk.events,
                valid.size(),
                anchored,
                anchoredAfterCrash,
                Math.max(0, unanchored),
                anchor == null ? 0 : anchor.seq(),
                own.size(),
                Math.max(0, Math.min(stamped.through(), lastSeq) - (startSeq - 1)),
                walk.overdue,
                stamped.newest());
    }

    /** The walk along one chain, in the store's order. */
    private static final class Walk {
        final String writer;
        final Map<Long, String> expectedAt;
        final List<VerifyReport.Break> breaks;
        final TreeSet<Long> matched = new TreeSet<>();
        final List<long[]> gaps = new ArrayList<>();
        long expectedSeq;
        String expectedPrev;
        long events;
        long firstSeq = -1;
        long lastSeq;
        /** Events after this position, older than {@link #overdueBeforeMillis}, count as {@link #overdue}. */
        long stampedThrough = Long.MAX_VALUE;

        long overdueBeforeMillis = Long.MIN_VALUE;
        long overdue;

        Walk(
                String writer,
                long startSeq,
                String startPrev,
                Map<Long, String> expectedAt,
                List<VerifyReport.Break> breaks) {
            this.writer = writer;
            this.expectedSeq = startSeq;
            this.expectedPrev = startPrev;
            this.expectedAt = expectedAt;
            this.breaks = breaks;
        }

        boolean missing(long seq) {
            for (long[] g : gaps) if (seq >= g[0] && seq <= g[1]) return true;
            return false;
        }

        void accept(StoredEvent row) {
            events++;
            if (firstSeq < 0) firstSeq = row.seq();
            lastSeq = Math.max(lastSeq, row.seq());
            AuditJson.Body body;
            try {
                body = AuditJson.body(row.body());
            } catch (IllegalArgumentException e) {
                fail(row.seq(), VerifyReport.Kind.MODIFIED, "event #" + row.seq() + " is not a readable record");
                resync(row);
                return;
            }
            String recomputed = AuditChain.hash(row.prevHash(), row.body());
            if (!recomputed.equals(row.hash())) {
                fail(
                        row.seq(),
                        VerifyReport.Kind.MODIFIED,
                        "event #" + row.seq() + " was modified: its content no" + " longer gives its hash");
            } else if (!writer.equals(body.writer())) {
                fail(
                        row.seq(),
                        VerifyReport.Kind.INSERTED,
                        "the row at #" + row.seq() + " holds an event of writer " + body.writer()
                                + ": it was copied into this chain");
            } else if (body.seq() == row.seq() - 1
                    && row.seq() == expectedSeq
                    && !row.prevHash().equals(expectedPrev)) {
                fail(
                        body.seq(),
                        VerifyReport.Kind.INSERTED,
                        "an event was inserted at #" + body.seq() + ": the event that was #" + body.seq()
                                + " is now numbered #" + row.seq());
            } else if (body.seq() != row.seq()) {
                fail(
                        row.seq(),
                        VerifyReport.Kind.REORDERED,
                        "the row at #" + row.seq() + " holds event #" + body.seq()
                                + ": events were reordered or renumbered");
            } else if (row.seq() > expectedSeq) {
                gaps.add(new long[] {expectedSeq, row.seq() - 1});
                fail(
                        expectedSeq,
                        VerifyReport.Kind.DELETED,
                        row.seq() - 1 == expectedSeq
                                ? "event #" + expectedSeq + " was deleted"
                                : "events #" + expectedSeq + "–#" + (row.seq() - 1) + " were deleted");
            } else if (row.seq() < expectedSeq) {
                fail(row.seq(), VerifyReport.Kind.INSERTED, "a second event #" + row.seq() + " was inserted");
            } else if (!row.prevHash().equals(expectedPrev)) {
                // Numbers are consecutive but the link is not: the event before was rewritten, hash and all.
                fail(
                        row.seq() - 1,
                        VerifyReport.Kind.MODIFIED,
                        "event #" + (row.seq() - 1) + " was modified and" + " its hash recomputed: event #" + row.seq()
                                + " no longer follows it");
            } else {
                String columnDiff = AuditColumns.of(body.event()).firstDifference(row.columns());
                if (columnDiff != null) {
                    fail(
                            row.seq(),
                            VerifyReport.Kind.COLUMN_EDITED,
                            "event #" + row.seq() + ": the '" + columnDiff
                                    + "' column was edited (it no longer matches the hashed record)");
                }
            }
            String expected = expectedAt.get(row.seq());
            if (expected != null && expected.equals(row.hash())) matched.add(row.seq());
            if (row.seq() > stampedThrough && row.columns().timeMillis() < overdueBeforeMillis) overdue++;
            resync(row);
        }

        private void resync(StoredEvent row) {
            expectedSeq = Math.max(expectedSeq, row.seq() + 1);
            expectedPrev = row.hash();
        }

        private void fail(long seq, VerifyReport.Kind kind, String message) {
            breaks.add(new VerifyReport.Break(writer, seq, kind, message));
        }
    }

    private record Sourced(Checkpoint checkpoint, String source) {}
}
