package dev.sovereign.gateway.provider;

import dev.sovereign.gateway.wire.InboundRequest;
import java.util.function.Supplier;

/**
 * The request as it will leave, after the transform stage: its data replaced where the decision says so, and, when
 * values were pseudonymized, where to get a restorer that puts them back into one attempt's answer ({@code null}:
 * nothing to put back).
 */
public record Transformed(InboundRequest request, Supplier<AnswerRestorer> restorers) {
    /** The request as it came: nothing replaced. */
    public static Transformed unchanged(InboundRequest request) {
        return new Transformed(request, null);
    }

    /** A new restorer for one attempt's answer (each attempt's stream starts afresh), or {@code null}. */
    public AnswerRestorer answerRestorer() {
        return restorers == null ? null : restorers.get();
    }
}
