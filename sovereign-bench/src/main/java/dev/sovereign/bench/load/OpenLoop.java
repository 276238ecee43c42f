package dev.sovereign.bench.load;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * An open-loop HTTP load generator: sends POST requests at a fixed rate whatever the server does,
 * and measures each latency from the request's <em>scheduled</em> send time, so that a stalled
 * server is charged for every request it delayed (no coordinated omission, unlike wrk).
 *
 * <p>Non-streaming, the latency ends when the whole response body has arrived. Streaming ({@code
 * --stream}), it records the time to first token (the first body bytes of the SSE stream) and the
 * time to the end of the stream, and checks that the stream ended with {@code data: [DONE]}.
 *
 * <pre>
 * OpenLoop --url URL [--label L] [--rate 1000] [--duration-s 20] [--warmup-s 5] [--connections 64]
 *          [--body-bytes 2048] [--model gpt-4o-mini] [--stream] [--header "name: value"]...
 *          [--metrics-url URL --metrics-before FILE --metrics-after FILE]
 * </pre>
 *
 * Prints one {@code RESULT} line of {@code key=value} pairs (latencies in milliseconds). With {@code --metrics-url},
 * it saves that page (the server's Prometheus metrics) when the measured part starts, without holding up the
 * sends, and again once the last response has arrived: the server's own counters over the same window as the
 * latencies, warm-up left out.
 *
 * <p>Threading: one scheduler thread paces the sends and hands each to the client's single event
 * loop, where all responses are handled; histograms are {@link Recorder}s, safe across threads.
 */
public final class OpenLoop {

    /** What to send, how fast and for how long. */
    public record Settings(
            String url,
            String label,
            int rate,
            int durationSeconds,
            int warmupSeconds,
            int connections,
            int bodyBytes,
            String model,
            boolean stream,
            List<String> headers,
            Scrape scrape) {}

    /** Where to fetch the server's metrics from and where to save them, before and after the measured part. */
    public record Scrape(URI url, Path before, Path after) {}

    /** The outcome of a run; latency histograms are in microseconds. */
    public record Result(Settings settings, long sent, long ok, long errors, Histogram latency, Histogram ttft) {

        /** The {@code RESULT key=value ...} line. */
        public String line() {
            StringBuilder b = new StringBuilder("RESULT label=")
                    .append(settings.label())
                    .append(" rate=")
                    .append(settings.rate())
                    .append(" stream=")
                    .append(settings.stream())
                    .append(" sent=")
                    .append(sent)
                    .append(" ok=")
                    .append(ok)
                    .append(" errors=")
                    .append(errors);
            if (ttft != null) {
                append(b, "ttft_", ttft);
            }
            append(b, settings.stream() ? "total_" : "", latency);
            return b.toString();
        }

        private static void append(StringBuilder b, String prefix, Histogram h) {
            b.append(' ').append(prefix).append("p50_ms=").append(ms(h.getValueAtPercentile(50)));
            b.append(' ').append(prefix).append("p90_ms=").append(ms(h.getValueAtPercentile(90)));
            b.append(' ').append(prefix).append("p99_ms=").append(ms(h.getValueAtPercentile(99)));
            b.append(' ').append(prefix).append("p999_ms=").append(ms(h.getValueAtPercentile(99.9)));
            b.append(' ').append(prefix).append("max_ms=").append(ms(h.getMaxValue()));
        }

        private static String ms(long micros) {
            return String.format(Locale.ROOT, "%.3f", micros / 1000.0);
        }
    }

    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(5);

    private OpenLoop() {}

    public static void main(String[] args) throws InterruptedException {
        Flags f = Flags.parse(
                args,
                Set.of(
                        "--url",
                        "--label",
                        "--rate",
                        "--duration-s",
                        "--warmup-s",
                        "--connections",
                        "--body-bytes",
                        "--model",
                        "--header",
                        "--metrics-url",
                        "--metrics-before",
                        "--metrics-after"),
                Set.of("--stream"));
        Settings settings = new Settings(
                f.required("--url"),
                f.string("--label", "run"),
                f.integer("--rate", 1000),
                f.integer("--duration-s", 20),
                f.integer("--warmup-s", 5),
                f.integer("--connections", 64),
                f.integer("--body-bytes", 2048),
                f.string("--model", "gpt-4o-mini"),
                f.on("--stream"),
                f.all("--header"),
                f.string("--metrics-url", null) == null
                        ? null
                        : new Scrape(
                                URI.create(f.string("--metrics-url", null)),
                                Path.of(f.required("--metrics-before")),
                                Path.of(f.required("--metrics-after"))));
        Result result = run(settings);
        System.out.println(result.line());
        System.exit(result.errors() == 0 ? 0 : 1);
    }

    /** Runs the load and waits (up to 30 s) for the requests in flight before returning. */
    public static Result run(Settings s) throws InterruptedException {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try {
            return new Run(vertx, s).execute();
        } finally {
            vertx.close();
        }
    }

    /** The state of one run, shared by the scheduler thread and the event loop. */
    private static final class Run {
        private final Settings s;
        private final HttpClient client;
        private final RequestOptions request;
        private final Buffer body;
        private final Context context;
        private final Recorder latency = new Recorder(MAX_MICROS, 3);
        private final Recorder ttft = new Recorder(MAX_MICROS, 3);
        private final AtomicLong ok = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        private final AtomicLong loggedErrors = new AtomicLong();
        private final java.net.http.HttpClient scrapes;
        private CountDownLatch done;

        Run(Vertx vertx, Settings s) {
            this.s = s;
            this.client = vertx.httpClientBuilder()
                    .with(new HttpClientOptions()
                            .setKeepAlive(true)
                            .setTcpNoDelay(true)
                            // Shorter than the server's own keep-alive (the gateway's 60 s, nginx's 75 s): a client
                            // that keeps an idle connection as long as the server may send on it as it closes.
                            .setKeepAliveTimeout(30))
                    .with(new PoolOptions().setHttp1MaxSize(s.connections()).setMaxWaitQueueSize(-1))
                    .build();
            this.request = new RequestOptions()
                    .setMethod(HttpMethod.POST)
                    .setAbsoluteURI(s.url())
                    .putHeader("content-type", "application/json")
                    .putHeader("authorization", "Bearer sk-bench");
            for (String header : s.headers()) {
                int colon = header.indexOf(':');
                if (colon < 1) {
                    throw new IllegalArgumentException("--header needs 'name: value', got '" + header + "'");
                }
                request.putHeader(
                        header.substring(0, colon).trim(),
                        header.substring(colon + 1).trim());
            }
            this.body = Buffer.buffer(ChatBodies.chat(s.model(), s.stream(), s.bodyBytes()));
            this.context = vertx.getOrCreateContext();
            this.scrapes = s.scrape() == null ? null : java.net.http.HttpClient.newHttpClient();
        }

        Result execute() throws InterruptedException {
            long total = (long) s.rate() * (s.warmupSeconds() + s.durationSeconds());
            long measuredFrom = (long) s.rate() * s.warmupSeconds();
            done = new CountDownLatch((int) total);
            long intervalNanos = TimeUnit.SECONDS.toNanos(1) / s.rate();
            if (s.scrape() != null) {
                // Opens the scrape's connection and starts the client's threads now, so that the scrape when the
                // measured part starts is sent at once rather than tens of milliseconds late.
                try {
                    scrapes.send(HttpRequest.newBuilder(s.scrape().url()).build(), BodyHandlers.discarding());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + s.scrape().url() + ": " + e.getMessage(), e);
                }
            }
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
            CompletableFuture<?> before = CompletableFuture.completedFuture(null);
            for (long i = 0; i < total; i++) {
                if (i == measuredFrom && s.scrape() != null)
                    before = scrape(s.scrape().before());
                long scheduled = start + i * intervalNanos;
                long wait;
                while ((wait = scheduled - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                boolean measured = i >= measuredFrom;
                context.runOnContext(v -> send(scheduled, measured));
            }
            if (!done.await(30, TimeUnit.SECONDS)) {
                System.err.println(s.label() + ": " + done.getCount() + " requests still in flight after 30 s");
                errors.addAndGet(done.getCount());
            }
            if (s.scrape() != null) {
                before.join();
                scrape(s.scrape().after()).join();
            }
            return new Result(
                    s,
                    total,
                    ok.get(),
                    errors.get(),
                    latency.getIntervalHistogram(),
                    s.stream() ? ttft.getIntervalHistogram() : null);
        }

        /** Saves the metrics page to {@code file}, on the HTTP client's own threads. */
        private CompletableFuture<?> scrape(Path file) {
            return scrapes.sendAsync(HttpRequest.newBuilder(s.scrape().url()).build(), BodyHandlers.ofFile(file))
                    .thenAccept(resp -> {
                        if (resp.statusCode() != 200) {
                            throw new IllegalStateException(s.scrape().url() + " answered " + resp.statusCode());
                        }
                    });
        }

        private void send(long scheduled, boolean measured) {
            client.request(request)
                    .compose(req -> req.send(body))
                    .onSuccess(resp -> {
                        Exchange ex = new Exchange(scheduled, measured, resp);
                        resp.handler(ex::chunk);
                        resp.exceptionHandler(e -> ex.failure = e.toString());
                        resp.endHandler(v -> ex.end());
                    })
                    .onFailure(e -> {
                        errors.incrementAndGet();
                        logError(s.label() + ": " + e);
                        done.countDown();
                    });
        }

        private void logError(String message) {
            if (loggedErrors.incrementAndGet() <= 5) {
                System.err.println(message);
            }
        }

        /** One response being read, on the event loop. */
        private final class Exchange {
            private final long scheduled;
            private final boolean measured;
            private final HttpClientResponse resp;
            private final StringBuilder tail = new StringBuilder();
            private boolean first = true;
            private String failure;

            Exchange(long scheduled, boolean measured, HttpClientResponse resp) {
                this.scheduled = scheduled;
                this.measured = measured;
                this.resp = resp;
            }

            void chunk(Buffer chunk) {
                if (first && chunk.length() > 0) {
                    first = false;
                    if (s.stream() && measured) {
                        ttft.recordValue(Math.min(MAX_MICROS, (System.nanoTime() - scheduled) / 1000));
                    }
                }
                tail.append(chunk.toString(StandardCharsets.UTF_8));
                if (tail.length() > 512) {
                    tail.delete(0, tail.length() - 128);
                }
            }

            void end() {
                long micros = (System.nanoTime() - scheduled) / 1000;
                String text = tail.toString().strip();
                boolean good = resp.statusCode() == 200
                        && failure == null
                        && (s.stream() ? text.contains("[DONE]") : text.endsWith("}"));
                if (good) {
                    ok.incrementAndGet();
                    if (measured) {
                        latency.recordValue(Math.min(MAX_MICROS, micros));
                    }
                } else {
                    errors.incrementAndGet();
                    logError(s.label() + ": status " + resp.statusCode() + (failure == null ? "" : " " + failure)
                            + " body tail: " + text);
                }
                done.countDown();
            }
        }
    }
}
