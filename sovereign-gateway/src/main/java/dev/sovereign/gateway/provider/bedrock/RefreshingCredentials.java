package dev.sovereign.gateway.provider.bedrock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.ResolveIdentityRequest;

/**
 * AWS credentials resolved off the event loop and read on it without waiting.
 *
 * <p>Design: resolving credentials can block — a profile file read, a call to STS for a web identity, the instance
 * or container metadata endpoint — and an event loop must never wait for it. One daemon thread per provider resolves
 * them at once and then every {@code period}; the providers of the AWS default chain cache what they fetched and
 * renew it before it expires, so a periodic resolve costs nothing until a renewal is due. {@link #current} is a
 * volatile read: it returns the last credentials resolved while they have not expired. A resolve that fails keeps
 * the last good credentials (until they expire) and is logged once per distinct problem, without any secret.
 *
 * <p>Thread-safety: {@link #current} may be called from any thread; {@link #close} stops the refresh thread.
 */
public final class RefreshingCredentials implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshingCredentials.class);

    private final String providerId;
    private final IdentityProvider<? extends AwsCredentialsIdentity> source;
    private final Clock clock;
    private final ScheduledExecutorService refresher;
    private final CountDownLatch firstAttempt = new CountDownLatch(1);
    private volatile AwsCredentialsIdentity current;
    private volatile String problem = "not resolved yet";

    /**
     * Starts resolving at once, then every {@code period}.
     *
     * @param providerId the gateway provider these credentials sign for, for logs and thread names
     */
    public RefreshingCredentials(
            String providerId,
            IdentityProvider<? extends AwsCredentialsIdentity> source,
            Duration period,
            Clock clock) {
        this.providerId = providerId;
        this.source = source;
        this.clock = clock;
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sovereign-aws-credentials-" + providerId);
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The credentials to sign with now, or empty when none could be resolved or the last ones expired. */
    public Optional<AwsCredentialsIdentity> current() {
        AwsCredentialsIdentity c = current;
        if (c == null) return Optional.empty();
        Optional<Instant> expiry = c.expirationTime();
        if (expiry.isPresent() && !clock.instant().isBefore(expiry.get())) return Optional.empty();
        return Optional.of(c);
    }

    /** Why there are no credentials, for error messages and the start-up report; never a secret. */
    public String problem() {
        return problem;
    }

    /**
     * What the current credentials are, for the start-up report — long-term, or temporary with their expiry —
     * or empty when there are none; never a key. (The SDK names their provider only by a short feature code.)
     */
    public Optional<String> describeCurrent() {
        AwsCredentialsIdentity c = current;
        if (c == null) return Optional.empty();
        return Optional.of(
                c instanceof AwsSessionCredentialsIdentity
                        ? "temporary AWS credentials"
                                + c.expirationTime().map(e -> " expiring " + e).orElse("")
                        : "long-term AWS credentials");
    }

    /** Waits, off any event loop, until the first resolve has been tried (for the start-up report and tests). */
    public boolean awaitFirstAttempt(Duration timeout) {
        try {
            return firstAttempt.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void refresh() {
        try {
            AwsCredentialsIdentity resolved = source.resolveIdentity(
                            ResolveIdentityRequest.builder().build())
                    .join();
            if (resolved == null) throw new IllegalStateException("the credentials provider returned none");
            boolean first = current == null;
            current = resolved;
            if (first || problem != null) {
                LOG.info(
                        "bedrock provider {}: {} resolved",
                        providerId,
                        describeCurrent().orElse("credentials"));
            }
            problem = null;
        } catch (RuntimeException e) {
            Throwable cause =
                    e.getCause() != null && e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
            String why = cause.getClass().getSimpleName() + ": "
                    + String.valueOf(cause.getMessage()).replaceAll("[\\r\\n]+", " ");
            if (!why.equals(problem)) {
                LOG.warn("bedrock provider {}: no AWS credentials ({})", providerId, why);
            }
            problem = why;
        } finally {
            firstAttempt.countDown();
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
