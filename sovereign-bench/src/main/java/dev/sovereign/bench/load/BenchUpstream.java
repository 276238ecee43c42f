package dev.sovereign.bench.load;

import dev.sovereign.testing.FakeUpstream;
import dev.sovereign.testing.FakeUpstreamOptions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The {@link FakeUpstream} as a standalone process for load runs, with its request log cleared every
 * second: the fake upstream keeps every request it receives (body included) for test assertions,
 * which under load would grow the heap by gigabytes and skew the figures.
 *
 * <pre>
 * BenchUpstream --port N [--event-loops N] [--chunk-delay-ms N] [--reply-words N]
 * </pre>
 *
 * Prints {@code fake upstream listening on <port>} once it accepts connections, then runs until
 * killed.
 */
public final class BenchUpstream {

    private BenchUpstream() {}

    public static void main(String[] args) throws InterruptedException {
        Flags flags =
                Flags.parse(args, Set.of("--port", "--event-loops", "--chunk-delay-ms", "--reply-words"), Set.of());
        FakeUpstream upstream = FakeUpstream.start(new FakeUpstreamOptions()
                .port(flags.integer("--port", 0))
                .eventLoops(flags.integer("--event-loops", Runtime.getRuntime().availableProcessors()))
                .chunkDelay(Duration.ofMillis(flags.integer("--chunk-delay-ms", 0)))
                .replyWords(flags.integer("--reply-words", 0)));
        Thread cleaner = Thread.ofPlatform()
                .daemon()
                .name("request-log-cleaner")
                .start(() -> {
                    while (true) {
                        try {
                            Thread.sleep(1000);
                        } catch (InterruptedException e) {
                            return;
                        }
                        upstream.reset();
                    }
                });
        Runtime.getRuntime().addShutdownHook(new Thread(upstream::close, "bench-upstream-shutdown"));
        System.out.println("fake upstream listening on " + upstream.port());
        System.out.flush();
        new CountDownLatch(1).await();
        cleaner.interrupt();
    }
}
