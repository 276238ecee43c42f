package dev.sovereign.policy;

import dev.sovereign.classify.Classification;
import dev.sovereign.redact.CategorySelector;
import dev.sovereign.redact.Redactor;

/**
 * Turns a decision to redact into a refusal when a value it would replace cannot be replaced: one found in an object
 * key, a tool's name, a call id, or the text of a PDF. Forwarding such a request would send that value in clear, so
 * the rule's intent is kept by not forwarding at all. The gateway's pipeline and explanations apply the same check, so
 * what {@code explain} says is what the gateway does. Pure.
 */
public final class RedactionGuard {
    private RedactionGuard() {}

    /** {@code decision} itself, or a block by the same rule saying where the value is (never the value). */
    public static Decision apply(Decision decision, Classification classification) {
        if (decision.action() != Decision.Action.FORWARD || decision.redaction() == null) return decision;
        Redactor.Unreplaceable found = Redactor.unreplaceable(
                classification, CategorySelector.of(decision.redaction().categories()));
        if (found == null) return decision;
        return Decision.block(
                decision.ruleId(),
                "This request was not forwarded: rule '" + decision.ruleId() + "' redacts " + found.category()
                        + ", and " + found.reason() + ".");
    }
}
