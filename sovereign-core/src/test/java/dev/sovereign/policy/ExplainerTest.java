package dev.sovereign.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.classify.Classifier;
import dev.sovereign.config.WireFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Explanations of real requests, classified by the default classifier and decided by a real policy. */
class ExplainerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Explainer EXPLAINER = Explainer.of(PolicyTest.load(PolicyTest.GOOD), Classifier.defaults());

    static ExplainRequest request(WireFormat api, String json) {
        try {
            return ExplainRequest.of(api, JSON.readTree(json), json.getBytes(StandardCharsets.UTF_8).length);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String openAi(String text) {
        return "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":" + quote(text) + "}]}";
    }

    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void personalDataIsPseudonymizedOnTheEuRouteAndOnlyTheRestReachesTheProvider() {
        String body = openAi("Write to jane.doe@example.com about the invoice.");
        Explanation e = EXPLAINER.explain(request(WireFormat.OPENAI, body));

        assertThat(e.policy()).isEqualTo("policy.yaml");
        assertThat(e.request())
                .isEqualTo(new Explanation.Request(
                        "openai", "chat_completions", "claude-sonnet-4-5", false, body.length()));
        assertThat(e.categories()).containsExactly(Map.entry("pii.email", 1));
        assertThat(e.findings())
                .containsExactly(new Explanation.FoundAt("/messages/0/content", "pii.email", 9, 29, 0.95, "email"));
        Explanation.Outcome d = e.decision();
        assertThat(d.action()).isEqualTo("redact");
        assertThat(d.rule()).isEqualTo("pii-pseudonymized-eu");
        assertThat(d.route()).isEqualTo("claude-eu");
        assertThat(d.provider()).isEqualTo("claude-eu");
        assertThat(d.upstreamModel()).isEqualTo("eu.claude-sonnet-4-5");
        assertThat(d.region()).isEqualTo("eu-central-1");
        assertThat(d.jurisdiction()).isEqualTo("us");
        assertThat(d.redaction()).isEqualTo(new Explanation.RedactionSpec("pseudonymize", List.of("pii.*")));
        assertThat(d.reaching()).as("the e-mail address is pseudonymized").isEmpty();
        assertThat(e.guarantees())
                .extracting(Explanation.GuaranteeCheck::id, Explanation.GuaranteeCheck::held)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("secrets-never-leave", true),
                        org.assertj.core.groups.Tuple.tuple("special-stays-self-hosted", true),
                        org.assertj.core.groups.Tuple.tuple("hr-self-hosted", true),
                        org.assertj.core.groups.Tuple.tuple("personal-data-in-eu-regions", true));
        assertThat(e.wouldForward()).isTrue();
    }

    @Test
    void anthropicSegmentsAreLocatedByTheirJsonPointer() {
        String body = """
                {"model":"claude-sonnet-4-5","max_tokens":100,
                 "system":"You help doctors.",
                 "messages":[{"role":"user","content":[
                   {"type":"text","text":"Summarise."},
                   {"type":"text","text":"The patient has diabetes and asthma."}]}]}""";
        Explanation e = EXPLAINER.explain(request(WireFormat.ANTHROPIC, body)
                .withSubject("k1", "care", "clinic")
                .withLabels(Set.of(" Internal ")));

        assertThat(e.request().api()).isEqualTo("anthropic");
        assertThat(e.request().operation()).isEqualTo("messages");
        assertThat(e.subject()).isEqualTo(new Explanation.Subject("k1", "care", "clinic", List.of("internal")));
        assertThat(e.categories()).containsEntry("label.internal", 1).containsKey("special.health");
        assertThat(e.findings())
                .allSatisfy(f -> assertThat(f.segment()).isEqualTo("/messages/0/content/1/text"))
                .extracting(Explanation.FoundAt::category)
                .contains("special.health");
        assertThat(e.decision().rule()).isEqualTo("special-local");
        assertThat(e.decision().provider()).isEqualTo("local");
        assertThat(e.decision().jurisdiction()).isEqualTo("eu");
        assertThat(e.decision().reaching()).contains("special.health", "label.internal");
        assertThat(e.wouldForward()).isTrue();
    }

    @Test
    void aSecretIsBlockedWithTheRulesMessageAndNothingWouldLeave() {
        Explanation e = EXPLAINER.explain(request(WireFormat.OPENAI, openAi("deploy with AKIAIOSFODNN7EXAMPLE")));
        assertThat(e.decision().action()).isEqualTo("block");
        assertThat(e.decision().rule()).isEqualTo("secrets-block");
        assertThat(e.decision().message()).isEqualTo("Secrets may not be sent to an AI model.");
        assertThat(e.decision().provider()).isNull();
        assertThat(e.decision().jurisdiction()).isNull();
        assertThat(e.decision().reaching()).isEmpty();
        assertThat(e.guarantees()).allSatisfy(g -> assertThat(g.held()).isTrue());
        assertThat(e.wouldForward()).isFalse();
    }

    @Test
    void theJsonFormIsStableSnakeCaseAndNeverHoldsTheValues() throws Exception {
        String body =
                "{\"model\":\"llama3\",\"messages\":[{\"role\":\"user\",\"content\":\"mail jane.doe@example.com\"}]}";
        Explanation e = Explainer.byModel(PolicyTest.ROUTER, PolicyTest.PROVIDERS, Classifier.defaults())
                .explain(request(WireFormat.OPENAI, body).withSubject(null, null, "chat"));
        assertThat(e.toJson())
                .isEqualTo("{\"policy\":null,"
                        + "\"request\":{\"api\":\"openai\",\"operation\":\"chat_completions\",\"model\":\"llama3\","
                        + "\"stream\":false,\"size_bytes\":" + body.length() + "},"
                        + "\"subject\":{\"key\":null,\"team\":null,\"workload\":\"chat\",\"labels\":[]},"
                        + "\"categories\":{\"pii.email\":1},"
                        + "\"findings\":[{\"segment\":\"/messages/0/content\",\"category\":\"pii.email\",\"start\":5,"
                        + "\"end\":25,\"confidence\":0.95,\"detector\":\"email\",\"form\":\"value\"}],"
                        + "\"decision\":{\"action\":\"forward\",\"rule\":\"model-routing\",\"message\":null,"
                        + "\"route\":null,\"provider\":\"local\",\"upstream_model\":\"llama3\",\"region\":\"local\","
                        + "\"jurisdiction\":\"eu\",\"redaction\":null,\"reaching\":[\"pii.email\"]},"
                        + "\"guarantees\":[],"
                        + "\"would_forward\":true}");
        assertThat(e.toJson()).doesNotContain("jane.doe");
        JsonNode tree = e.toJsonTree();
        assertThat(tree.path("decision").path("provider").asText()).isEqualTo("local");
    }

    @Test
    void withoutAPolicyAModelNobodyServesIsUnroutable() {
        Explanation e = Explainer.byModel(PolicyTest.ROUTER, PolicyTest.PROVIDERS, Classifier.defaults())
                .explain(request(WireFormat.OPENAI, "{\"model\":\"gpt-9\",\"input\":\"hello\"}"));
        assertThat(e.request().operation()).isEqualTo("embeddings");
        assertThat(e.decision().action()).isEqualTo("unroutable");
        assertThat(e.decision().rule()).isEqualTo(ModelRoutingDecider.NO_ROUTE);
        assertThat(e.decision().message()).isEqualTo("No provider serves model 'gpt-9'.");
        assertThat(e.wouldForward()).isFalse();
    }

    @Test
    void aDecisionThatBreaksAGuaranteeIsShownAsRefused() {
        // The loader refuses this policy (the checker tries six e-mail addresses); built without the check, its
        // decision for such a request is shown as refused by the route guard.
        String yaml = PolicyTest.ROUTES + """
                  us: {provider: anthropic}
                rules:
                  - id: mailing-list
                    when: "'pii.email' in categories && categories['pii.email'] > 5"
                    action: forward
                    route: us
                  - id: rest
                    action: forward
                    route: self-hosted
                guarantees:
                  - id: special-stays-self-hosted
                    description: Special-category data stays under EU jurisdiction.
                    categories: [special.*]
                    allow: {jurisdictions: [eu]}
                """;
        assertThatThrownBy(() -> PolicyTest.load(yaml)).hasMessageContaining("by rule 'mailing-list'");
        PolicyCheck.Report r = PolicyCheckTest.CHECK.check("policy.yaml", yaml);
        Policy p = new Policy(
                "policy.yaml", r.rules(), r.routes(), r.guarantees(), PolicyTest.ROUTER, PolicyTest.PROVIDERS);
        String text = "Patients with diabetes: a@x.eu, b@x.eu, c@x.eu, d@x.eu, e@x.eu, f@x.eu";
        Explanation e = Explainer.of(p, Classifier.defaults()).explain(request(WireFormat.OPENAI, openAi(text)));
        assertThat(e.decision().rule()).isEqualTo("mailing-list");
        assertThat(e.decision().jurisdiction()).isEqualTo("us");
        assertThat(e.guarantees())
                .containsExactly(new Explanation.GuaranteeCheck(
                        "special-stays-self-hosted", "Special-category data stays under EU jurisdiction.", false));
        assertThat(e.broken()).containsExactly("special-stays-self-hosted");
        assertThat(e.wouldForward()).isFalse();
    }

    @Test
    void factsGivenDirectlyAreDecidedWithoutClassification() {
        Explanation e = EXPLAINER.explain(PolicyTest.facts("hr-assistant", Map.of("pii.email", 1)));
        assertThat(e.findings()).isEmpty();
        assertThat(e.decision().rule()).isEqualTo("special-local");
        assertThat(e.decision().provider()).isEqualTo("local");
    }

    @Test
    void badBodiesAreRefusedByFieldWithoutEchoingThem() {
        assertThatThrownBy(() -> EXPLAINER.explain(request(WireFormat.OPENAI, "{\"messages\":[]}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model: required");
        assertThatThrownBy(() -> EXPLAINER.explain(request(WireFormat.OPENAI, "{\"model\":42}")))
                .hasMessage("model: expected a string, got a number");
        assertThatThrownBy(() -> EXPLAINER.explain(request(WireFormat.OPENAI, "[\"secret text\"]")))
                .hasMessage("body: expected a JSON object, got an array");
        assertThatThrownBy(() -> EXPLAINER.explain(request(WireFormat.OPENAI, "{\"model\":\"m\",\"stream\":\"yes\"}")))
                .hasMessage("stream: expected a boolean, got a string");
    }

    @Test
    void oneExplainerServesManyThreads() {
        String body = openAi("Write to jane.doe@example.com; the patient has diabetes.");
        Explanation first = EXPLAINER.explain(request(WireFormat.OPENAI, body));
        assertThat(IntStream.range(0, 200)
                        .parallel()
                        .mapToObj(i -> EXPLAINER.explain(request(WireFormat.OPENAI, body)))
                        .distinct())
                .containsExactly(first);
    }
}
