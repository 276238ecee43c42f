package dev.sovereign.gateway.provider;

import dev.sovereign.config.Timeouts;
import dev.sovereign.gateway.provider.resilience.AttemptFailure;
import dev.sovereign.gateway.translate.AnswerTranslator;
import dev.sovereign.gateway.wire.Exchange;
import dev.sovereign.gateway.wire.InboundRequest;
import dev.sovereign.gateway.wire.Json;
import dev.sovereign.gateway.wire.Outcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;

/**
 * The Provider and Egress stages: sends a prepared request upstream and relays the answer to the client
 * as it comes.
 *
 * <p>Design: a streamed answer is cut into complete server-sent events (by the splitter of the upstream's
 * {@link AnswerFormat}: SSE as it comes, or another framing re-emitted as SSE) and each is written to the
 * client as soon as it is whole, so nothing is buffered beyond one event and a failure can always be
 * reported as a well-formed in-stream error event. Backpressure flows from the client socket to the
 * upstream socket (pause/resume). Three timers guard the exchange: connect (in the client options),
 * first byte (request sent → response headers) and idle (silence between two chunks). A client that
 * disconnects resets the upstream request. Confined to the exchange's event loop.
 *
 * <p>For a request the gateway translated, an {@link AnswerTranslator} sits between the upstream and the client:
 * usage and completion are read from the frames as the upstream sent them (its format's {@link StreamReader}), the
 * translator turns them into the client's frames, and the {@link AnswerRestorer} (which works in the client's
 * format) comes last; error bodies are rewritten from the upstream's format into the client's. Without a
 * translator the path is the one above, frame bytes relayed untouched.
 */
public final class Forwarder {

    private final Vertx vertx;
    private final Json json;
    private final AnswerReading answers;
    private final long maxResponseBytes;

    public Forwarder(Vertx vertx, Json json, AnswerReading answers, long maxResponseBytes) {
        this.vertx = vertx;
        this.json = json;
        this.answers = answers;
        this.maxResponseBytes = maxResponseBytes;
    }

    /**
     * One attempt at one provider: the client's request, the provider's id, pool and timeouts, the prepared upstream
     * request, and how the answer comes back.
     *
     * @param restorer puts pseudonymized values back into the answer ({@code null}: the answer passes as it comes)
     * @param translator brings an answer in another format than the client's {@code request} into the client's,
     *     before {@code restorer} sees it ({@code null}: the upstream answers in the client's format)
     * @param gate asked before a failure reaches a client that has received nothing yet ({@code null}: every failure
     *     reaches the client)
     */
    public record Attempt(
            InboundRequest request,
            String provider,
            HttpClient client,
            Timeouts timeouts,
            UpstreamRequest upstream,
            AnswerRestorer restorer,
            AnswerTranslator translator,
            FailureGate gate) {}

    /**
     * Asked, while nothing of the answer has reached the client, whether another attempt will take over a failure
     * of this one (a retry, or the route's next target).
     */
    @FunctionalInterface
    public interface FailureGate {
        /** True: the gateway tries again, so the client hears nothing of {@code failure}. */
        boolean takeOver(AttemptFailure failure);
    }

    /**
     * Completes when the client has its whole answer (or its error), or when the attempt's {@link FailureGate} took
     * its failure over (then nothing was written to the client); never fails.
     */
    public Future<Outcome> forward(Exchange exchange, Attempt attempt) {
        ForwardedCall call = new ForwardedCall(
                vertx,
                json,
                answers,
                maxResponseBytes,
                exchange,
                attempt.request(),
                attempt.provider(),
                attempt.timeouts(),
                attempt.upstream(),
                attempt.restorer(),
                attempt.translator(),
                attempt.gate());
        call.start(attempt.client());
        return call.done.future();
    }
}
