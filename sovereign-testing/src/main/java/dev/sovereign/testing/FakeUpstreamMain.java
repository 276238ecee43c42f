package dev.sovereign.testing;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link FakeUpstream} as a standalone process, for load benchmarks.
 *
 * <pre>
 * java -cp ... dev.sovereign.testing.FakeUpstreamMain --port N [--host H] [--event-loops N]
 *      [--chunk-delay-ms N] [--reply-words N] [--api-key KEY]
 * </pre>
 *
 * Prints {@code fake upstream listening on <port>} to stdout once it accepts connections, then runs
 * until killed. {@code --port 0} picks a free port (the printed one). {@code --event-loops}
 * defaults to the number of processors.
 */
public final class FakeUpstreamMain {

    private FakeUpstreamMain() {}

    public static void main(String[] args) throws InterruptedException {
        FakeUpstream upstream;
        try {
            upstream = run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: FakeUpstreamMain --port N [--host H] [--event-loops N] [--chunk-delay-ms N]"
                    + " [--reply-words N] [--api-key KEY]");
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(upstream::close, "fake-upstream-shutdown"));
        new CountDownLatch(1).await();
    }

    /**
     * Parses the arguments, starts the server and prints the listening line to {@code out}.
     *
     * @throws IllegalArgumentException on an unknown option or a bad value, naming it
     */
    static FakeUpstream run(String[] args, PrintStream out) {
        FakeUpstreamOptions options =
                new FakeUpstreamOptions().eventLoops(Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> options.port(integer(option, value));
                case "--host" -> options.host(value);
                case "--event-loops" -> options.eventLoops(integer(option, value));
                case "--chunk-delay-ms" -> options.chunkDelay(Duration.ofMillis(integer(option, value)));
                case "--reply-words" -> options.replyWords(integer(option, value));
                case "--api-key" -> options.requiredApiKey(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        FakeUpstream upstream = FakeUpstream.start(options);
        out.println("fake upstream listening on " + upstream.port());
        out.flush();
        return upstream;
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs an integer, got '" + value + "'");
        }
    }
}
