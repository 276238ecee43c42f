package dev.sovereign.bench.audit;

import dev.sovereign.audit.AuditEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Audit events shaped like the gateway's ({@code dev.sovereign.gateway.audit.Auditor}): a decision to forward
 * with a client key, team and workload, the request's API, model and size, the categories the classifier found
 * (none in most requests, a few counts in the others), the rule and the provider with its region and
 * jurisdiction; and the completion that follows it. Request ids have the gateway's form ({@code sgw_} and 24
 * random hex digits), so the store's request-id index sees random keys as it does in production; or, to measure
 * what that costs, the same length ordered by time (12 hex digits of the epoch millisecond, then 12 random).
 *
 * <p>Not thread-safe: one instance per producer thread. Deterministic for a seed, apart from the time.
 */
final class DecisionEvents {
    private static final HexFormat HEX = HexFormat.of();

    private static final List<AuditEvent.Subject> SUBJECTS = List.of(
            new AuditEvent.Subject("key-support-01", "customer-care", "support-bot"),
            new AuditEvent.Subject("key-support-02", "customer-care", "support-bot"),
            new AuditEvent.Subject("key-hr-01", "people", "hr-assistant"),
            new AuditEvent.Subject("key-dev-01", "platform", "code-review"),
            new AuditEvent.Subject("key-dev-02", "platform", "code-review"),
            new AuditEvent.Subject("key-fin-01", "finance", "invoice-reader"),
            new AuditEvent.Subject("key-legal-01", "legal", "contract-summary"),
            new AuditEvent.Subject("key-sales-01", "sales", "crm-notes"));

    private static final List<AuditEvent.Route> ROUTES = List.of(
            new AuditEvent.Route("default", "forward", "openai", "us", "us", "gpt-4o-mini"),
            new AuditEvent.Route("special-categories-stay-in-eu", "forward", "mistral", "eu", "eu", "mistral-large"),
            new AuditEvent.Route("hr-on-premises", "forward", "local", "eu-west", "eu", "llama-3.1-70b"),
            new AuditEvent.Route("code-to-anthropic", "forward", "anthropic", "us", "us", "claude-sonnet-4"),
            new AuditEvent.Route("finance-azure-eu", "forward", "azure-eu", "swedencentral", "us", "gpt-4o"));

    private static final List<Map<String, Integer>> CATEGORIES = List.of(
            Map.of("pii.email", 1),
            Map.of("pii.email", 2, "pii.phone", 1),
            Map.of("pii.person_name", 3, "pii.postal_address", 1),
            Map.of("special.health", 1, "pii.person_name", 1),
            Map.of("financial.iban", 1, "financial.vat_id", 1, "pii.person_name", 2),
            Map.of("secret.api_key.github", 1),
            Map.of("pii.national_id.fr", 1, "pii.email", 1, "pii.phone", 1));

    private static final List<String> APIS = List.of("openai", "anthropic");

    private final SplittableRandom random;
    private final boolean timeOrderedIds;

    DecisionEvents(long seed, boolean timeOrderedIds) {
        this.random = new SplittableRandom(seed);
        this.timeOrderedIds = timeOrderedIds;
    }

    /** A decision to forward, as the gateway commits it before the upstream call; about 30% carry categories. */
    AuditEvent decision() {
        AuditEvent.Route route = ROUTES.get(random.nextInt(ROUTES.size()));
        String api = APIS.get(random.nextInt(4) == 0 ? 1 : 0);
        Map<String, Integer> categories =
                random.nextInt(10) < 3 ? CATEGORIES.get(random.nextInt(CATEGORIES.size())) : Map.of();
        return new AuditEvent(
                AuditEvent.Type.DECISION,
                now(),
                requestId(),
                SUBJECTS.get(random.nextInt(SUBJECTS.size())),
                new AuditEvent.Request(
                        api,
                        api.equals("openai") ? "chat.completions" : "messages",
                        route.upstreamModel(),
                        random.nextBoolean(),
                        (long) (200 + random.nextInt(16_000))),
                categories,
                null,
                route,
                null,
                null,
                null);
    }

    /** The completion of {@code decision}: status, latency, time to first token and token counts. */
    AuditEvent completion(AuditEvent decision) {
        boolean stream = Boolean.TRUE.equals(decision.request().stream());
        long latency = 300 + random.nextInt(8_000);
        return new AuditEvent(
                AuditEvent.Type.COMPLETION,
                now(),
                decision.requestId(),
                decision.subject(),
                new AuditEvent.Request(
                        decision.request().api(), decision.request().operation(), null, null, null),
                null,
                null,
                decision.route(),
                null,
                new AuditEvent.Result(
                        200,
                        latency,
                        stream ? (long) (80 + random.nextInt(400)) : null,
                        (long) (50 + random.nextInt(4_000)),
                        (long) (10 + random.nextInt(1_000)),
                        null,
                        null,
                        null),
                null);
    }

    private String requestId() {
        if (timeOrderedIds) {
            return "sgw_"
                    + HEX.toHexDigits(System.currentTimeMillis()).substring(4)
                    + HEX.toHexDigits(random.nextLong()).substring(4);
        }
        return "sgw_" + HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextInt());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
