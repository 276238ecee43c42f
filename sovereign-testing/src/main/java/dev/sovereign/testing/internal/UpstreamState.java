package dev.sovereign.testing.internal;

import dev.sovereign.testing.FakeUpstreamOptions;
import dev.sovereign.testing.Fault;
import dev.sovereign.testing.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything the event loops of one fake upstream share: the fault queue, the request log, the
 * stream counters and the tunable reply settings.
 *
 * <p>Thread-safety: all methods may be called from any thread. Recording a request and taking its
 * fault happen under one lock, so the n-th recorded request is the one that received the n-th
 * fault.
 */
public final class UpstreamState {

    private final Object lock = new Object();
    private final ArrayDeque<Fault> faults = new ArrayDeque<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final LinkedBlockingQueue<RecordedRequest> untaken = new LinkedBlockingQueue<>();
    private final AtomicInteger openStreams = new AtomicInteger();
    private final AtomicInteger cancelledStreams = new AtomicInteger();
    private final int initialReplyWords;
    private final Duration initialChunkDelay;
    private final String requiredApiKey;
    private final String awsAccessKeyId;
    private final String awsSecretAccessKey;
    private final String bedrockApiKey;
    private final Clock clock;
    private final GoogleTokenRegistry googleTokens;
    private volatile int replyWords;
    private volatile long chunkDelayMillis;

    public UpstreamState(FakeUpstreamOptions options) {
        this.initialReplyWords = options.replyWords();
        this.initialChunkDelay = options.chunkDelay();
        this.requiredApiKey = options.requiredApiKey();
        this.awsAccessKeyId = options.awsAccessKeyId();
        this.awsSecretAccessKey = options.awsSecretAccessKey();
        this.bedrockApiKey = options.bedrockApiKey();
        this.clock = options.clock();
        this.googleTokens = new GoogleTokenRegistry(options.clock());
        this.googleTokens.setLifetime(options.googleTokenLifetime());
        this.replyWords = initialReplyWords;
        this.chunkDelayMillis = toTimerMillis(initialChunkDelay);
    }

    public void enqueue(Fault fault) {
        synchronized (lock) {
            faults.add(java.util.Objects.requireNonNull(fault, "fault"));
        }
    }

    /**
     * Logs a fully read request and hands back the fault it must suffer, or {@code null}. Token exchanges (Google's,
     * Entra's) take no fault: a gateway refreshes its tokens in the background, at times no test controls, and must
     * not take the fault a test queued for its next model call. That holds for a token endpoint under any base path,
     * one this server refuses included (a service account whose {@code token_uri} is {@code <base>/refused/token}
     * keeps retrying in the background).
     */
    public Fault admit(RecordedRequest request) {
        synchronized (lock) {
            requests.add(request);
            untaken.add(request);
            return isTokenExchange(request) ? null : faults.poll();
        }
    }

    private static boolean isTokenExchange(RecordedRequest request) {
        return request.method().equals("POST")
                && (request.path().endsWith(GoogleTokens.PATH) || request.path().endsWith(EntraTokens.SUFFIX));
    }

    public List<RecordedRequest> requests() {
        synchronized (lock) {
            return List.copyOf(requests);
        }
    }

    /** The next not-yet-taken request, or {@code null} when none arrives within the timeout. */
    public RecordedRequest take(Duration timeout) throws InterruptedException {
        return untaken.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Clears faults, records and the cancelled-stream counter and restores the reply settings. The
     * open-stream gauge is live and is not reset: streams in flight still end and decrement it.
     */
    public void reset() {
        synchronized (lock) {
            faults.clear();
            requests.clear();
            untaken.clear();
            cancelledStreams.set(0);
            replyWords = initialReplyWords;
            chunkDelayMillis = toTimerMillis(initialChunkDelay);
        }
    }

    public void streamOpened() {
        openStreams.incrementAndGet();
    }

    public void streamEnded(boolean cancelledByClient) {
        openStreams.decrementAndGet();
        if (cancelledByClient) {
            cancelledStreams.incrementAndGet();
        }
    }

    public int openStreams() {
        return openStreams.get();
    }

    public int cancelledStreams() {
        return cancelledStreams.get();
    }

    public void setReplyWords(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("reply words must be >= 0 (0 = echo), was " + n);
        }
        replyWords = n;
    }

    /** Words per answer, or 0 for the echo reply. */
    public int replyWords() {
        return replyWords;
    }

    public void setChunkDelay(Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("chunk delay must be a non-negative duration, was " + d);
        }
        chunkDelayMillis = toTimerMillis(d);
    }

    /** The delay between stream events in whole milliseconds (a positive delay is at least 1 ms). */
    public long chunkDelayMillis() {
        return chunkDelayMillis;
    }

    /** The only accepted API key, or {@code null} for any non-empty key. */
    public String requiredApiKey() {
        return requiredApiKey;
    }

    /** The access key id whose SigV4 signatures Bedrock paths accept. */
    public String awsAccessKeyId() {
        return awsAccessKeyId;
    }

    public String awsSecretAccessKey() {
        return awsSecretAccessKey;
    }

    /** The Bedrock API key Bedrock paths accept as a bearer token, or {@code null} for none. */
    public String bedrockApiKey() {
        return bedrockApiKey;
    }

    public Clock clock() {
        return clock;
    }

    /** The Google access tokens this server issued (Vertex AI mode). */
    public GoogleTokenRegistry googleTokens() {
        return googleTokens;
    }

    /** Vert.x timers take whole milliseconds >= 1; a positive duration is never rounded to zero. */
    public static long toTimerMillis(Duration d) {
        if (d.isZero()) {
            return 0;
        }
        return Math.max(1, d.toMillis());
    }
}
