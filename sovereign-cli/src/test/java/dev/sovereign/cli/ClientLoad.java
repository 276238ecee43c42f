package dev.sovereign.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Concurrent clients of one gateway: each thread sends, one after the other, Anthropic and OpenAI requests,
 * non-streaming and streaming in turn, until {@link #close()}, and records how each ended (status, request id,
 * error key, or the exception of a request that got no complete answer).
 *
 * <p>Thread-safe: results are read from the test thread while the clients run.
 */
final class ClientLoad implements AutoCloseable {
    /** Long enough for any answer of the fake upstream; a request still waiting then is a hang. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    enum Kind {
        ANTHROPIC(false),
        OPENAI_STREAM(true),
        OPENAI(false),
        ANTHROPIC_STREAM(true);

        final boolean stream;

        Kind(boolean stream) {
            this.stream = stream;
        }
    }

    /**
     * One request: {@code status} 0 and {@code failure} set when no complete answer came (connection refused or
     * reset, a stream cut off, a timeout).
     */
    record Result(
            Kind kind, long startNanos, long endNanos, int status, String requestId, String errorKey, String failure) {
        boolean ok() {
            return status == 200;
        }

        boolean failed() {
            return failure != null;
        }

        Duration took() {
            return Duration.ofNanos(endNanos - startNanos);
        }
    }

    private final String baseUrl;
    private final HttpClient client;
    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;

    private ClientLoad(String baseUrl) {
        this.baseUrl = baseUrl;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Starts {@code threads} clients of the gateway at {@code baseUrl}. */
    static ClientLoad start(String baseUrl, int threads) {
        ClientLoad load = new ClientLoad(baseUrl);
        for (int t = 0; t < threads; t++) {
            int first = t;
            Thread thread = Thread.ofPlatform().name("client-" + t).daemon(true).unstarted(() -> load.run(first));
            load.threads.add(thread);
        }
        load.threads.forEach(Thread::start);
        return load;
    }

    private void run(int first) {
        Kind[] kinds = Kind.values();
        for (int i = first; running; i++) {
            Result r = send(client, baseUrl, kinds[i % kinds.length], "Summarise note " + i + " of the audit test.");
            results.add(r);
            // A gateway that is gone refuses at once: do not spin.
            if (r.failed()) GatewayProcess.pause(20);
        }
    }

    /** Sends one request and waits for the whole answer. */
    static Result send(HttpClient client, String baseUrl, Kind kind, String prompt) {
        HttpRequest request = request(baseUrl, kind, prompt);
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Result(
                    kind,
                    start,
                    System.nanoTime(),
                    r.statusCode(),
                    r.headers().firstValue(GatewayProcess.REQUEST_ID).orElse(null),
                    r.headers().firstValue(GatewayProcess.ERROR).orElse(null),
                    null);
        } catch (HttpTimeoutException e) {
            return new Result(kind, start, System.nanoTime(), 0, null, null, "timeout: " + e.getMessage());
        } catch (IOException e) {
            return new Result(kind, start, System.nanoTime(), 0, null, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(kind, start, System.nanoTime(), 0, null, null, "interrupted");
        }
    }

    static HttpRequest request(String baseUrl, Kind kind, String prompt) {
        String text = "\"" + prompt.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        boolean anthropic = kind == Kind.ANTHROPIC || kind == Kind.ANTHROPIC_STREAM;
        HttpRequest.Builder b;
        if (anthropic) {
            b = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/messages"))
                    .header("anthropic-version", "2023-06-01")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":" + kind.stream
                                    + ",\"messages\":[{\"role\":\"user\",\"content\":" + text + "}]}"));
        } else {
            b = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/chat/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini\",\"stream\":" + kind.stream
                            + ",\"messages\":[{\"role\":\"user\",\"content\":" + text + "}]}"));
        }
        return b.header("content-type", "application/json")
                .timeout(REQUEST_TIMEOUT)
                .build();
    }

    /** Every result so far, in the order the requests ended. */
    List<Result> results() {
        return List.copyOf(results);
    }

    long count(Predicate<Result> which) {
        return results.stream().filter(which).count();
    }

    /** Waits until {@code n} results match {@code which}; fails after {@code timeout} with a summary. */
    void awaitResults(Predicate<Result> which, long n, Duration timeout) {
        await(() -> count(which) >= n, timeout, () -> n + " matching results, clients' " + summary());
    }

    /** Polls {@code condition} every 20 ms until it holds; fails after {@code timeout} naming what it awaited. */
    static void await(BooleanSupplier condition, Duration timeout, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within " + timeout + ": " + what.get());
            GatewayProcess.pause(20);
        }
    }

    /** Counts by status and failure, for messages. */
    String summary() {
        var byOutcome = new java.util.TreeMap<String, Integer>();
        for (Result r : results) {
            String key = r.failed()
                    ? "failed " + r.failure().replaceAll(":.*", "")
                    : r.status() + (r.errorKey() == null ? "" : " " + r.errorKey());
            byOutcome.merge(key, 1, Integer::sum);
        }
        return results.size() + " results " + byOutcome;
    }

    /** Stops the clients after their current request and waits for them. */
    @Override
    public void close() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(REQUEST_TIMEOUT.plusSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (t.isAlive()) throw new AssertionError(t.getName() + " still waits for an answer: " + summary());
        }
        client.close();
    }
}
