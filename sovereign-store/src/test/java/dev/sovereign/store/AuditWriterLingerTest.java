package dev.sovereign.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sovereign.audit.AuditSigner;
import dev.sovereign.audit.AuditStore;
import dev.sovereign.audit.AuditWriter;
import dev.sovereign.audit.CheckpointLog;
import dev.sovereign.config.AuditConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Non-durable events (completions, refusals) wait a short while for a durable one to share its commit, so that a busy
 * gateway commits once per request instead of twice; they are never held longer than the linger, nor lost at close.
 */
class AuditWriterLingerTest {
    @TempDir
    Path dir;

    private AuditStore store;
    private AuditWriter writer;

    private AuditWriter start(Duration linger) throws Exception {
        store = AuditStores.open(AuditConfig.defaults(dir));
        writer = new AuditWriter(
                        store,
                        "gw",
                        AuditSigner.generate(dir.resolve("k.key"), dir.resolve("k.pub")),
                        new CheckpointLog(dir.resolve("checkpoints")),
                        Clock.systemUTC(),
                        new AuditWriter.Options(
                                2048, 100_000, 100_000, Duration.ofSeconds(10), Duration.ofMillis(250), linger))
                .start();
        return writer;
    }

    @AfterEach
    void close() {
        if (writer != null) writer.close();
        if (store != null) store.close();
    }

    @Test
    void aCompletionRidesWithTheNextDecision() throws Exception {
        AuditWriter w = start(Duration.ofSeconds(5));
        CompletableFuture<AuditWriter.Receipt> completion = w.append(AuditTrailTest.decision(1, Instant.now()), false);
        Thread.sleep(50);
        assertThat(completion).as("held back for a durable event").isNotDone();
        CompletableFuture<AuditWriter.Receipt> decision = w.append(AuditTrailTest.decision(2, Instant.now()), true);

        AuditWriter.Receipt d = decision.get(5, TimeUnit.SECONDS);
        AuditWriter.Receipt c = completion.get(5, TimeUnit.SECONDS);
        assertThat(w.batches()).as("one commit for both").isEqualTo(1);
        assertThat(c.seq()).as("in arrival order").isEqualTo(d.seq() - 1);
        assertThat(store.head("gw").orElseThrow().seq()).isEqualTo(d.seq());
    }

    @Test
    void aLoneCompletionIsCommittedWhenTheLingerEnds() throws Exception {
        AuditWriter w = start(Duration.ofMillis(300));
        long started = System.nanoTime();
        CompletableFuture<AuditWriter.Receipt> completion = w.append(AuditTrailTest.decision(1, Instant.now()), false);
        Thread.sleep(100);
        boolean done = completion.isDone();
        long looked = System.nanoTime() - started;
        // On a loaded machine the sleep may overrun the linger; only a look before it ends can tell anything.
        if (looked < Duration.ofMillis(300).toNanos()) {
            assertThat(done)
                    .as("held back while the linger lasts (looked after %d ms)", looked / 1_000_000)
                    .isFalse();
        }
        completion.get(5, TimeUnit.SECONDS);
        assertThat(System.nanoTime() - started)
                .isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
        assertThat(w.batches()).isEqualTo(1);
    }

    @Test
    void closingCommitsWhatIsHeldBack() throws Exception {
        AuditWriter w = start(Duration.ofMinutes(10));
        CompletableFuture<AuditWriter.Receipt> completion = w.append(AuditTrailTest.decision(1, Instant.now()), false);
        Thread.sleep(50);
        w.close();
        assertThat(completion).isCompleted();
        assertThat(store.head("gw").orElseThrow().seq())
                .isEqualTo(completion.join().seq());
    }

    @Test
    void withoutALingerEveryEventIsCommittedAtOnce() throws Exception {
        AuditWriter w = start(Duration.ZERO);
        w.append(AuditTrailTest.decision(1, Instant.now()), false).get(5, TimeUnit.SECONDS);
        w.append(AuditTrailTest.decision(2, Instant.now()), false).get(5, TimeUnit.SECONDS);
        assertThat(w.batches()).isEqualTo(2);
    }
}
