package dev.sovereign.bench.policy;

import dev.sovereign.classify.Finding;
import dev.sovereign.config.ModelMapping;
import dev.sovereign.config.ProviderConfig;
import dev.sovereign.config.ProviderKind;
import dev.sovereign.config.Timeouts;
import dev.sovereign.config.WireFormat;
import dev.sovereign.policy.Policy;
import dev.sovereign.policy.PolicyLoader;
import dev.sovereign.policy.ProviderFacts;
import dev.sovereign.policy.RequestFacts;
import dev.sovereign.routing.ModelRouter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A policy as an organisation with several workloads would write it: 20 ordered rules whose CEL conditions read
 * categories, findings and their confidence, workloads, labels, the team, and the request's operation, model,
 * size and stream flag; six routes over five providers; six guarantees. And the requests the benchmarks decide.
 */
public final class RealisticPolicy {
    public static final String YAML = """
            routes:
              self-hosted: {provider: local, model: llama3.1-70b}
              self-hosted-small: {provider: local, model: llama3.1-8b}
              mistral-eu: {provider: mistral-eu, model: mistral-large-latest}
              claude-eu: {provider: bedrock-eu, model: eu.anthropic.claude-sonnet-4-5}
              azure-eu: {provider: azure-eu, model: gpt-4o}
              claude-us: {provider: anthropic}
            rules:
              - id: secrets-block
                when: categories.exists(c, c.startsWith('secret.'))
                action: block
                message: Secrets may not be sent to an AI model; remove the credential and try again.
              - id: cards-block
                when: "'financial.card_number' in categories"
                action: block
                message: Card numbers may not be sent to an AI model.
              - id: special-certain
                when: findings.exists(f, f.category.startsWith('special.') && f.confidence >= 0.9)
                action: forward
                route: self-hosted
              - id: special-any
                when: categories.exists(c, c.startsWith('special.'))
                action: forward
                route: self-hosted
              - id: hr
                when: workload == 'hr-assistant'
                action: forward
                route: self-hosted
              - id: legal-confidential
                when: workload in ['legal-review', 'contracts'] && 'confidential' in labels
                action: forward
                route: self-hosted
              - id: restricted
                when: "'restricted' in labels || 'label.restricted' in categories"
                action: forward
                route: self-hosted
              - id: national-ids-masked
                when: categories.exists(c, c.startsWith('pii.national_id.') || c.startsWith('pii.tax_id.'))
                action: redact
                mode: mask
                categories: [pii.national_id.*, pii.tax_id.*, pii.email, pii.phone]
                route: claude-eu
              - id: health-insurance-local
                when: "'pii.health_insurance.gb' in categories"
                action: forward
                route: self-hosted
              - id: finance-bot
                when: workload == 'finance-bot' && categories.exists(c, c.startsWith('financial.'))
                action: forward
                route: mistral-eu
              - id: bank-details
                when: "'financial.iban' in categories || 'financial.bic' in categories"
                action: redact
                mode: pseudonymize
                categories: [financial.*, pii.*]
                route: mistral-eu
              - id: bulk-emails
                when: "'pii.email' in categories && categories['pii.email'] > 20"
                action: block
                message: Requests with more than 20 e-mail addresses look like an export; ask the data team.
              - id: large-requests
                when: request.size > 200000 && workload != 'batch-summaries'
                action: forward
                route: mistral-eu
              - id: support-streaming
                when: workload == 'support-chat' && request.stream && categories.exists(c, c.startsWith('pii.'))
                action: redact
                mode: pseudonymize
                categories: [pii.*]
                route: azure-eu
              - id: personal-data
                when: categories.exists(c, c.startsWith('pii.'))
                action: redact
                mode: pseudonymize
                categories: [pii.*]
                route: claude-eu
              - id: attachments
                when: "'content.binary' in categories"
                action: forward
                route: mistral-eu
              - id: embeddings-local
                when: request.operation == 'embeddings'
                action: forward
                route: self-hosted-small
              - id: internal
                when: labels.exists(l, l == 'internal')
                action: forward
                route: claude-eu
              - id: research-us
                when: team == 'research' && request.model.startsWith('claude-') && request.api == 'anthropic'
                action: forward
                route: claude-us
              - id: by-model
                action: forward
            guarantees:
              - id: secrets-never-leave
                categories: [secret.*]
                allow: none
              - id: cards-never-leave
                categories: [financial.card_number]
                allow: none
              - id: special-in-eu
                description: Health and other special-category data stay under EU jurisdiction.
                categories: [special.*]
                allow: {jurisdictions: [eu]}
              - id: hr-self-hosted
                workloads: [hr-assistant]
                allow: {routes: [self-hosted]}
              - id: national-ids-in-eu-regions
                categories: [pii.national_id.*, pii.tax_id.*]
                allow: {regions: [eu, local]}
              - id: restricted-in-eu
                categories: [label.restricted]
                allow: {jurisdictions: [eu]}
            """;

    /** The five-rule example policy of the README, for comparison: fewer names in its conditions. */
    public static final String README_EXAMPLE = """
            routes:
              self-hosted: {provider: local, model: llama3.1-70b}
              eu-mistral: {provider: mistral-eu, model: mistral-large-latest}
              claude-eu: {provider: bedrock-eu, model: eu.anthropic.claude-sonnet-4-5}
            rules:
              - id: secrets-block
                when: categories.exists(c, c.startsWith('secret.'))
                action: block
                message: Secrets may not be sent to an AI model.
              - id: special-self-hosted
                when: categories.exists(c, c.startsWith('special.')) || workload == 'hr-assistant'
                action: forward
                route: self-hosted
              - id: confidential-eu
                when: "'confidential' in labels"
                action: forward
                route: eu-mistral
              - id: pii-pseudonymized
                when: categories.exists(c, c.startsWith('pii.'))
                action: redact
                mode: pseudonymize
                categories: [pii.*]
                route: claude-eu
              - id: by-model
                action: forward
            guarantees:
              - id: secrets-never-leave
                categories: [secret.*]
                allow: none
              - id: special-in-eu
                categories: [special.*]
                allow: {jurisdictions: [eu]}
              - id: hr-self-hosted
                workloads: [hr-assistant]
                allow: {routes: [self-hosted]}
            """;

    /** Five providers as their sovereignty profiles place them. */
    public static final Map<String, ProviderFacts> PROVIDERS = Map.of(
            "anthropic", new ProviderFacts("anthropic", "us", "us"),
            "bedrock-eu", new ProviderFacts("bedrock-eu", "eu-central-1", "us"),
            "azure-eu", new ProviderFacts("azure-eu", "eu-west-1", "us"),
            "mistral-eu", new ProviderFacts("mistral-eu", "eu", "eu-us-reach"),
            "local", new ProviderFacts("local", "local", "eu"));

    public static final ModelRouter ROUTER = new ModelRouter(List.of(
            provider("anthropic", "claude-*"),
            provider("bedrock-eu", "eu.anthropic.*"),
            provider("azure-eu", "gpt-*"),
            provider("mistral-eu", "mistral-*"),
            provider("local", "llama*")));

    private RealisticPolicy() {}

    public static Policy load() {
        return load("realistic");
    }

    /** {@code realistic} ({@link #YAML}) or {@code readme-example} ({@link #README_EXAMPLE}). */
    public static Policy load(String name) {
        String yaml = switch (name) {
            case "realistic" -> YAML;
            case "readme-example" -> README_EXAMPLE;
            default -> throw new IllegalArgumentException(name);
        };
        return new PolicyLoader(PROVIDERS, ROUTER).load(name + ".yaml", yaml);
    }

    private static ProviderConfig provider(String id, String pattern) {
        return new ProviderConfig(
                id,
                ProviderKind.OPENAI_COMPATIBLE,
                URI.create("http://localhost/v1"),
                "x",
                Optional.empty(),
                Set.of(WireFormat.OPENAI),
                id,
                Timeouts.DEFAULTS,
                8,
                List.of(new ModelMapping(pattern, null)),
                Optional.empty());
    }

    /**
     * The requests the decide benchmark measures, as the Classify stage would describe them:
     *
     * <ul>
     *   <li>{@code plain}: nothing sensitive, from a support workload; every rule is evaluated and the last decides
     *       (the longest path);
     *   <li>{@code personal}: two e-mail addresses and a person's name in a chat; decided by rule 15 after 14
     *       conditions, four of which walk the findings;
     *   <li>{@code special}: health data found with high confidence; decided by rule 3.
     * </ul>
     */
    public static RequestFacts request(String kind) {
        return switch (kind) {
            case "plain" -> facts("support-chat", Map.of(), Set.of(), false);
            case "personal" -> facts("chat", Map.of("pii.email", 2, "pii.person_name", 1), Set.of("internal"), true);
            case "special" -> facts("clinic", Map.of("special.health", 3, "pii.person_name", 1), Set.of(), false);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /**
     * Fails unless {@code ruleId} is the rule that decides request {@code kind} as described above: a benchmark
     * checks at setup that it measures the path it claims to.
     */
    public static void expectRule(String ruleId, String kind) {
        String expected = switch (kind) {
            case "plain" -> "by-model";
            case "personal" -> "personal-data";
            case "special" -> "special-certain";
            default -> throw new IllegalArgumentException(kind);
        };
        if (!expected.equals(ruleId)) {
            throw new IllegalStateException(
                    "request '" + kind + "' was decided by rule '" + ruleId + "', not '" + expected + "'");
        }
    }

    private static RequestFacts facts(
            String workload, Map<String, Integer> categories, Set<String> labels, boolean stream) {
        List<Finding> findings = new ArrayList<>();
        int at = 0;
        for (Map.Entry<String, Integer> e : categories.entrySet()) {
            for (int i = 0; i < e.getValue(); i++) {
                findings.add(new Finding(e.getKey(), at, at + 12, 0.95, "bench"));
                at += 40;
            }
        }
        return new RequestFacts(
                WireFormat.OPENAI,
                "chat_completions",
                "claude-sonnet-4-5",
                stream,
                8_400,
                "support-prod",
                "customer-care",
                workload,
                labels,
                categories,
                findings);
    }
}
