package dev.sovereign.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * What hostile clients do to a running gateway (another process, named by its pid), and whether it stays bounded:
 *
 * <ol>
 *   <li><b>stalled bodies</b>: {@code --stalled} connections each announce a {@code --body-mb} MB chat request and send
 *       all of it but its last byte, then stall for {@code --hold-s} seconds;
 *   <li><b>idle connections</b>: {@code --idle} connections opened and left silent for {@code --hold-s} seconds.
 * </ol>
 *
 * Throughout, a probe opens a new connection every 50 ms for {@code GET /healthz} (as an orchestrator's liveness
 * check does) and records how long the answer takes; the gateway's resident memory is read from {@code
 * /proc/<pid>/status} every 250 ms. One {@code RESULT} line per phase: how many connections were answered (and
 * how), how many the gateway closed, resident memory before, at most and {@code --after-s} after the stalled
 * clients went, and the probe's latencies.
 *
 * <pre>
 * HostileClients --port 18081 --pid 1234 [--stalled 200] [--body-mb 30] [--idle 19000] [--hold-s 20] [--after-s 40]
 *                [--phases stalled,idle]
 * </pre>
 */
public final class HostileClients {
    private final int port;
    private final long pid;
    /** How long after the clients went the memory is read again. */
    private int afterSeconds = 40;

    private HostileClients(int port, long pid) {
        this.port = port;
        this.pid = pid;
    }

    public static void main(String[] args) throws Exception {
        Flags f = Flags.parse(
                args,
                Set.of("--port", "--pid", "--stalled", "--body-mb", "--idle", "--hold-s", "--after-s", "--phases"),
                Set.of());
        HostileClients h =
                new HostileClients(Integer.parseInt(f.required("--port")), Long.parseLong(f.required("--pid")));
        int hold = f.integer("--hold-s", 20);
        h.afterSeconds = f.integer("--after-s", 40);
        String phases = f.string("--phases", "stalled,idle");
        if (phases.contains("stalled"))
            System.out.println(h.stalled(f.integer("--stalled", 200), f.integer("--body-mb", 30), hold));
        if (phases.contains("idle")) System.out.println(h.idle(f.integer("--idle", 19_000), hold));
    }

    /** Probes {@code /healthz} on new connections and samples the gateway's RSS until stopped. */
    private final class Watch implements AutoCloseable {
        final Histogram probe = new Histogram(60_000_000_000L, 3);
        final AtomicLong maxRssKb = new AtomicLong();
        final AtomicInteger probeFailures = new AtomicInteger();
        final ExecutorService threads = Executors.newFixedThreadPool(2);
        volatile boolean running = true;

        Watch() {
            threads.execute(() -> {
                while (running) {
                    long t0 = System.nanoTime();
                    if (!healthz()) probeFailures.incrementAndGet();
                    probe.recordValue(System.nanoTime() - t0);
                    sleep(50);
                }
            });
            threads.execute(() -> {
                while (running) {
                    maxRssKb.accumulateAndGet(rssKb(), Math::max);
                    sleep(250);
                }
            });
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            threads.shutdown();
            threads.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    String stalled(int connections, int bodyMb, int holdSeconds) throws Exception {
        long before = rssKb();
        long bodyBytes = bodyMb * 1024L * 1024L;
        List<Socket> sockets = new ArrayList<>();
        AtomicInteger answered503 = new AtomicInteger();
        AtomicInteger answeredOther = new AtomicInteger();
        AtomicInteger sendFailed = new AtomicInteger();
        AtomicInteger stalledOpen = new AtomicInteger();
        try (Watch watch = new Watch()) {
            ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
            for (int i = 0; i < connections; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                sockets.add(s);
                senders.execute(() -> {
                    try {
                        OutputStream out = s.getOutputStream();
                        out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type:"
                                        + " application/json\r\nContent-Length: " + bodyBytes + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        byte[] chunk = new byte[64 * 1024];
                        java.util.Arrays.fill(chunk, (byte) ' ');
                        chunk[0] = '{';
                        long sent = 0;
                        while (sent < bodyBytes - 1) {
                            int n = (int) Math.min(chunk.length, bodyBytes - 1 - sent);
                            out.write(chunk, 0, n);
                            chunk[0] = ' ';
                            sent += n;
                        }
                        out.flush();
                    } catch (IOException e) {
                        sendFailed.incrementAndGet(); // the gateway refused and closed before the body was sent
                    }
                });
            }
            senders.shutdown();
            senders.awaitTermination(holdSeconds, TimeUnit.SECONDS);
            sleep(holdSeconds * 1000L);
            for (Socket s : sockets) {
                String status = statusIfAnswered(s);
                if (status == null) stalledOpen.incrementAndGet();
                else if (status.startsWith("503")) answered503.incrementAndGet();
                else answeredOther.incrementAndGet();
            }
            for (Socket s : sockets) s.close();
            sleep(afterSeconds * 1000L);
            long after = rssKb();
            return String.format(
                    Locale.ROOT,
                    "RESULT phase=stalled connections=%d body_mb=%d hold_s=%d answered_503=%d answered_other=%d"
                            + " still_open_unanswered=%d send_failed=%d rss_before_mb=%d rss_max_mb=%d"
                            + " rss_growth_mb=%d after_s=%d rss_after_mb=%d %s",
                    connections,
                    bodyMb,
                    holdSeconds,
                    answered503.get(),
                    answeredOther.get(),
                    stalledOpen.get(),
                    sendFailed.get(),
                    before / 1024,
                    Math.max(watch.maxRssKb.get(), before) / 1024,
                    (Math.max(watch.maxRssKb.get(), before) - before) / 1024,
                    afterSeconds,
                    after / 1024,
                    probes(watch));
        }
    }

    String idle(int connections, int holdSeconds) throws Exception {
        long before = rssKb();
        List<SocketChannel> channels = new ArrayList<>();
        int connectFailed = 0;
        String firstFailure = null;
        try (Watch watch = new Watch()) {
            for (int i = 0; i < connections; i++) {
                try {
                    SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                    c.configureBlocking(false);
                    channels.add(c);
                } catch (IOException e) {
                    connectFailed++;
                    if (firstFailure == null) firstFailure = e.toString();
                }
            }
            long opened = System.nanoTime();
            int closedByGateway = 0;
            long lastClose = 0;
            ByteBuffer buf = ByteBuffer.allocate(4096);
            long until = opened + holdSeconds * 1_000_000_000L;
            boolean[] closed = new boolean[channels.size()];
            while (System.nanoTime() < until) {
                for (int i = 0; i < channels.size(); i++) {
                    if (closed[i]) continue;
                    buf.clear();
                    int n;
                    try {
                        n = channels.get(i).read(buf);
                    } catch (IOException e) {
                        n = -1;
                    }
                    if (n < 0) {
                        closed[i] = true;
                        closedByGateway++;
                        lastClose = System.nanoTime();
                    }
                }
                sleep(200);
            }
            for (SocketChannel c : channels) c.close();
            sleep(5_000);
            long after = rssKb();
            return String.format(
                    Locale.ROOT,
                    "RESULT phase=idle connections=%d opened=%d connect_failed=%d closed_by_gateway=%d"
                            + " last_close_after_s=%.1f hold_s=%d rss_before_mb=%d rss_max_mb=%d rss_5s_after_mb=%d %s%s",
                    connections,
                    channels.size(),
                    connectFailed,
                    closedByGateway,
                    lastClose == 0 ? 0.0 : (lastClose - opened) / 1e9,
                    holdSeconds,
                    before / 1024,
                    Math.max(watch.maxRssKb.get(), before) / 1024,
                    after / 1024,
                    probes(watch),
                    firstFailure == null ? "" : " first_connect_failure=\"" + firstFailure + "\"");
        }
    }

    private static String probes(Watch w) {
        Histogram h = w.probe;
        return String.format(
                Locale.ROOT,
                "healthz_probes=%d healthz_failed=%d healthz_p50_ms=%.2f healthz_p99_ms=%.2f healthz_max_ms=%.2f",
                h.getTotalCount(),
                w.probeFailures.get(),
                h.getValueAtPercentile(50) / 1e6,
                h.getValueAtPercentile(99) / 1e6,
                h.getMaxValue() / 1e6);
    }

    /** One liveness probe on a new connection; true when it answered 200 within 10 s. */
    private boolean healthz() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            s.setSoTimeout(10_000);
            s.getOutputStream()
                    .write("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            return answer.startsWith("HTTP/1.1 200");
        } catch (IOException e) {
            return false;
        }
    }

    /** The status of an answer the gateway already sent on {@code s}, or null when it sent none. */
    private static String statusIfAnswered(Socket s) {
        try {
            s.setSoTimeout(200);
            InputStream in = s.getInputStream();
            byte[] head = new byte[12];
            int n = in.readNBytes(head, 0, head.length);
            if (n < 12) return n <= 0 ? "closed" : "short";
            return new String(head, 9, 3, StandardCharsets.US_ASCII);
        } catch (java.net.SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            return "closed";
        }
    }

    private long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
