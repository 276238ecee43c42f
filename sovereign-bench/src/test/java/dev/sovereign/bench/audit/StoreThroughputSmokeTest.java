package dev.sovereign.bench.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.audit.VerifyReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A one-second run into SQLite, closed and open loop: no benchmark, a check that the figures add up. */
class StoreThroughputSmokeTest {

    @TempDir
    Path dir;

    private StoreThroughput.Settings settings(int rate, boolean completions) {
        return new StoreThroughput.Settings(
                List.of(BenchStore.Kind.SQLITE_NORMAL),
                List.of(rate),
                1,
                0,
                1,
                2,
                64,
                completions,
                false,
                1,
                dir,
                "127.0.0.1:5432",
                "postgres",
                1,
                List.of(Duration.ofSeconds(1)));
    }

    @Test
    void closedLoopCommitsAndVerifiesTheWholeChain() throws Exception {
        String line = StoreThroughput.run(settings(0, true), BenchStore.Kind.SQLITE_NORMAL, Duration.ofSeconds(1), 1);

        assertThat(line)
                .startsWith("RESULT store=sqlite-normal round=1 checkpoint_every=1s checkpoints=")
                .contains(" rate=0 ")
                .contains(" failed=0 ");
        assertThat(line).contains(" verified=intact ");
        assertThat(value(line, "events_per_s")).isGreaterThan(0);
        assertThat(value(line, "verified_events")).isGreaterThan(0);
    }

    @Test
    void openLoopCommitsTheOfferedRate() throws Exception {
        String line =
                StoreThroughput.run(settings(500, false), BenchStore.Kind.SQLITE_NORMAL, Duration.ofSeconds(1), 1);

        assertThat(line).contains(" rate=500 ").contains(" verified=intact ");
        assertThat(value(line, "decisions_per_s")).isBetween(400.0, 600.0);
    }

    @Test
    void frequentCheckpointsWriteMoreOfThemThanRareOnes() throws Exception {
        String often =
                StoreThroughput.run(settings(300, false), BenchStore.Kind.SQLITE_NORMAL, Duration.ofMillis(100), 1);
        String rarely =
                StoreThroughput.run(settings(300, false), BenchStore.Kind.SQLITE_NORMAL, Duration.ofHours(1), 2);
        assertThat(often).contains(" checkpoint_every=100ms ").contains(" verified=intact ");
        assertThat(rarely).contains(" checkpoint_every=1h ").contains(" verified=intact ");
        // start and stop only, against one every 100 ms of the second of load
        assertThat(value(rarely, "checkpoints")).isLessThanOrEqualTo(2.0);
        assertThat(value(often, "checkpoints")).isGreaterThan(value(rarely, "checkpoints") + 3);
    }

    @Test
    void aChainThatDoesNotHoldEveryCommittedEventFailsTheRun() {
        VerifyReport intact = new VerifyReport(
                List.of(new VerifyReport.Chain("w", 1, 10, 10, 2, 10, 0, 0, 0, 0)), List.of(), List.of());

        assertThat(StoreThroughput.verdict(intact, 10, 10)).isEqualTo("intact");
        assertThat(StoreThroughput.verdict(intact, 11, 11)).startsWith("MISMATCH");
        assertThat(StoreThroughput.verdict(intact, 10, 9)).startsWith("MISMATCH");
    }

    private static double value(String line, String key) {
        for (String kv : line.split(" ")) {
            if (kv.startsWith(key + "=")) return Double.parseDouble(kv.substring(key.length() + 1));
        }
        throw new AssertionError(key + " not in " + line);
    }
}
