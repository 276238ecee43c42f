package dev.sovereign.bench.audit;

import dev.sovereign.audit.AuditSigner;
import dev.sovereign.audit.Checkpoint;
import dev.sovereign.audit.CheckpointLog;
import dev.sovereign.audit.TimeStamp;
import dev.sovereign.audit.TimeStampClient;
import dev.sovereign.audit.TimeStampVerifier;
import dev.sovereign.testing.LocalTsa;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What anchoring a checkpoint costs the gateway, per checkpoint: writing it (Ed25519 signature, store insert, file
 * append with fsync) and time-stamping it (RFC 3161 request over HTTP to an authority on loopback, response checks,
 * store insert and file append), and what checking one token costs verification. The authority runs in this process
 * on its own threads ({@code local-tsa-*}), whose CPU is left out of the time-stamp's; what remains is this process'
 * client side, HTTP client threads included.
 *
 * <pre>
 * TimeStampCost [n=500] [store=sqlite-normal|postgresql]
 * </pre>
 */
public final class TimeStampCost {
    private TimeStampCost() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        BenchStore.Kind kind = BenchStore.Kind.of(args.length > 1 ? args[1] : "sqlite-normal");
        Path dir = Files.createTempDirectory("sovereign-timestamp-cost");
        AuditSigner signer = AuditSigner.generate(dir.resolve("k.key"), dir.resolve("k.pub"));
        CheckpointLog log = new CheckpointLog(dir.resolve("checkpoints"));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (LocalTsa tsa = LocalTsa.start("Bench");
                BenchStore bench = BenchStore.open(kind, dir, "127.0.0.1:5432", "postgres", 2)) {
            TimeStampClient client = new TimeStampClient(tsa.url(), Duration.ofSeconds(10));
            TimeStampVerifier verifier = new TimeStampVerifier(List.of(tsa.root()));
            for (int round = 0; round < 2; round++) { // the first round warms the JIT and is not reported
                long[] writeNanos = new long[n];
                long[] stampNanos = new long[n];
                long[] verifyNanos = new long[n];
                long writeCpu = 0;
                long verifyCpu = 0;
                long stampCpu = 0;
                for (int i = 0; i < n; i++) {
                    long cpu0 = threads.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    Checkpoint c = signer.sign(new Checkpoint(
                            "bench",
                            i + 1L,
                            String.format(Locale.ROOT, "%064x", i),
                            Instant.now().truncatedTo(ChronoUnit.MILLIS),
                            Checkpoint.PERIODIC,
                            null,
                            null));
                    bench.store().addCheckpoint(c);
                    log.append(c);
                    long t1 = System.nanoTime();
                    long cpu1 = threads.getCurrentThreadCpuTime();
                    long process0 = processCpu() - tsaCpu(threads);
                    TimeStamp stamp = client.stamp(c);
                    bench.store().addTimeStamp(stamp);
                    log.append(stamp);
                    long t2 = System.nanoTime();
                    long process1 = processCpu() - tsaCpu(threads);
                    long cpu2 = threads.getCurrentThreadCpuTime();
                    verifier.verify(stamp, c);
                    long t3 = System.nanoTime();
                    long cpu3 = threads.getCurrentThreadCpuTime();
                    writeNanos[i] = t1 - t0;
                    stampNanos[i] = t2 - t1;
                    verifyNanos[i] = t3 - t2;
                    writeCpu += cpu1 - cpu0;
                    stampCpu += process1 - process0;
                    verifyCpu += cpu3 - cpu2;
                }
                if (round == 0) continue;
                System.out.printf(
                        Locale.ROOT,
                        "RESULT store=%s n=%d checkpoint_write_p50_ms=%.3f checkpoint_write_p99_ms=%.3f"
                                + " checkpoint_write_cpu_us=%.0f time_stamp_p50_ms=%.3f time_stamp_p99_ms=%.3f"
                                + " time_stamp_cpu_us=%.0f token_verify_p50_ms=%.3f token_verify_cpu_us=%.0f%n",
                        kind.id,
                        n,
                        pct(writeNanos, 50),
                        pct(writeNanos, 99),
                        writeCpu / 1e3 / n,
                        pct(stampNanos, 50),
                        pct(stampNanos, 99),
                        stampCpu / 1e3 / n,
                        pct(verifyNanos, 50),
                        verifyCpu / 1e3 / n);
            }
        }
        BenchStore.deleteTree(dir);
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** CPU of the authority's own threads, which the gateway would not spend. */
    private static long tsaCpu(ThreadMXBean threads) {
        long sum = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t == null || !t.getThreadName().startsWith("local-tsa-")) continue;
            long cpu = threads.getThreadCpuTime(t.getThreadId());
            if (cpu > 0) sum += cpu;
        }
        return sum;
    }

    private static double pct(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}
