package dev.sovereign.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditedRequestsTest {
    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    static AuditEvent decision(String id, String action, List<String> redacted) {
        return new AuditEvent(
                AuditEvent.Type.DECISION,
                T0,
                id,
                new AuditEvent.Subject("k1", "team", "support"),
                new AuditEvent.Request("anthropic", "messages", "claude-x", true, 100L),
                Map.of("pii.email", 2, "special.health", 1),
                null,
                new AuditEvent.Route(
                        "r1", action, "bedrock-eu", "eu-central-1", "eu-us-reach", "m", "eu-claude", redacted),
                null,
                null,
                null);
    }

    static AuditEvent completion(String id, long in, long out) {
        return new AuditEvent(
                AuditEvent.Type.COMPLETION,
                T0.plusSeconds(2),
                id,
                new AuditEvent.Subject("k1", "team", "support"),
                new AuditEvent.Request("anthropic", "messages", null, null, null),
                null,
                null,
                new AuditEvent.Route("r1", "redact", "bedrock-eu", "eu-central-1", "eu-us-reach", "m"),
                null,
                new AuditEvent.Result(200, 900L, 120L, in, out, 42L, null, null),
                null);
    }

    @Test
    void aDecisionIsJoinedWithItsCompletionAndTheRestComeAtTheEnd() {
        List<AuditedRequest> out = new ArrayList<>();
        AuditedRequests join = new AuditedRequests(out::add);
        join.accept(decision("a", "redact", List.of("pii.email")));
        join.accept(decision("b", "block", null));
        join.accept(completion("orphan", 5, 6));
        join.accept(completion("a", 100, 20));
        assertThat(out).extracting(AuditedRequest::requestId).containsExactly("orphan", "a");
        join.finish();
        assertThat(out).extracting(AuditedRequest::requestId).containsExactly("orphan", "a", "b");
        assertThat(join.events()).isEqualTo(4);

        AuditedRequest a = out.get(1);
        assertThat(a.completed()).isTrue();
        assertThat(a.decisionRead()).isTrue();
        assertThat(a.time()).isEqualTo(T0);
        assertThat(a.model()).isEqualTo("claude-x");
        assertThat(a.tokens()).isEqualTo(120);
        assertThat(a.costMicroUsd()).isEqualTo(42);
        assertThat(a.forwarded()).isTrue();
        assertThat(a.reaching()).containsExactly("special.health");
        assertThat(a.policyRoute()).isEqualTo("eu-claude");

        AuditedRequest orphan = out.get(0);
        assertThat(orphan.decisionRead()).isFalse();
        assertThat(orphan.categories()).isEmpty();
        assertThat(orphan.provider()).isEqualTo("bedrock-eu");

        AuditedRequest blocked = out.get(2);
        assertThat(blocked.forwarded()).isFalse();
        assertThat(blocked.reaching()).isEmpty();
        assertThat(blocked.completed()).isFalse();
    }

    @Test
    void theRedactedCategoriesRoundTripThroughCanonicalJson() {
        AuditEvent d = decision("a", "redact", List.of("pii.email"));
        String json = AuditJson.canonical(d);
        assertThat(json).contains("\"redacted\":[\"pii.email\"]");
        assertThat(AuditJson.mapper().convertValue(AuditJson.mapper().valueToTree(d), AuditEvent.class))
                .isEqualTo(d);
        assertThat(AuditJson.canonical(decision("b", "forward", List.of()))).doesNotContain("redacted");
    }

    static AuditEvent fallback(String id, String provider, String jurisdiction, int failedStatus) {
        return new AuditEvent(
                AuditEvent.Type.FALLBACK,
                T0.plusSeconds(1),
                id,
                new AuditEvent.Subject("k1", "team", "support"),
                null,
                null,
                null,
                new AuditEvent.Route("r1", "redact", provider, "x", jurisdiction, "m2", "eu-claude", null),
                null,
                new AuditEvent.Result(failedStatus, null, null, null, null, null, "upstream." + failedStatus, null),
                null);
    }

    @Test
    void aRequestThatFellBackIsCountedAtItsLastTargetAndKeepsTheEarlierOnes() {
        List<AuditedRequest> out = new ArrayList<>();
        AuditedRequests join = new AuditedRequests(out::add);
        join.accept(decision("a", "redact", List.of("pii.email")));
        join.accept(fallback("a", "vertex-eu", "eu", 529));
        join.accept(fallback("a", "local", "eu-self", 503));
        join.accept(fallback("not-decided-here", "local", "eu-self", 503));
        join.accept(completion("a", 10, 20));
        join.finish();
        assertThat(out).extracting(AuditedRequest::requestId).containsExactly("a");
        AuditedRequest a = out.get(0);
        assertThat(a.provider()).isEqualTo("local");
        assertThat(a.jurisdiction()).isEqualTo("eu-self");
        assertThat(a.upstreamModel()).isEqualTo("m2");
        assertThat(a.rule()).isEqualTo("r1");
        assertThat(a.redacted()).containsExactly("pii.email");
        assertThat(a.fellBack()).isTrue();
        assertThat(a.earlierTargets())
                .extracting(AuditEvent.Route::provider)
                .containsExactly("bedrock-eu", "vertex-eu");
        assertThat(join.events()).isEqualTo(5);
    }
}
