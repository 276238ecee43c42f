package dev.sovereign.bench.audit;

import dev.sovereign.audit.AuditSigner;
import dev.sovereign.audit.AuditVerifier;
import dev.sovereign.audit.AuditWriter;
import dev.sovereign.audit.CheckpointLog;
import dev.sovereign.audit.VerifyReport;
import dev.sovereign.bench.load.Flags;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * Sustained throughput of the audit trail into its stores: producer threads append decision events through an
 * {@link AuditWriter} (group commit, hash chain, signed checkpoints, as in the gateway) into a fresh SQLite file
 * ({@code synchronous=NORMAL} or {@code FULL}) or a fresh PostgreSQL database, for a measured period after a
 * warm-up. The stores are measured one after the other, in reverse order every other round, after one
 * unrecorded run of the first store that warms the JIT.
 *
 * <pre>
 * StoreThroughput [--stores sqlite-normal,sqlite-full,postgresql] [--rounds 2] [--warmup-s 5] [--duration-s 30]
 *                 [--producers 2] [--in-flight 512] [--rate 0 | --rate 20000,20000,10000] [--completions]
 *                 [--request-ids random|time-ordered] [--report-s 5] [--jit-warmup-s 10]
 *                 [--dir /tmp/sovereign-audit-bench] [--pg 127.0.0.1:5432] [--pg-user postgres] [--pool-size 4]
 *                 [--checkpoint-every 1s | --checkpoint-every 1s,1h]
 * </pre>
 *
 * <p>With several {@code --checkpoint-every} intervals, each store is measured once per interval in every round
 * (in reverse order every other round): the cost of frequent checkpoints, side by side with rare ones.
 *
 * {@code --rate 0} loads the writer closed-loop with {@code --in-flight} decisions waiting at once (its
 * ceiling); a rate (one for all stores, or one per store in {@code --stores} order) loads it open-loop at that
 * many decisions per second. {@code --completions} follows each decision with its completion (not durable), as
 * the gateway does; {@code --request-ids time-ordered} measures what the gateway's random request ids cost the
 * store's request-id index. Progress (committed events per second) goes to stderr every {@code --report-s}
 * seconds, so that a rate that falls as the table grows is visible. Each run prints one {@code RESULT} line of {@code key=value} pairs: committed
 * events, durable decisions and commits (transactions) per second of the measured period, the average group, the
 * latency of a durable decision in milliseconds, the CPU used (writer thread, this process, the whole machine),
 * the load average, and the verification of the whole chain afterwards ({@link AuditVerifier}: every hash, column
 * and signed checkpoint), which must find it intact and holding exactly the events whose futures completed.
 */
public final class StoreThroughput {

    /** What to measure. */
    record Settings(
            List<BenchStore.Kind> stores,
            List<Integer> rates,
            int rounds,
            int warmupSeconds,
            int durationSeconds,
            int producers,
            int inFlight,
            boolean completions,
            boolean timeOrderedIds,
            int reportSeconds,
            Path dir,
            String pg,
            String pgUser,
            int poolSize,
            List<Duration> checkpointEvery) {

        int rate(BenchStore.Kind kind) {
            return rates.size() == 1 ? rates.get(0) : rates.get(stores.indexOf(kind));
        }
    }

    private StoreThroughput() {}

    public static void main(String[] args) throws Exception {
        Flags f = Flags.parse(
                args,
                Set.of(
                        "--stores",
                        "--rounds",
                        "--warmup-s",
                        "--duration-s",
                        "--producers",
                        "--in-flight",
                        "--rate",
                        "--dir",
                        "--pg",
                        "--pg-user",
                        "--pool-size",
                        "--request-ids",
                        "--report-s",
                        "--jit-warmup-s",
                        "--checkpoint-every"),
                Set.of("--completions"));
        List<BenchStore.Kind> stores = Arrays.stream(f.string("--stores", "sqlite-normal,sqlite-full,postgresql")
                        .split(","))
                .map(String::trim)
                .map(BenchStore.Kind::of)
                .toList();
        List<Integer> rates = Arrays.stream(f.string("--rate", "0").split(","))
                .map(String::trim)
                .map(Integer::parseInt)
                .toList();
        if (rates.size() != 1 && rates.size() != stores.size()) {
            throw new IllegalArgumentException("--rate needs one value, or one per store in --stores");
        }
        Settings s = new Settings(
                stores,
                rates,
                f.integer("--rounds", 2),
                f.integer("--warmup-s", 5),
                f.integer("--duration-s", 30),
                f.integer("--producers", 2),
                f.integer("--in-flight", 512),
                f.on("--completions"),
                requestIds(f.string("--request-ids", "random")),
                f.integer("--report-s", 5),
                Path.of(f.string("--dir", System.getProperty("java.io.tmpdir") + "/sovereign-audit-bench")),
                f.string("--pg", "127.0.0.1:5432"),
                f.string("--pg-user", "postgres"),
                f.integer("--pool-size", 4),
                Arrays.stream(f.string("--checkpoint-every", "1s").split(","))
                        .map(String::trim)
                        .map(dev.sovereign.config.Durations::parse)
                        .toList());
        // One unrecorded run first, so that no store is measured while the JIT is still compiling the writer.
        int jitSeconds = f.integer("--jit-warmup-s", 10);
        if (jitSeconds > 0) {
            Settings warm = new Settings(
                    List.of(s.stores().get(0)),
                    List.of(s.rate(s.stores().get(0))),
                    1,
                    0,
                    jitSeconds,
                    s.producers(),
                    s.inFlight(),
                    s.completions(),
                    s.timeOrderedIds(),
                    s.reportSeconds(),
                    s.dir(),
                    s.pg(),
                    s.pgUser(),
                    s.poolSize(),
                    s.checkpointEvery());
            System.err.println("JIT warm-up (not recorded): "
                    + run(warm, s.stores().get(0), s.checkpointEvery().get(0), 0));
        }
        boolean allIntact = true;
        for (int round = 1; round <= s.rounds(); round++) {
            List<BenchStore.Kind> order = new ArrayList<>(s.stores());
            if (round % 2 == 0) Collections.reverse(order);
            List<Duration> intervals = new ArrayList<>(s.checkpointEvery());
            if (round % 2 == 0) Collections.reverse(intervals);
            for (BenchStore.Kind kind : order) {
                for (Duration every : intervals) {
                    String line = run(s, kind, every, round);
                    System.out.println(line);
                    allIntact &= line.contains(" verified=intact ");
                }
            }
        }
        System.exit(allIntact ? 0 : 1);
    }

    /** One measurement of one store; returns its {@code RESULT} line. */
    static String run(Settings s, BenchStore.Kind kind, Duration checkpointEvery, int round) throws Exception {
        int rate = s.rate(kind);
        Path dir = s.dir().resolve(kind.id + "-" + checkpointEvery.toMillis() + "ms-r" + round);
        BenchStore.deleteTree(dir);
        Files.createDirectories(dir);
        Path pub = dir.resolve("audit-signing.pub");
        AuditSigner signer = AuditSigner.generate(dir.resolve("audit-signing.key"), pub);
        CheckpointLog checkpoints = new CheckpointLog(dir.resolve("checkpoints"));
        try (BenchStore bench = BenchStore.open(kind, dir, s.pg(), s.pgUser(), s.poolSize())) {
            AuditWriter writer = new AuditWriter(
                            bench.store(),
                            "bench-" + kind.id,
                            signer,
                            checkpoints,
                            Clock.systemUTC(),
                            AuditWriter.Options.DEFAULTS.withCheckpointEvery(checkpointEvery))
                    .start();
            AuditLoad load =
                    new AuditLoad(writer, s.producers(), s.inFlight(), rate, s.completions(), s.timeOrderedIds());
            System.err.printf(
                    Locale.ROOT,
                    "%s round %d: %s, %d s warm-up, %d s measured%n",
                    kind.id,
                    round,
                    rate == 0 ? "closed loop, " + s.inFlight() + " in flight" : "open loop at " + rate + "/s",
                    s.warmupSeconds(),
                    s.durationSeconds());
            load.start();
            progress(writer, s.warmupSeconds(), s.reportSeconds(), "warm-up");
            Sample a = Sample.take(writer, load);
            load.latency.getIntervalHistogram(); // drop the warm-up's latencies
            progress(writer, s.durationSeconds(), s.reportSeconds(), "measured");
            Sample b = Sample.take(writer, load);
            Histogram latency = load.latency.getIntervalHistogram();
            String loadavg = loadAverage();
            load.stop(120);
            writer.close(Duration.ofSeconds(60));
            long failed = load.decisionsFailed.get() + load.completionsFailed.get();
            long settledOk = load.decisionsOk.get() + load.completionsOk.get();

            long v0 = System.nanoTime();
            VerifyReport report = new AuditVerifier(bench.store(), AuditSigner.verifier(pub), checkpoints).verify();
            double verifySeconds = (System.nanoTime() - v0) / 1e9;
            String verdict = verdict(report, writer.committed(), settledOk);
            if (!report.intact()) report.breaks().stream().limit(5).forEach(br -> System.err.println("break: " + br));

            double seconds = (b.nanos - a.nanos) / 1e9;
            long events = b.committed - a.committed;
            long batches = b.batches - a.batches;
            StringBuilder r = new StringBuilder("RESULT");
            kv(r, "store", kind.id);
            kv(r, "round", round);
            kv(r, "checkpoint_every", dev.sovereign.config.Durations.format(checkpointEvery));
            kv(r, "checkpoints", bench.store().checkpoints().size());
            kv(r, "rate", rate);
            kv(r, "producers", s.producers());
            kv(r, "in_flight", rate == 0 ? s.inFlight() : 0);
            kv(r, "completions", s.completions());
            kv(r, "request_ids", s.timeOrderedIds() ? "time-ordered" : "random");
            kv(r, "seconds", String.format(Locale.ROOT, "%.1f", seconds));
            kv(r, "events_per_s", Math.round(events / seconds));
            kv(r, "decisions_per_s", Math.round((b.decisionsOk - a.decisionsOk) / seconds));
            kv(r, "commits_per_s", Math.round(batches / seconds));
            kv(r, "avg_group", String.format(Locale.ROOT, "%.1f", batches == 0 ? 0.0 : (double) events / batches));
            kv(r, "p50_ms", ms(latency.getValueAtPercentile(50)));
            kv(r, "p90_ms", ms(latency.getValueAtPercentile(90)));
            kv(r, "p99_ms", ms(latency.getValueAtPercentile(99)));
            kv(r, "p999_ms", ms(latency.getValueAtPercentile(99.9)));
            kv(r, "max_ms", ms(latency.getMaxValue()));
            kv(r, "failed", failed);
            kv(r, "writer_cpu_pct", pct(b.writerCpuNanos - a.writerCpuNanos, b.nanos - a.nanos));
            kv(r, "writer_us_per_event", perEvent(b.writerCpuNanos - a.writerCpuNanos, events));
            kv(r, "process_us_per_event", perEvent(b.processCpuNanos - a.processCpuNanos, events));
            kv(r, "process_cpu_pct", pct(b.processCpuNanos - a.processCpuNanos, b.nanos - a.nanos));
            kv(r, "machine_busy_pct", MachineCpu.busyPercent(a.machine, b.machine));
            kv(r, "loadavg", loadavg);
            kv(r, "db_bytes_per_event", writer.committed() == 0 ? 0 : bench.bytes() / writer.committed());
            kv(r, "verified", verdict);
            kv(r, "verified_events", report.events());
            kv(r, "verify_s", String.format(Locale.ROOT, "%.1f", verifySeconds));
            return r.toString();
        }
    }

    private static boolean requestIds(String value) {
        return switch (value) {
            case "random" -> false;
            case "time-ordered" -> true;
            default ->
                throw new IllegalArgumentException("--request-ids must be random or time-ordered, got '" + value + "'");
        };
    }

    /** Sleeps {@code seconds}, printing the events committed per second every {@code every} seconds. */
    private static void progress(AuditWriter writer, int seconds, int every, String phase) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long step = Math.max(1, every) * 1_000_000_000L;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) return;
            long committed = writer.committed();
            Thread.sleep(Math.max(1, Math.min(step, end - now) / 1_000_000));
            double elapsed = (System.nanoTime() - now) / 1e9;
            System.err.printf(
                    Locale.ROOT,
                    "  %s: %.0f events/s (%d in the chain), load average %s%n",
                    phase,
                    (writer.committed() - committed) / elapsed,
                    writer.committed(),
                    loadAverage());
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "n/a";
        }
    }

    /**
     * {@code intact} only when the verifier found no break, and the chain holds exactly what the writer says it
     * committed and what the producers saw committed: a benchmark that lost or skipped events cannot pass.
     */
    static String verdict(VerifyReport report, long committed, long settledOk) {
        if (!report.intact()) return "BROKEN(" + report.breaks().size() + "_breaks)";
        if (report.events() != committed || committed != settledOk) {
            return "MISMATCH(chain=" + report.events() + ",writer=" + committed + ",futures=" + settledOk + ")";
        }
        return "intact";
    }

    private static void kv(StringBuilder b, String key, Object value) {
        b.append(' ').append(key).append('=').append(value);
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1000.0);
    }

    private static String perEvent(long cpuNanos, long events) {
        return String.format(Locale.ROOT, "%.1f", events == 0 ? 0.0 : cpuNanos / 1000.0 / events);
    }

    private static long pct(long cpuNanos, long wallNanos) {
        return wallNanos <= 0 ? 0 : Math.round(cpuNanos * 100.0 / wallNanos);
    }

    /** Counters at one instant. */
    private record Sample(
            long nanos,
            long committed,
            long batches,
            long decisionsOk,
            long writerCpuNanos,
            long processCpuNanos,
            long[] machine) {

        static Sample take(AuditWriter writer, AuditLoad load) throws IOException {
            return new Sample(
                    System.nanoTime(),
                    writer.committed(),
                    writer.batches(),
                    load.decisionsOk.get(),
                    currentWriterCpuNanos(),
                    ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                            .getProcessCpuTime(),
                    MachineCpu.ticks());
        }

        private static long currentWriterCpuNanos() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals("audit-writer")) return threads.getThreadCpuTime(t.threadId());
            }
            return 0;
        }
    }
}
