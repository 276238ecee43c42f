package dev.sovereign.testing;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings for {@link FakeUpstream#start(FakeUpstreamOptions)}, in the fluent style of Vert.x
 * options: each setter validates its argument, changes this instance and returns it. {@link
 * FakeUpstream#start(FakeUpstreamOptions)} copies the values, so later changes do not affect a
 * running server. Not thread-safe.
 */
public final class FakeUpstreamOptions {

    private String host = "127.0.0.1";
    private int port = 0;
    private int eventLoops = 2;
    private String requiredApiKey;
    private Clock clock = Clock.systemUTC();
    private int replyWords = 0;
    private Duration chunkDelay = Duration.ZERO;
    private String awsAccessKeyId = FakeUpstream.AWS_ACCESS_KEY_ID;
    private String awsSecretAccessKey = FakeUpstream.AWS_SECRET_ACCESS_KEY;
    private String bedrockApiKey;
    private Duration googleTokenLifetime = Duration.ofHours(1);

    public FakeUpstreamOptions() {}

    /** A fresh instance with the defaults: 127.0.0.1, a random free port, 2 event loops, any key. */
    public static FakeUpstreamOptions defaults() {
        return new FakeUpstreamOptions();
    }

    /** The port to listen on; 0 (the default) picks a free one. */
    public FakeUpstreamOptions port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, was " + port);
        }
        this.port = port;
        return this;
    }

    /** The interface to bind; default {@code 127.0.0.1}. */
    public FakeUpstreamOptions host(String host) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        this.host = host;
        return this;
    }

    /** How many event loops (and server verticle instances) serve requests; default 2. */
    public FakeUpstreamOptions eventLoops(int eventLoops) {
        if (eventLoops < 1) {
            throw new IllegalArgumentException("eventLoops must be >= 1, was " + eventLoops);
        }
        this.eventLoops = eventLoops;
        return this;
    }

    /**
     * The only API key accepted ({@code x-api-key} or {@code Authorization: Bearer}); {@code null}
     * (the default) accepts any non-empty key.
     */
    public FakeUpstreamOptions requiredApiKey(String requiredApiKey) {
        this.requiredApiKey = requiredApiKey;
        return this;
    }

    /** The clock for {@code created} timestamps; default the system UTC clock. */
    public FakeUpstreamOptions clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** The initial {@link FakeUpstream#setReplyWords} (0 = echo), restored by {@link FakeUpstream#reset}. */
    public FakeUpstreamOptions replyWords(int replyWords) {
        if (replyWords < 0) {
            throw new IllegalArgumentException("replyWords must be >= 0, was " + replyWords);
        }
        this.replyWords = replyWords;
        return this;
    }

    /** The initial {@link FakeUpstream#setChunkDelay}, restored by {@link FakeUpstream#reset}. */
    public FakeUpstreamOptions chunkDelay(Duration chunkDelay) {
        if (chunkDelay == null || chunkDelay.isNegative()) {
            throw new IllegalArgumentException("chunkDelay must be a non-negative duration, was " + chunkDelay);
        }
        this.chunkDelay = chunkDelay;
        return this;
    }

    /**
     * The AWS credentials whose SigV4 signatures the Bedrock endpoints accept; default {@link
     * FakeUpstream#AWS_ACCESS_KEY_ID} and {@link FakeUpstream#AWS_SECRET_ACCESS_KEY}.
     */
    public FakeUpstreamOptions awsCredentials(String accessKeyId, String secretAccessKey) {
        if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isBlank()) {
            throw new IllegalArgumentException("AWS credentials must not be blank");
        }
        this.awsAccessKeyId = accessKeyId;
        this.awsSecretAccessKey = secretAccessKey;
        return this;
    }

    /** A Bedrock API key the Bedrock endpoints also accept as {@code Authorization: Bearer}; default none. */
    public FakeUpstreamOptions bedrockApiKey(String bedrockApiKey) {
        this.bedrockApiKey = bedrockApiKey;
        return this;
    }

    public String awsAccessKeyId() {
        return awsAccessKeyId;
    }

    public String awsSecretAccessKey() {
        return awsSecretAccessKey;
    }

    public String bedrockApiKey() {
        return bedrockApiKey;
    }

    /** How long the Google access tokens of {@code POST /token} live (Vertex AI mode); default one hour. */
    public FakeUpstreamOptions googleTokenLifetime(Duration lifetime) {
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("googleTokenLifetime must be a positive duration, was " + lifetime);
        }
        this.googleTokenLifetime = lifetime;
        return this;
    }

    public Duration googleTokenLifetime() {
        return googleTokenLifetime;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public int eventLoops() {
        return eventLoops;
    }

    public String requiredApiKey() {
        return requiredApiKey;
    }

    public Clock clock() {
        return clock;
    }

    public int replyWords() {
        return replyWords;
    }

    public Duration chunkDelay() {
        return chunkDelay;
    }
}
