package dev.sovereign.bench.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's CPU use from {@code /proc/stat}, so that a run records what else was busy: a database
 * server on the same host, or another tenant. Linux only; elsewhere the figures are 0.
 */
final class MachineCpu {
    private MachineCpu() {}

    /** {busy, total} clock ticks of all CPUs since boot. */
    static long[] ticks() throws IOException {
        Path stat = Path.of("/proc/stat");
        if (!Files.exists(stat)) return new long[] {0, 0};
        String[] f = Files.readAllLines(stat).get(0).trim().split("\\s+"); // cpu user nice system idle iowait ...
        long total = 0;
        for (int i = 1; i < f.length && i <= 8; i++) total += Long.parseLong(f[i]);
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new long[] {total - idle, total};
    }

    /** The share of all CPUs busy between two {@link #ticks()}, in percent. */
    static long busyPercent(long[] before, long[] after) {
        long total = after[1] - before[1];
        return total <= 0 ? 0 : Math.round((after[0] - before[0]) * 100.0 / total);
    }
}
