package dev.sovereign.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistogramDeltaTest {
    @TempDir
    Path dir;

    private Path scrape(String name, long a, long b, long c, long inf) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(
                p,
                String.join(
                        "\n",
                        "# TYPE w_seconds histogram",
                        "w_seconds_bucket{le=\"1.0E-4\"} " + a,
                        "w_seconds_bucket{le=\"0.001\"} " + b,
                        "w_seconds_bucket{le=\"0.01\"} " + c,
                        "w_seconds_bucket{le=\"+Inf\"} " + inf,
                        "other_seconds_bucket{le=\"0.001\"} 999",
                        "w_seconds_count " + inf));
        return p;
    }

    @Test
    void quantilesComeFromTheCountsAddedBetweenTheScrapes() throws Exception {
        // Before: 50 fast events that must not count. During: 90 under 0.1 ms, 9 under 1 ms, 1 under 10 ms.
        var before = HistogramDelta.buckets(scrape("a", 50, 50, 50, 50), "w_seconds");
        var after = HistogramDelta.buckets(scrape("b", 140, 149, 150, 150), "w_seconds");
        assertThat(HistogramDelta.describe("w", before, after, List.of(0.5, 0.95, 0.999)))
                .isEqualTo("w_n=100 w_p50_ms=0.100 w_p95_ms=1.000 w_p999_ms=10.000");
    }

    @Test
    void anIntervalWithoutEventsHasNoQuantiles() throws Exception {
        var same = HistogramDelta.buckets(scrape("a", 5, 6, 7, 8), "w_seconds");
        assertThat(HistogramDelta.describe("w", same, same, List.of(0.99))).isEqualTo("w_n=0 w_p99_ms=NA");
    }
}
