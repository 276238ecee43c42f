package dev.sovereign.testing;

import dev.sovereign.testing.internal.UpstreamState;
import dev.sovereign.testing.internal.UpstreamVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A fake LLM provider that speaks the real Anthropic Messages and OpenAI Chat Completions /
 * Embeddings wire formats (JSON and SSE), with scripted faults, for tests over real sockets and
 * for load benchmarks.
 *
 * <p>Endpoints: {@code POST /v1/messages}, {@code POST /v1/messages/count_tokens}, {@code POST
 * /v1/chat/completions}, {@code POST /v1/embeddings}, {@code GET /v1/models}, {@code GET
 * /v1/models/{id}}; Claude on Bedrock: {@code POST /model/{modelId}/invoke} and {@code
 * /invoke-with-response-stream}, which check SigV4 signatures (made with {@link
 * FakeUpstreamOptions#awsCredentials}) or a Bedrock API key, and stream AWS event-stream frames. Beside them, the
 * other providers' wire formats: Claude on Vertex AI ({@code
 * /v1/projects/{p}/locations/{l}/publishers/anthropic/models/{m}:rawPredict} and {@code :streamRawPredict},
 * bearer tokens from Google's service-account token endpoint at {@code POST /token}: a service account key
 * whose {@code token_uri} is {@code <base>/token}), Azure OpenAI ({@code /openai/deployments/{d}/...?api-version=}
 * and {@code /openai/v1/...}, with {@code api-key} or an Entra token from Entra's workload-identity token
 * endpoint at {@code POST /{tenant}/oauth2/v2.0/token}, and content-filter annotations) and Mistral ({@code
 * /mistral/v1/chat/completions}, refusing unknown fields with 422). Answers echo the last user message ({@code "Echo: <text>"}) or, after {@link
 * #setReplyWords}, are n "lorem ipsum" words; with tools declared and "weather" in the final user
 * message, the first tool is called with {@code {"location": "Paris"}}.
 *
 * <p>Threading: the server runs on its own Vert.x instance with {@link
 * FakeUpstreamOptions#eventLoops()} event loops; every public method is thread-safe and may be
 * called from a test thread while requests are in flight.
 */
public final class FakeUpstream implements AutoCloseable {

    /** The AWS access key id whose signatures the Bedrock endpoints accept by default. */
    public static final String AWS_ACCESS_KEY_ID = "AKIAFAKEUPSTREAM0001";

    /** The secret access key of {@link #AWS_ACCESS_KEY_ID}; a test value, never a real one. */
    public static final String AWS_SECRET_ACCESS_KEY = "fake-upstream/secret+access+key/0000000000";

    private static final long START_TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final UpstreamState state;
    private final String host;
    private final int port;

    private FakeUpstream(Vertx vertx, UpstreamState state, String host, int port) {
        this.vertx = vertx;
        this.state = state;
        this.host = host;
        this.port = port;
    }

    /** Starts on 127.0.0.1 and a random free port, with the default options. */
    public static FakeUpstream start() {
        return start(new FakeUpstreamOptions());
    }

    /**
     * Starts a server with these options and returns once it listens.
     *
     * @throws IllegalStateException when the server cannot bind or start in time
     */
    public static FakeUpstream start(FakeUpstreamOptions options) {
        UpstreamState state = new UpstreamState(options);
        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(options.eventLoops())
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        try {
            // One deployment of N instances sharing the listening socket. Port 0 would give each
            // instance its own random port; a negative port is Vert.x's "one shared random port".
            int requested = options.port() == 0 ? -1 : options.port();
            Set<Integer> bound = ConcurrentHashMap.newKeySet();
            await(vertx.deployVerticle(
                    () -> new UpstreamVerticle(state, options.host(), requested, bound::add),
                    new DeploymentOptions().setInstances(options.eventLoops())));
            if (bound.size() != 1) {
                throw new IllegalStateException("server instances bound different ports: " + bound);
            }
            int port = bound.iterator().next();
            return new FakeUpstream(vertx, state, options.host(), port);
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /** {@code http://<host>:<port>}, without {@code /v1}. */
    public String baseUrl() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** Queues a fault: the next request not yet answered, whatever its path, suffers it (FIFO). */
    public void enqueue(Fault fault) {
        state.enqueue(fault);
    }

    /** Every request received so far (since the last {@link #reset}), in arrival order; a snapshot. */
    public List<RecordedRequest> requests() {
        return state.requests();
    }

    /**
     * Blocks until the next request not taken yet arrives, and takes it.
     *
     * @throws AssertionError when none arrives within {@code timeout}, or the thread is interrupted
     */
    public RecordedRequest takeRequest(Duration timeout) {
        try {
            RecordedRequest request = state.take(timeout);
            if (request == null) {
                throw new AssertionError("no request reached the fake upstream within " + timeout);
            }
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a request", e);
        }
    }

    /** Streaming responses currently being written. */
    public int openStreams() {
        return state.openStreams();
    }

    /** Streams whose client closed the connection before the stream ended (since the last reset). */
    public int cancelledStreams() {
        return state.cancelledStreams();
    }

    /**
     * Clears queued faults, recorded requests and the cancelled-stream count, and restores reply
     * words and chunk delay to the start options. {@link #openStreams()} is a live gauge and is kept.
     */
    public void reset() {
        state.reset();
    }

    /** Makes every answer exactly {@code n} words of "lorem ipsum ..."; 0 restores the echo answer. */
    public void setReplyWords(int n) {
        state.setReplyWords(n);
    }

    /** Waits {@code d} between stream events (timers, not sleeping threads); zero for none. */
    public void setChunkDelay(Duration d) {
        state.setChunkDelay(d);
    }

    /** How long the Google access tokens issued from now on live (default one hour). */
    public void setGoogleTokenLifetime(Duration lifetime) {
        state.googleTokens().setLifetime(lifetime);
    }

    /** Google access tokens issued by {@code POST /token} since start. */
    public int googleTokensIssued() {
        return state.googleTokens().issuedCount();
    }

    /** Makes every Google access token issued so far invalid: Vertex AI paths answer 401 to them. */
    public void revokeGoogleTokens() {
        state.googleTokens().revokeAll();
    }

    /** Stops the server and its Vert.x instance, dropping open connections. Idempotent. */
    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("fake upstream on port " + port + " did not stop cleanly", e);
        }
    }

    @Override
    public String toString() {
        return "FakeUpstream[" + baseUrl() + "]";
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the fake upstream", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("fake upstream failed to start: " + cause.getMessage(), cause);
        }
    }
}
