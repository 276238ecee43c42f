package dev.sovereign.bench.load;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Holds many slow streams open at once: opens {@code --streams} streaming chat completions, one
 * connection each, spread over {@code --ramp-s} seconds, and waits until all have ended. A stream
 * succeeds when it answers 200 and ends with {@code data: [DONE]}. Every second it samples the
 * resident memory ({@code VmRSS}, {@code VmHWM} in {@code /proc/<pid>/status}) of the process
 * {@code --watch-pid}, typically the gateway.
 *
 * <pre>
 * StreamSoak --url URL [--streams 1000] [--ramp-s 2] [--timeout-s 120] [--body-bytes 2048]
 *            [--model gpt-4o-mini] [--watch-pid PID]
 * </pre>
 *
 * Prints {@code SAMPLE} lines while it runs and one {@code RESULT} line at the end; exits 1 when a
 * stream failed.
 */
public final class StreamSoak {

    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

    private StreamSoak() {}

    public static void main(String[] args) throws InterruptedException {
        Flags f = Flags.parse(
                args,
                Set.of("--url", "--streams", "--ramp-s", "--timeout-s", "--body-bytes", "--model", "--watch-pid"),
                Set.of());
        String url = f.required("--url");
        int streams = f.integer("--streams", 1000);
        int rampSeconds = f.integer("--ramp-s", 2);
        int timeoutSeconds = f.integer("--timeout-s", 120);
        String pid = f.string("--watch-pid", null);
        Buffer body = Buffer.buffer(
                ChatBodies.chat(f.string("--model", "gpt-4o-mini"), true, f.integer("--body-bytes", 2048)));

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        HttpClient client = vertx.httpClientBuilder()
                .with(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true))
                .with(new PoolOptions().setHttp1MaxSize(streams).setMaxWaitQueueSize(-1))
                .build();
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(url)
                .putHeader("content-type", "application/json")
                .putHeader("authorization", "Bearer sk-bench");

        AtomicInteger open = new AtomicInteger();
        AtomicInteger maxOpen = new AtomicInteger();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Recorder ttft = new Recorder(MAX_MICROS, 3);
        Recorder duration = new Recorder(MAX_MICROS, 3);
        CountDownLatch done = new CountDownLatch(streams);
        long rssPeak = 0;
        long started = System.nanoTime();
        long gapNanos = TimeUnit.SECONDS.toNanos(Math.max(0, rampSeconds)) / streams;
        Thread opener = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < streams; i++) {
                long scheduled = started + i * gapNanos;
                long wait;
                while ((wait = scheduled - System.nanoTime()) > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                long sent = System.nanoTime();
                client.request(request)
                        .compose(req -> req.send(body))
                        .onSuccess(resp -> {
                            maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                            StringBuilder tail = new StringBuilder();
                            boolean[] first = {true};
                            resp.handler(chunk -> {
                                if (first[0]) {
                                    first[0] = false;
                                    ttft.recordValue(Math.min(MAX_MICROS, (System.nanoTime() - sent) / 1000));
                                }
                                tail.append(chunk.toString(StandardCharsets.UTF_8));
                                if (tail.length() > 512) {
                                    tail.delete(0, tail.length() - 128);
                                }
                            });
                            resp.exceptionHandler(e -> {
                                open.decrementAndGet();
                                if (failed.incrementAndGet() <= 5) {
                                    System.err.println("stream failed: " + e);
                                }
                                done.countDown();
                            });
                            resp.endHandler(v -> {
                                open.decrementAndGet();
                                if (resp.statusCode() == 200 && tail.toString().contains("[DONE]")) {
                                    ok.incrementAndGet();
                                    duration.recordValue(Math.min(MAX_MICROS, (System.nanoTime() - sent) / 1000));
                                } else if (failed.incrementAndGet() <= 5) {
                                    System.err.println("stream status " + resp.statusCode() + " tail " + tail);
                                }
                                done.countDown();
                            });
                        })
                        .onFailure(e -> {
                            if (failed.incrementAndGet() <= 5) {
                                System.err.println("request failed: " + e);
                            }
                            done.countDown();
                        });
            }
        });

        long deadline = started + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!done.await(1, TimeUnit.SECONDS) && System.nanoTime() < deadline) {
            Memory mem = memory(pid);
            rssPeak = Math.max(rssPeak, mem.rssKib());
            System.out.printf(
                    "SAMPLE t_s=%d open=%d ok=%d failed=%d %s%n",
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started),
                    open.get(),
                    ok.get(),
                    failed.get(),
                    mem);
        }
        opener.join();
        long unfinished = done.getCount();
        Memory after = memory(pid);
        Histogram t = ttft.getIntervalHistogram();
        Histogram d = duration.getIntervalHistogram();
        System.out.printf(
                java.util.Locale.ROOT,
                "RESULT streams=%d ok=%d failed=%d unfinished=%d max_open=%d ttft_p50_ms=%.1f ttft_p99_ms=%.1f"
                        + " ttft_max_ms=%.1f duration_p50_s=%.2f duration_max_s=%.2f during_rss_peak_kib=%d after %s%n",
                streams,
                ok.get(),
                failed.get(),
                unfinished,
                maxOpen.get(),
                t.getValueAtPercentile(50) / 1000.0,
                t.getValueAtPercentile(99) / 1000.0,
                t.getMaxValue() / 1000.0,
                d.getValueAtPercentile(50) / 1e6,
                d.getMaxValue() / 1e6,
                rssPeak,
                after);
        vertx.close();
        System.exit(ok.get() == streams ? 0 : 1);
    }

    /** Resident memory of a process, in KiB; zeros when unknown. */
    record Memory(long rssKib, long hwmKib) {
        @Override
        public String toString() {
            return "rss_kib=" + rssKib + " hwm_kib=" + hwmKib;
        }
    }

    /** {@code VmRSS} and {@code VmHWM} of process {@code pid} from {@code /proc/<pid>/status}. */
    static Memory memory(String pid) {
        if (pid == null) {
            return new Memory(0, 0);
        }
        long rss = 0;
        long hwm = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kib(line);
                }
            }
        } catch (IOException e) {
            System.err.println("cannot read memory of " + pid + ": " + e.getMessage());
        }
        return new Memory(rss, hwm);
    }

    /** The number in a line such as {@code VmRSS:   123456 kB}. */
    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
